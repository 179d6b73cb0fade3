package io.revtops.sync.writer;

import io.revtops.connectors.SyncedTable;
import io.revtops.connectors.SyncedTable.Link;
import io.revtops.connectors.SyncedTable.Type;
import io.revtops.sync.writer.ColumnCatalog.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The SQL of the record writer, one statement shape per synced table. Identifiers come only from
 * {@link SyncedTable} (quoted); every value is a named parameter, the batch's values are column arrays expanded with
 * {@code unnest}. Link columns are resolved in the statement itself from the target's source id, with one outer join
 * per target table for the whole batch.
 */
public final class WriterSql {
    /** Columns the engine sets itself, never from a connector's values. */
    static final String VISIBILITY = "visibility";
    /** Which link id column the resolver's result fills when the record gives no link itself. */
    public static final Map<String, String> RESOLVED = Map.of("contact_id", "res_contact", "account_id", "res_account",
            "deal_id", "res_deal");

    private WriterSql() {}

    /** The connector-settable columns a batch carries, in {@link SyncedTable} order (visibility is the engine's). */
    public static List<String> valueColumns(SyncedTable table) {
        return VALUE_COLUMNS.get(table);
    }

    private static final Map<SyncedTable, List<String>> VALUE_COLUMNS = new java.util.EnumMap<>(SyncedTable.class);

    static {
        for (SyncedTable t : SyncedTable.values()) {
            VALUE_COLUMNS.put(t, t.columns().keySet().stream().filter(c -> !c.equals(VISIBILITY)).toList());
        }
    }

    /**
     * The batch upsert. Parameters: {@code org, integration, system}, {@code c0…cN} (one array per value column),
     * {@code source_ids, custom, hashes}, {@code owner} and {@code visibility} where the table has them, and
     * {@code res_contact, res_account, res_deal} (uuid arrays) when {@code resolved}.
     */
    public static String upsert(TableInfo info, boolean personal, boolean resolved) {
        SyncedTable table = info.table();
        List<String> values = valueColumns(table);
        List<String> insertCols = new ArrayList<>(List.of("organization_id", "integration_id", "source_system", "source_id"));
        List<String> selects = new ArrayList<>(List.of("CAST(:org AS uuid)", "CAST(:integration AS uuid)", ":system", "v.source_id"));
        StringJoiner unnest = new StringJoiner(", ");
        StringJoiner alias = new StringJoiner(", ");
        unnest.add("CAST(:source_ids AS text[])");
        alias.add("source_id");
        for (int i = 0; i < values.size(); i++) {
            String c = values.get(i);
            Type type = table.columns().get(c);
            unnest.add("CAST(:c" + i + " AS " + arrayType(type) + ")");
            alias.add(q(c));
            insertCols.add(c);
            selects.add(switch (type) {
                case JSON -> "CAST(v." + q(c) + " AS jsonb)";
                case TEXT_ARRAY -> "CAST(v." + q(c) + " AS text[])";
                default -> "v." + q(c);
            });
        }
        unnest.add("CAST(:custom AS text[])");
        alias.add("custom_fields");
        unnest.add("CAST(:hashes AS text[])");
        alias.add("content_hash");
        if (resolved) {
            for (String r : List.of("res_contact", "res_account", "res_deal")) {
                unnest.add("CAST(:" + r + " AS uuid[])");
                alias.add(r);
            }
        }
        // links and owners: one outer join per target for the whole batch (each target has at most one row per source
        // id, its unique key), so a row whose target is not there yet keeps a null id and its source id for relink
        StringBuilder joins = new StringBuilder();
        List<Link> links = table.links();
        for (int k = 0; k < links.size(); k++) {
            Link link = links.get(k);
            String x = "l" + k;
            insertCols.add(link.idColumn());
            joins.append("\n  LEFT JOIN ").append(q(link.target())).append(' ').append(x).append(" ON ").append(x)
                    .append(".organization_id = CAST(:org AS uuid) AND ").append(x).append(".source_system = :system AND ")
                    .append(x).append(".source_id = v.").append(q(link.sourceColumn()));
            selects.add(resolved && RESOLVED.containsKey(link.idColumn())
                    ? "COALESCE(" + x + ".id, v." + RESOLVED.get(link.idColumn()) + ")" : x + ".id");
        }
        if (info.hasOwnerUserId()) {
            insertCols.add("owner_user_id");
            if (personal && table.columns().containsKey(VISIBILITY)) selects.add("CAST(:owner AS uuid)");
            else if (table.columns().containsKey("owner_source_id")) {
                joins.append("\n  LEFT JOIN identity_mappings m ON m.organization_id = CAST(:org AS uuid)"
                        + " AND m.source_system = :system AND m.external_id = v.owner_source_id");
                selects.add("m.user_id");
            } else selects.add("CAST(NULL AS uuid)");
        }
        if (table.columns().containsKey(VISIBILITY)) {
            insertCols.add(VISIBILITY);
            selects.add("CAST(:visibility AS text)");
        }
        insertCols.addAll(List.of("custom_fields", "content_hash", "synced_at"));
        selects.addAll(List.of("CAST(v.custom_fields AS jsonb)", "v.content_hash", "now()"));

        StringJoiner updates = new StringJoiner(",\n       ");
        for (String c : insertCols) {
            if (List.of("organization_id", "source_system", "source_id").contains(c)) continue;
            updates.add(q(c) + " = EXCLUDED." + q(c));
        }
        updates.add("updated_at = now()");
        return "INSERT INTO " + q(table.tableName()) + " AS t (" + String.join(", ", insertCols.stream().map(WriterSql::q).toList()) + ")\n"
                + "SELECT " + String.join(",\n       ", selects) + "\n"
                + "  FROM unnest(" + unnest + ") AS v(" + alias + ")" + joins + "\n"
                + "ON CONFLICT (organization_id, source_system, source_id) DO UPDATE\n"
                + "   SET " + updates + "\n"
                + " WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash\n"
                + "RETURNING (xmax = 0)";
    }

    /** Deletes the given source ids of this integration's rows. Parameters: {@code org, system, ids[, integration]}. */
    public static String delete(SyncedTable table, boolean scopedToIntegration) {
        return "DELETE FROM " + q(table.tableName()) + " WHERE organization_id = CAST(:org AS uuid) AND source_system = :system"
                + (scopedToIntegration ? " AND integration_id = CAST(:integration AS uuid)" : "")
                + " AND source_id = ANY (CAST(:ids AS text[]))";
    }

    /** Deletes this integration's rows whose source id is not among {@code seen}. */
    public static String sweep(SyncedTable table, boolean scopedToIntegration) {
        return "DELETE FROM " + q(table.tableName()) + " WHERE organization_id = CAST(:org AS uuid) AND source_system = :system"
                + (scopedToIntegration ? " AND integration_id = CAST(:integration AS uuid)" : "")
                + " AND NOT (source_id = ANY (CAST(:seen AS text[])))";
    }

    /**
     * Upserts identity mappings (people of a source system by their id there and e-mail) and maps each to the member
     * of the organization with that e-mail. An existing mapping keeps its member when the e-mail matches nobody (a
     * mapping made by hand). Parameters: {@code org, system, ids, emails}. Returns one row per insert or change.
     */
    public static final String IDENTITY_MAPPINGS_UPSERT = """
            INSERT INTO identity_mappings AS t (organization_id, source_system, external_id, external_email, user_id)
            SELECT CAST(:org AS uuid), :system, v.external_id, v.external_email,
                   (SELECT u.id FROM users u JOIN org_members m ON m.user_id = u.id
                     WHERE m.organization_id = CAST(:org AS uuid) AND m.status <> 'deactivated'
                       AND v.external_email IS NOT NULL AND lower(u.email) = lower(v.external_email)
                     ORDER BY u.created_at LIMIT 1)
              FROM unnest(CAST(:ids AS text[]), CAST(:emails AS text[])) AS v(external_id, external_email)
            ON CONFLICT (organization_id, source_system, external_id) DO UPDATE
               SET external_email = EXCLUDED.external_email,
                   user_id = COALESCE(EXCLUDED.user_id, t.user_id),
                   updated_at = now()
             WHERE t.external_email IS DISTINCT FROM EXCLUDED.external_email
                OR t.user_id IS DISTINCT FROM COALESCE(EXCLUDED.user_id, t.user_id)
            RETURNING (xmax = 0)
            """;

    /** Deletes identity mappings of these external ids. Parameters: {@code org, system, ids}. */
    public static final String IDENTITY_MAPPINGS_DELETE = """
            DELETE FROM identity_mappings WHERE organization_id = CAST(:org AS uuid) AND source_system = :system
               AND external_id = ANY (CAST(:ids AS text[]))
            """;

    /** Deletes identity mappings of the source system that a full listing did not contain. Parameters: {@code org, system, seen}. */
    public static final String IDENTITY_MAPPINGS_SWEEP = """
            DELETE FROM identity_mappings WHERE organization_id = CAST(:org AS uuid) AND source_system = :system
               AND NOT (external_id = ANY (CAST(:seen AS text[])))
            """;

    /** Fills a link id that was left null because its target had not been synced yet. */
    public static String relink(SyncedTable table, Link link, boolean scopedToIntegration) {
        return "UPDATE " + q(table.tableName()) + " t SET " + q(link.idColumn()) + " = x.id, updated_at = now()\n"
                + "  FROM " + q(link.target()) + " x\n"
                + " WHERE t.organization_id = CAST(:org AS uuid) AND t.source_system = :system"
                + (scopedToIntegration ? " AND t.integration_id = CAST(:integration AS uuid)" : "") + "\n"
                + "   AND t." + q(link.idColumn()) + " IS NULL AND t." + q(link.sourceColumn()) + " IS NOT NULL\n"
                + "   AND x.organization_id = t.organization_id AND x.source_system = t.source_system"
                + " AND x.source_id = t." + q(link.sourceColumn());
    }

    /** Fills owner_user_id from identity mappings that appeared after the row was written. */
    public static String relinkOwner(SyncedTable table, boolean scopedToIntegration) {
        return "UPDATE " + q(table.tableName()) + " t SET owner_user_id = m.user_id, updated_at = now()\n"
                + "  FROM identity_mappings m\n"
                + " WHERE t.organization_id = CAST(:org AS uuid) AND t.source_system = :system"
                + (scopedToIntegration ? " AND t.integration_id = CAST(:integration AS uuid)" : "") + "\n"
                + "   AND t.owner_user_id IS NULL AND t.owner_source_id IS NOT NULL AND m.user_id IS NOT NULL\n"
                + "   AND m.organization_id = t.organization_id AND m.source_system = t.source_system"
                + " AND m.external_id = t.owner_source_id";
    }

    private static String arrayType(Type type) {
        return switch (type) {
            case TEXT, JSON, TEXT_ARRAY -> "text[]";
            case INT -> "int[]";
            case BIGINT -> "bigint[]";
            case NUMERIC -> "numeric[]";
            case BOOL -> "boolean[]";
            case DATE -> "date[]";
            case TIMESTAMP -> "timestamptz[]";
        };
    }

    /** A quoted identifier of a synced table or column (only ever names from {@link SyncedTable}). */
    public static String quoted(String identifier) {
        return q(identifier);
    }

    /** A quoted identifier; only ever given names from {@link SyncedTable}. */
    static String q(String identifier) {
        if (!identifier.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("not an identifier: " + identifier);
        return "\"" + identifier + "\"";
    }
}
