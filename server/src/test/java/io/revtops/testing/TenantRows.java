package io.revtops.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes one plausible row into every tenant table for an organization, reading the shape of each table from the
 * catalog (columns, NOT NULL, foreign keys, CHECK lists). A table added by a later migration is covered without
 * touching this class, so isolation tests can never silently skip it.
 */
public final class TenantRows {
    /** Columns whose first allowed value needs other columns filled (a schedule needs a cron): a simpler value. */
    private static final Map<String, String> PREFERRED = Map.of("trigger_type", "manual");
    private static final Pattern FIRST_LITERAL = Pattern.compile("'([^']*)'::");

    private TenantRows() {}

    /** A column as the catalog describes it. */
    record Column(String name, String type, boolean nullable, boolean hasDefault, boolean generated) {}

    /** Tables in public that have an organization_id column, parents before children. */
    public static List<String> tenantTables(JdbcClient owner) {
        List<String> tables = owner.sql("""
                SELECT c.table_name FROM information_schema.columns c
                  JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                 WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE'
                 ORDER BY c.table_name
                """).query(String.class).list();
        Map<String, Set<String>> parents = new HashMap<>();
        for (String t : tables) parents.put(t, new HashSet<>(requiredParents(owner, t).values()));
        List<String> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>(Set.of("organizations", "users"));
        while (ordered.size() < tables.size()) {
            boolean progressed = false;
            for (String t : tables) {
                if (ordered.contains(t)) continue;
                Set<String> need = new HashSet<>(parents.get(t));
                need.remove(t);
                if (done.containsAll(need)) {
                    ordered.add(t);
                    done.add(t);
                    progressed = true;
                }
            }
            if (!progressed) throw new IllegalStateException("foreign-key cycle among " + tables);
        }
        return ordered;
    }

    /**
     * Inserts one row per tenant table for {@code orgId} (owner connection) and returns the inserted rows' ids
     * by table (the first primary-key column's value as text).
     */
    private static final Map<String, Object> CATALOG = new java.util.concurrent.ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private static <T> T cached(String key, java.util.function.Supplier<T> load) {
        return (T) CATALOG.computeIfAbsent(key, k -> load.get());
    }

    public static Map<String, String> seed(JdbcClient owner, UUID orgId, UUID userId) {
        Map<String, String> ids = new LinkedHashMap<>();
        List<String> tables = cached("tables", () -> tenantTables(owner));
        for (String table : tables) {
            // a row the caller made already (e.g. the membership) stands in for this table's row
            String existing = owner.sql("SELECT " + cached("pk:" + table, () -> primaryKey(owner, table)) + "::text FROM " + table
                    + " WHERE organization_id = :o LIMIT 1").param("o", orgId).query(String.class).optional().orElse(null);
            ids.put(table, existing != null ? existing : insert(owner, table, orgId, userId, ids));
        }
        return ids;
    }

    private static String insert(JdbcClient owner, String table, UUID orgId, UUID userId, Map<String, String> ids) {
        Map<String, String> fks = cached("fk:" + table, () -> requiredParents(owner, table));
        Map<String, String> checks = cached("check:" + table, () -> checkLiterals(owner, table));
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        List<Column> cols = cached("cols:" + table, () -> columns(owner, table));
        for (Column c : cols) {
            if (c.generated()) continue;
            Object value;
            if (c.name().equals("organization_id")) value = orgId;
            else if (fks.containsKey(c.name())) {
                String parent = fks.get(c.name());
                value = parent.equals("users") ? userId : parent.equals("organizations") ? orgId : UUID.fromString(ids.get(parent));
            } else if (c.name().equals("user_id") || c.name().endsWith("_user_id")) value = userId;
            else if (c.name().equals("embedding")) value = c.type().equals("ARRAY") ? "CAST('{1,0,0}' AS real[])" : "CAST('[1,0,0]' AS vector)";
            else if (c.name().equals("dimensions")) value = 3;
            else if (PREFERRED.containsKey(c.name())) value = PREFERRED.get(c.name());
            else if (c.type().startsWith("json")) value = "array".equals(checks.get(c.name()))
                    ? "CAST('[]' AS " + c.type() + ")" : "CAST('{}' AS " + c.type() + ")";
            else if (checks.containsKey(c.name()) && c.type().equals("text")) value = checks.get(c.name());
            else if (c.nullable() || c.hasDefault()) continue;
            else value = sample(c.type());
            names.add(c.name());
            String p = "p" + names.size();
            values.add(value instanceof String s && s.startsWith("CAST(") ? s : ":" + p);
            if (!(value instanceof String s && s.startsWith("CAST("))) params.put(p, value);
        }
        String pk = cached("pk:" + table, () -> primaryKey(owner, table));
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES (" + String.join(", ", values)
                + ") RETURNING " + pk + "::text";
        var spec = owner.sql(sql);
        for (var e : params.entrySet()) spec = spec.param(e.getKey(), e.getValue());
        return spec.query(String.class).single();
    }

    private static Object sample(String type) {
        String token = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        return switch (type) {
            case "uuid" -> UUID.randomUUID();
            case "text", "character varying" -> "x" + token;
            case "integer", "smallint" -> ThreadLocalRandom.current().nextInt(1, 1_000_000);
            case "bigint" -> ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
            case "numeric", "double precision", "real" -> 1;
            case "boolean" -> false;
            case "jsonb", "json" -> "CAST('{}' AS " + type + ")";
            case "timestamp with time zone", "timestamp without time zone" -> "CAST(now() AS " + type + ")";
            case "date" -> "CAST(current_date AS date)";
            case "bytea" -> "CAST('\\x00' AS bytea)";
            case "ARRAY" -> "CAST('{}' AS text[])";
            case "tsvector" -> "CAST('' AS tsvector)";
            default -> throw new IllegalStateException("no sample value for a NOT NULL column of type " + type);
        };
    }

    static List<Column> columns(JdbcClient owner, String table) {
        return owner.sql("""
                SELECT column_name, data_type, is_nullable = 'YES' AS nullable, column_default IS NOT NULL AS has_default,
                       (is_generated = 'ALWAYS' OR generation_expression IS NOT NULL) AS generated
                  FROM information_schema.columns WHERE table_schema = 'public' AND table_name = :t ORDER BY ordinal_position
                """).param("t", table)
                .query((rs, n) -> new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5)))
                .list();
    }

    /** NOT NULL foreign-key columns (also inside composite keys, organization_id aside): column → referenced table. */
    static Map<String, String> requiredParents(JdbcClient owner, String table) {
        Map<String, String> out = new LinkedHashMap<>();
        owner.sql("""
                SELECT a.attname, r.relname
                  FROM pg_constraint k
                  JOIN pg_class t ON t.oid = k.conrelid
                  JOIN pg_class r ON r.oid = k.confrelid
                  CROSS JOIN LATERAL unnest(k.conkey) AS col(attnum)
                  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = col.attnum
                 WHERE k.contype = 'f' AND t.relname = :t AND t.relnamespace = 'public'::regnamespace
                   AND a.attname <> 'organization_id' AND a.attnotnull
                """).param("t", table).query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list();
        return out;
    }

    /** For CHECK constraints on one column listing allowed literals, the first allowed value. */
    static Map<String, String> checkLiterals(JdbcClient owner, String table) {
        Map<String, String> out = new HashMap<>();
        owner.sql("""
                SELECT a.attname, pg_get_constraintdef(k.oid)
                  FROM pg_constraint k
                  JOIN pg_class t ON t.oid = k.conrelid
                  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
                 WHERE k.contype = 'c' AND t.relname = :t AND t.relnamespace = 'public'::regnamespace
                   AND array_length(k.conkey, 1) = 1
                """).param("t", table).query((rs, n) -> {
                    Matcher m = FIRST_LITERAL.matcher(rs.getString(2));
                    if (m.find()) out.putIfAbsent(rs.getString(1), m.group(1));
                    return null;
                }).list();
        return out;
    }

    static String primaryKey(JdbcClient owner, String table) {
        return owner.sql("""
                SELECT a.attname FROM pg_index i
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                 WHERE i.indrelid = CAST(:t AS regclass) AND i.indisprimary
                """).param("t", "public." + table).query(String.class).optional().orElse("organization_id");
    }
}
