package io.revtops.sync;

import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.sync.BatchResult.Problem;
import io.revtops.sync.resolution.ParticipantResolver;
import io.revtops.sync.resolution.Resolution;
import io.revtops.sync.writer.Coercion;
import io.revtops.sync.writer.ColumnCatalog;
import io.revtops.sync.writer.ColumnCatalog.ColumnInfo;
import io.revtops.sync.writer.ColumnCatalog.TableInfo;
import io.revtops.sync.writer.WriterSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes normalized records into their table in one statement per page: values coerced to the column types (an
 * invalid value becomes null and a warning; a record missing a required value is a failure, the rest are kept), a
 * content hash per record, links resolved from source ids, owners from identity mappings, emails linked to CRM
 * records by their participants, then one {@code INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE … WHERE
 * content_hash IS DISTINCT FROM …}: unchanged rows are not rewritten. Runs in the caller's tenant transaction. If the
 * batch statement still fails (a constraint nobody foresaw), the page is written row by row and only the rows that
 * fail are reported.
 */
@Component
public class RecordWriter {
    private static final Logger log = LoggerFactory.getLogger(RecordWriter.class);

    private final ColumnCatalog catalog;
    private final ParticipantResolver resolver;
    private final int maxTextChars;
    private final Map<String, String> statements = new ConcurrentHashMap<>();

    public RecordWriter(ColumnCatalog catalog, ParticipantResolver resolver, SyncProperties props) {
        this.catalog = catalog;
        this.resolver = resolver;
        this.maxTextChars = props.maxTextChars();
    }

    /** Upserts one page of records of {@code table}; records of other tables are refused. */
    public BatchResult write(JdbcClient j, SyncTarget target, SyncedTable table, List<SyncedRecord> records) {
        if (records.isEmpty()) return new BatchResult(0, 0, 0, 0, 0, List.of());
        if (table == SyncedTable.IDENTITY_MAPPINGS) return writeMappings(j, target, records);
        TableInfo info = catalog.info(j, table);
        List<Problem> problems = new ArrayList<>();
        int warnings = 0;
        // the last version of a record in a page wins (an upsert cannot touch one row twice)
        Map<String, SyncedRecord> unique = new LinkedHashMap<>();
        for (SyncedRecord r : records) {
            if (r.table() != table) throw new IllegalArgumentException("a " + r.table() + " record in a batch of " + table);
            unique.remove(r.sourceId());
            unique.put(r.sourceId(), r);
        }
        long t0 = System.nanoTime();
        List<Row> rows = new ArrayList<>(unique.size());
        MessageDigest sha = sha256();
        for (SyncedRecord r : unique.values()) {
            Row row = prepare(info, r, problems, sha);
            warnings += row.warnings;
            if (row.values != null) rows.add(row);
        }
        int failed = unique.size() - rows.size();
        boolean resolve = table == SyncedTable.ACTIVITIES;
        if (resolve) resolveParticipants(j, target, rows);
        long t1 = System.nanoTime();
        Counts counts = rows.isEmpty() ? new Counts(0, 0) : upsert(j, target, info, rows, resolve, problems);
        if (log.isDebugEnabled()) {
            log.debug("event=sync_write table={} rows={} prepare_ms={} statement_ms={}", table.tableName(), rows.size(),
                    (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        }
        int unchanged = rows.size() - counts.inserted - counts.updated - counts.failed;
        return new BatchResult(counts.inserted, counts.updated, unchanged, failed + counts.failed, warnings, problems);
    }

    /** Deletes the rows of these source ids (deleted upstream). */
    public int delete(JdbcClient j, SyncTarget target, SyncedTable table, Collection<String> sourceIds) {
        if (sourceIds.isEmpty()) return 0;
        if (table == SyncedTable.IDENTITY_MAPPINGS) {
            return bind(j.sql(WriterSql.IDENTITY_MAPPINGS_DELETE), target).param("ids", sourceIds.toArray(String[]::new)).update();
        }
        return bind(j.sql(WriterSql.delete(table, target.scopedToIntegration())), target)
                .param("ids", sourceIds.toArray(String[]::new)).update();
    }

    /** After a full listing: deletes this integration's rows of {@code table} that the listing did not contain. */
    public int sweep(JdbcClient j, SyncTarget target, SyncedTable table, Set<String> seen) {
        String sql = table == SyncedTable.IDENTITY_MAPPINGS ? WriterSql.IDENTITY_MAPPINGS_SWEEP
                : WriterSql.sweep(table, target.scopedToIntegration());
        int n = bind(j.sql(sql), target)
                .param("seen", seen.toArray(String[]::new)).update();
        if (n > 0) log.info("event=sync_sweep org_id={} integration_id={} table={} deleted={}", target.orgId(),
                target.integrationId(), table.tableName(), n);
        return n;
    }

    /**
     * Fills links (and owners) that were left empty because their target arrived later than the row, e.g. contacts
     * synced before their accounts. Returns the number of links filled.
     */
    public int relink(JdbcClient j, SyncTarget target, Collection<SyncedTable> tables) {
        int n = 0;
        for (SyncedTable table : tables) {
            for (SyncedTable.Link link : table.links()) {
                n += bind(j.sql(WriterSql.relink(table, link, target.scopedToIntegration())), target).update();
            }
            if (catalog.info(j, table).hasOwnerUserId() && table.columns().containsKey("owner_source_id")) {
                n += bind(j.sql(WriterSql.relinkOwner(table, target.scopedToIntegration())), target).update();
            }
        }
        return n;
    }

    /**
     * People of a source system with their e-mail, mapped to members by e-mail in the same statement. A bad e-mail is
     * kept as none (a warning); the person is still recorded, so a mapping made by hand can name them.
     */
    private BatchResult writeMappings(JdbcClient j, SyncTarget target, List<SyncedRecord> records) {
        Map<String, String> emails = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        int failed = 0;
        int warnings = 0;
        for (SyncedRecord r : records) {
            if (r.table() != SyncedTable.IDENTITY_MAPPINGS) throw new IllegalArgumentException("a " + r.table() + " record in a batch of identity mappings");
            if (r.sourceId().length() > 1_000 || r.sourceId().indexOf('\u0000') >= 0) {
                failed++;
                problems.add(new Problem(abbreviate(r.sourceId()), "source id is longer than 1000 characters or has NUL characters", true));
                continue;
            }
            Object raw = r.columns().get("external_email");
            String email = raw instanceof String s ? s.strip().toLowerCase(java.util.Locale.ROOT) : null;
            if (email != null && (email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+"))) {
                warnings++;
                problems.add(new Problem(r.sourceId(), "field 'external_email' is not an e-mail address", false));
                email = null;
            }
            emails.remove(r.sourceId());
            emails.put(r.sourceId(), email);
        }
        if (emails.isEmpty()) return new BatchResult(0, 0, 0, failed, warnings, problems);
        List<Boolean> changed = bind(j.sql(WriterSql.IDENTITY_MAPPINGS_UPSERT), target)
                .param("ids", emails.keySet().toArray(String[]::new))
                .param("emails", emails.values().toArray(String[]::new))
                .query(Boolean.class).list();
        int inserted = (int) changed.stream().filter(Boolean.TRUE::equals).count();
        int updated = changed.size() - inserted;
        return new BatchResult(inserted, updated, emails.size() - changed.size(), failed, warnings, problems);
    }

    /** Tables other tables' rows link to by source id (accounts, contacts, deals, pipelines, stages, ...). */
    private static final Set<String> LINK_TARGETS = java.util.Arrays.stream(SyncedTable.values())
            .flatMap(t -> t.links().stream()).map(SyncedTable.Link::target).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * After a stream loaded many rows into a table that later streams link to: refreshes its planner statistics
     * ({@code ANALYZE}), on the owner connection {@code owner} (outside any tenant transaction). Without them, a
     * table that grew from nothing still looks empty to the planner until autovacuum comes by (a minute or more),
     * and the link look-ups of the next streams ({@code source_id} → id, one per row) pick any index that starts
     * with organization_id instead of the unique (organization_id, source_system, source_id) one, i.e. scan the
     * organization's whole table once per row. The same happens in a large shared table whose statistics predate
     * a new organization (every known organization among the most common values, the new one estimated at no rows),
     * so the table's size is not the test: any load of at least 500 rows (ANALYZE samples a bounded number of rows,
     * 0.04-0.9 s in the loaded x10 benchmark). Skipped if another ANALYZE or VACUUM holds the table for more than
     * 2 s. Returns whether it ran.
     */
    public boolean analyzeAfterLoad(JdbcClient owner, SyncedTable table, long inserted) {
        if (inserted < 500 || !LINK_TARGETS.contains(table.tableName())) return false;
        owner.sql("SET LOCAL lock_timeout = '2s'").update();
        owner.sql("ANALYZE " + WriterSql.quoted(table.tableName())).update();
        return true;
    }

    /** One record made ready: canonical values per value column, custom fields JSON, hash, participants. */
    private static final class Row {
        final String sourceId;
        String[] values;
        String custom;
        String hash;
        List<String> participants = List.of();
        Resolution resolution = Resolution.NONE;
        int warnings;

        Row(String sourceId) {
            this.sourceId = sourceId;
        }
    }

    /** {@code sha} is reused from record to record (each hash ends with {@code digest()}, which resets it). */
    private Row prepare(TableInfo info, SyncedRecord r, List<Problem> problems, MessageDigest sha) {
        Row row = new Row(r.sourceId());
        if (r.sourceId().length() > 1_000 || r.sourceId().indexOf('\u0000') >= 0) {
            problems.add(new Problem(abbreviate(r.sourceId()), "source id is longer than 1000 characters or has NUL characters", true));
            return row;
        }
        List<String> columns = WriterSql.valueColumns(info.table());
        String[] values = new String[columns.size()];
        sha.reset();
        sha.update(info.table().tableName().getBytes(StandardCharsets.UTF_8));
        String missing = null;
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i);
            ColumnInfo col = info.columns().get(name);
            Coercion.Value v = Coercion.coerce(col.type(), r.columns().get(name), maxTextChars);
            String text = v.text();
            if (v.problem().isPresent()) {
                row.warnings++;
                problems.add(new Problem(r.sourceId(), "field '" + name + "' " + v.problem().get(), false));
            }
            if (text != null && !col.allowed().isEmpty()) {
                String normalized = text.trim().toLowerCase();
                if (col.allowed().contains(normalized)) {
                    text = normalized;
                } else {
                    row.warnings++;
                    problems.add(new Problem(r.sourceId(), "field '" + name + "' is not one of " + col.allowed(), false));
                    text = null;
                }
            }
            if (text == null && col.defaultValue().isPresent()) text = col.defaultValue().get();
            if (text == null && col.required() && missing == null) missing = name;
            values[i] = text;
            sha.update((byte) 1);
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            if (text == null) sha.update((byte) 0);
            else {
                sha.update((byte) 2);
                sha.update(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (missing != null) {
            problems.add(new Problem(r.sourceId(), "required field '" + missing + "' is missing or invalid; record skipped", true));
            return row;
        }
        Object custom = Coercion.sanitize(r.customFields(), maxTextChars);
        String customJson = Coercion.coerce(io.revtops.connectors.SyncedTable.Type.JSON, custom, maxTextChars).text();
        if (customJson == null || customJson.length() > 1_000_000) {
            row.warnings++;
            problems.add(new Problem(r.sourceId(), "custom fields larger than 1 MB (dropped)", false));
            customJson = "{}";
        }
        sha.update((byte) 3);
        sha.update(customJson.getBytes(StandardCharsets.UTF_8));
        row.values = values;
        row.custom = customJson;
        row.hash = HexFormat.of().formatHex(sha.digest());
        if (info.table() == SyncedTable.ACTIVITIES) row.participants = participants(r);
        return row;
    }

    /** Emails and meetings that name no CRM record themselves are linked by their participants. */
    private static List<String> participants(SyncedRecord r) {
        Map<String, Object> c = r.columns();
        if (c.containsKey("contact_source_id") || c.containsKey("account_source_id") || c.containsKey("deal_source_id")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (c.get("from_email") instanceof String from) out.add(from);
        Object to = c.get("to_emails");
        if (to instanceof Collection<?> list) list.forEach(x -> { if (x != null) out.add(x.toString()); });
        else if (to instanceof String s) out.add(s);
        return out;
    }

    private void resolveParticipants(JdbcClient j, SyncTarget target, List<Row> rows) {
        List<Row> withParticipants = rows.stream().filter(r -> !r.participants.isEmpty()).toList();
        if (withParticipants.isEmpty()) return;
        List<Resolution> res = resolver.resolveAll(j, target.orgId(), withParticipants.stream().map(r -> r.participants).toList());
        for (int i = 0; i < withParticipants.size(); i++) withParticipants.get(i).resolution = res.get(i);
    }

    private record Counts(int inserted, int updated, int failed) {
        Counts(int inserted, int updated) {
            this(inserted, updated, 0);
        }
    }

    private Counts upsert(JdbcClient j, SyncTarget target, TableInfo info, List<Row> rows, boolean resolve, List<Problem> problems) {
        String sql = statements.computeIfAbsent(info.table() + ":" + target.personalOwner().isPresent() + ":" + resolve,
                k -> WriterSql.upsert(info, target.personalOwner().isPresent(), resolve));
        j.sql("SAVEPOINT revtops_batch").update();
        try {
            Counts c = execute(j, sql, target, info, rows, resolve);
            j.sql("RELEASE SAVEPOINT revtops_batch").update();
            return c;
        } catch (DataAccessException batchFailure) {
            j.sql("ROLLBACK TO SAVEPOINT revtops_batch").update();
            log.warn("event=sync_batch_fallback org_id={} integration_id={} table={} rows={} error={}", target.orgId(),
                    target.integrationId(), info.table().tableName(), rows.size(), constraintOf(batchFailure));
        }
        int inserted = 0;
        int updated = 0;
        int failed = 0;
        for (Row row : rows) {
            j.sql("SAVEPOINT revtops_row").update();
            try {
                Counts c = execute(j, sql, target, info, List.of(row), resolve);
                j.sql("RELEASE SAVEPOINT revtops_row").update();
                inserted += c.inserted;
                updated += c.updated;
            } catch (DataAccessException rowFailure) {
                j.sql("ROLLBACK TO SAVEPOINT revtops_row").update();
                failed++;
                problems.add(new Problem(row.sourceId, "the database refused the record: " + constraintOf(rowFailure), true));
            }
        }
        return new Counts(inserted, updated, failed);
    }

    private Counts execute(JdbcClient j, String sql, SyncTarget target, TableInfo info, List<Row> rows, boolean resolve) {
        List<String> columns = WriterSql.valueColumns(info.table());
        var spec = bind(j.sql(sql), target)
                .param("owner", target.personalOwner().map(UUID::toString).orElse(null))
                .param("visibility", target.visibility())
                .param("source_ids", rows.stream().map(r -> r.sourceId).toArray(String[]::new))
                .param("custom", rows.stream().map(r -> r.custom).toArray(String[]::new))
                .param("hashes", rows.stream().map(r -> r.hash).toArray(String[]::new));
        for (int i = 0; i < columns.size(); i++) {
            final int col = i;
            spec = spec.param("c" + i, rows.stream().map(r -> r.values[col]).toArray(String[]::new));
        }
        if (resolve) {
            spec = spec.param("res_contact", ids(rows, r -> r.resolution.contactId()))
                    .param("res_account", ids(rows, r -> r.resolution.accountId()))
                    .param("res_deal", ids(rows, r -> r.resolution.dealId()));
        }
        List<Boolean> inserted = spec.query(Boolean.class).list();
        int ins = (int) inserted.stream().filter(Boolean.TRUE::equals).count();
        return new Counts(ins, inserted.size() - ins);
    }

    private static String[] ids(List<Row> rows, java.util.function.Function<Row, Optional<UUID>> f) {
        return rows.stream().map(r -> f.apply(r).map(UUID::toString).orElse(null)).toArray(String[]::new);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, SyncTarget target) {
        return spec.param("org", target.orgId().toString()).param("integration", target.integrationId().toString())
                .param("system", target.sourceSystem());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The constraint or kind of error, without the row's values (PostgreSQL's DETAIL may echo them). */
    private static String constraintOf(DataAccessException e) {
        Throwable t = e.getMostSpecificCause();
        if (t instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            var m = p.getServerErrorMessage();
            return m.getConstraint() != null ? "constraint " + m.getConstraint()
                    : m.getColumn() != null ? "column " + m.getColumn() : "SQLSTATE " + p.getSQLState();
        }
        return t.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
