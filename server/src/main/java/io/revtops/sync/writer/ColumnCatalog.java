package io.revtops.sync.writer;

import io.revtops.connectors.SyncedTable;
import io.revtops.platform.db.TenantTx;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the database says about the synced tables' columns, read once from the catalog: which are required (NOT NULL
 * without default), which default a null becomes, which values a CHECK allows, and whether the table has an
 * {@code owner_user_id}. The writer turns bad vendor data into warnings and failures from this instead of letting
 * a constraint abort a whole batch. Refuses to start when {@link SyncedTable} names a column the schema lacks.
 */
@Component
public class ColumnCatalog {
    private static final Pattern QUOTED_DEFAULT = Pattern.compile("^'((?:[^']|'')*)'::[a-z_ ]+(\\[\\])?$");
    private static final Pattern PLAIN_DEFAULT = Pattern.compile("^(true|false|-?\\d+(\\.\\d+)?)$");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'::text");

    private final TenantTx tx;
    private volatile Map<SyncedTable, TableInfo> tables;

    public ColumnCatalog(TenantTx tx) {
        this.tx = tx;
    }

    /** One column a connector may set, as the schema constrains it. */
    public record ColumnInfo(String name, SyncedTable.Type type, boolean required, Optional<String> defaultValue,
                             Set<String> allowed) {}

    /** One synced table: its connector-settable columns in {@link SyncedTable} order, and its owner column. */
    public record TableInfo(SyncedTable table, Map<String, ColumnInfo> columns, boolean hasOwnerUserId) {}

    /** Reads the catalog once the schema is migrated, so a drift between code and schema stops the start. */
    @EventListener(ApplicationReadyEvent.class)
    void preload() {
        // the schema, not tenant data: read on the owner connection, outside any tenant
        tx.system("read the synced tables' column catalog", j -> info(j, SyncedTable.ACCOUNTS));
    }

    /** The table's columns; {@code j} is any connection (the catalog is readable by every role). */
    public TableInfo info(JdbcClient j, SyncedTable table) {
        Map<SyncedTable, TableInfo> t = tables;
        if (t == null) {
            synchronized (this) {
                if (tables == null) tables = load(j);
                t = tables;
            }
        }
        return t.get(table);
    }

    private static Map<SyncedTable, TableInfo> load(JdbcClient j) {
        List<String> names = Arrays.stream(SyncedTable.values()).map(SyncedTable::tableName).toList();
        {
            record Col(String table, String column, boolean nullable, String defaultExpr) {}
            Map<String, Map<String, Col>> cols = new HashMap<>();
            j.sql("""
                    SELECT c.relname, a.attname, NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
                      FROM pg_attribute a
                      JOIN pg_class c ON c.oid = a.attrelid
                      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.attgenerated = ''
                     WHERE c.relnamespace = CAST(current_schema() AS regnamespace) AND c.relname IN (:t)
                       AND a.attnum > 0 AND NOT a.attisdropped
                    """).param("t", names).query((rs, n) -> {
                        cols.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                                .put(rs.getString(2), new Col(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
                        return null;
                    }).list();
            Map<String, Set<String>> allowed = new HashMap<>();
            j.sql("""
                    SELECT t.relname, a.attname, pg_get_constraintdef(k.oid)
                      FROM pg_constraint k
                      JOIN pg_class t ON t.oid = k.conrelid
                      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
                     WHERE k.contype = 'c' AND array_length(k.conkey, 1) = 1
                       AND t.relnamespace = CAST(current_schema() AS regnamespace) AND t.relname IN (:t)
                    """).param("t", names).query((rs, n) -> {
                        Matcher m = LITERAL.matcher(rs.getString(3));
                        Set<String> values = new LinkedHashSet<>();
                        while (m.find()) values.add(m.group(1).replace("''", "'"));
                        if (!values.isEmpty()) allowed.put(rs.getString(1) + "." + rs.getString(2), values);
                        return null;
                    }).list();
            Map<SyncedTable, TableInfo> out = new EnumMap<>(SyncedTable.class);
            for (SyncedTable table : SyncedTable.values()) {
                Map<String, Col> dbCols = cols.getOrDefault(table.tableName(), Map.of());
                Map<String, ColumnInfo> infos = new LinkedHashMap<>();
                for (var e : table.columns().entrySet()) {
                    Col c = dbCols.get(e.getKey());
                    if (c == null) {
                        throw new IllegalStateException("SyncedTable." + table + " names column " + e.getKey()
                                + " but table " + table.tableName() + " has no such column (migration missing?)");
                    }
                    Optional<String> def = c.defaultExpr() == null ? Optional.empty() : literal(c.defaultExpr());
                    boolean required = !c.nullable() && def.isEmpty();
                    infos.put(e.getKey(), new ColumnInfo(e.getKey(), e.getValue(), required, c.nullable() ? Optional.empty() : def,
                            allowed.getOrDefault(table.tableName() + "." + e.getKey(), Set.of())));
                }
                for (SyncedTable.Link link : table.links()) {
                    if (!dbCols.containsKey(link.idColumn())) {
                        throw new IllegalStateException(table.tableName() + " has no link column " + link.idColumn());
                    }
                }
                out.put(table, new TableInfo(table, infos, dbCols.containsKey("owner_user_id")));
            }
            return out;
        }
    }

    /** A column default as a literal value ({@code '[]'::jsonb} → {@code []}), or empty for expressions like now(). */
    static Optional<String> literal(String defaultExpr) {
        String d = defaultExpr.trim();
        Matcher q = QUOTED_DEFAULT.matcher(d);
        if (q.matches()) return Optional.of(q.group(1).replace("''", "'"));
        if (PLAIN_DEFAULT.matcher(d).matches()) return Optional.of(d);
        return Optional.empty();
    }
}
