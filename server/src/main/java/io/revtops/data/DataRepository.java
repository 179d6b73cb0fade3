package io.revtops.data;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads of the browsable tables. The statements are assembled from {@link DataTable} (our own column names and
 * expressions, never request text); every value — search text, filter values, dates, limits — is a bound parameter.
 * Runs inside the caller's tenant transaction, so row-level security decides which rows exist.
 */
@Repository
public class DataRepository {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LINKED_LIMIT = 25;

    /** A validated list request. */
    public record ListQuery(Optional<String> q, Map<String, Object> filters, Optional<Instant> from,
                            Optional<Instant> toExclusive, String sort, boolean descending, int limit, int offset) {}

    /** One page of rows and how many match in all. */
    public record Page(List<Map<String, Object>> rows, long total) {}

    public Page list(JdbcClient j, DataTable t, ListQuery query) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new HashMap<>();
        query.q().ifPresent(q -> {
            where.append(" AND (").append(t.searchOn()).append(") ILIKE :q");
            params.put("q", "%" + escapeLike(q) + "%");
        });
        int n = 0;
        for (Map.Entry<String, Object> f : query.filters().entrySet()) {
            String p = "f" + n++;
            // f.getKey() is a key of t.filters(): checked by the controller against the allow-list
            where.append(" AND t.").append(requireAllowed(t, f.getKey())).append(" = :").append(p);
            params.put(p, f.getValue());
        }
        query.from().ifPresent(from -> {
            where.append(" AND t.").append(t.dateColumn()).append(" >= :from");
            params.put("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        });
        query.toExclusive().ifPresent(to -> {
            where.append(" AND t.").append(t.dateColumn()).append(" < :to");
            params.put("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        });
        long total = j.sql("SELECT count(*) FROM " + t.name() + " t" + where).params(params).query(Long.class).single();
        if (!t.sortable().contains(query.sort())) throw new IllegalArgumentException("sort not allowed: " + query.sort());
        String order = " ORDER BY t." + query.sort() + (query.descending() ? " DESC" : " ASC") + " NULLS LAST, t.id";
        params.put("limit", query.limit());
        params.put("offset", query.offset());
        List<Map<String, Object>> rows = j.sql(select(t, t.listColumns()) + where + order + " LIMIT :limit OFFSET :offset")
                .params(params).query(ROW).list();
        return new Page(rows, total);
    }

    public Optional<Map<String, Object>> find(JdbcClient j, DataTable t, UUID id) {
        List<String> columns = new ArrayList<>(t.listColumns());
        columns.addAll(t.detailExtra());
        return j.sql(select(t, columns) + " WHERE t.id = :id").param("id", id).query(ROW).optional();
    }

    /** The records a person looks for next from this one (each list newest or most relevant first). */
    public Map<String, List<Map<String, Object>>> linked(JdbcClient j, DataTable t, Map<String, Object> record) {
        Map<String, List<Map<String, Object>>> linked = new LinkedHashMap<>();
        UUID id = (UUID) record.get("id");
        switch (t.name()) {
            case "accounts" -> {
                linked.put("contacts", rows(j, "contacts", "t.account_id = :v", id, "t.name ASC NULLS LAST"));
                linked.put("deals", rows(j, "deals", "t.account_id = :v", id, "t.close_date DESC NULLS LAST"));
                linked.put("activities", rows(j, "activities", "t.account_id = :v", id, "t.activity_date DESC NULLS LAST"));
            }
            case "contacts" -> {
                uuid(record, "account_id").ifPresent(a -> linked.put("accounts", rows(j, "accounts", "t.id = :v", a, "t.name")));
                linked.put("deals", rows(j, "deals",
                        "t.id IN (SELECT a.deal_id FROM activities a WHERE a.contact_id = :v AND a.deal_id IS NOT NULL)", id,
                        "t.close_date DESC NULLS LAST"));
                linked.put("activities", rows(j, "activities", "t.contact_id = :v", id, "t.activity_date DESC NULLS LAST"));
            }
            case "deals" -> {
                Optional<UUID> account = uuid(record, "account_id");
                account.ifPresent(a -> {
                    linked.put("accounts", rows(j, "accounts", "t.id = :v", a, "t.name"));
                    linked.put("contacts", rows(j, "contacts", "t.account_id = :v", a, "t.name ASC NULLS LAST"));
                });
                linked.put("activities", rows(j, "activities", "t.deal_id = :v", id, "t.activity_date DESC NULLS LAST"));
            }
            case "activities" -> {
                uuid(record, "account_id").ifPresent(a -> linked.put("accounts", rows(j, "accounts", "t.id = :v", a, "t.name")));
                uuid(record, "contact_id").ifPresent(c -> linked.put("contacts", rows(j, "contacts", "t.id = :v", c, "t.name")));
                uuid(record, "deal_id").ifPresent(d -> linked.put("deals", rows(j, "deals", "t.id = :v", d, "t.name")));
                uuid(record, "meeting_id").ifPresent(m -> linked.put("meetings", rows(j, "meetings", "t.id = :v", m, "t.title")));
            }
            case "meetings" -> linked.put("activities", rows(j, "activities", "t.meeting_id = :v", id, "t.activity_date DESC NULLS LAST"));
            default -> { }
        }
        linked.values().removeIf(List::isEmpty);
        return linked;
    }

    // `condition` and `order` are constants of this class; the one value is bound as :v
    private List<Map<String, Object>> rows(JdbcClient j, String table, String condition, UUID value, String order) {
        DataTable t = DataTables.byName(table).orElseThrow();
        return j.sql(select(t, t.listColumns()) + " WHERE " + condition + " ORDER BY " + order + ", t.id LIMIT " + LINKED_LIMIT)
                .param("v", value).query(ROW).list();
    }

    private static String select(DataTable t, List<String> columns) {
        StringBuilder s = new StringBuilder("SELECT ");
        for (String c : columns) s.append("t.").append(c).append(", ");
        s.append("(").append(t.title()).append(") AS display_title");
        if (columns.contains("account_id")) s.append(", (SELECT a.name FROM accounts a WHERE a.id = t.account_id) AS account_name");
        if (columns.contains("owner_user_id")) {
            s.append(", (SELECT coalesce(u.name, u.email) FROM users u WHERE u.id = t.owner_user_id) AS owner_name");
        }
        return s.append(" FROM ").append(t.name()).append(" t").toString();
    }

    private static String requireAllowed(DataTable t, String column) {
        if (!t.filters().containsKey(column)) throw new IllegalArgumentException("filter not allowed: " + column);
        return column;
    }

    private static Optional<UUID> uuid(Map<String, Object> record, String key) {
        return record.get(key) instanceof UUID u ? Optional.of(u) : Optional.empty();
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Rows as JSON-friendly maps: instants, dates, arrays as lists, json columns as JSON trees. */
    private static final RowMapper<Map<String, Object>> ROW = (ResultSet rs, int rowNum) -> {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnLabel(i), value(rs, i, md.getColumnTypeName(i)));
        return row;
    };

    private static Object value(ResultSet rs, int i, String type) throws SQLException {
        return switch (type) {
            case "timestamptz", "timestamp" -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
            case "date" -> rs.getObject(i, LocalDate.class);
            case "json", "jsonb" -> {
                String s = rs.getString(i);
                yield s == null ? null : JSON.readTree(s);
            }
            default -> {
                if (type.startsWith("_")) {
                    Array a = rs.getArray(i);
                    yield a == null ? null : Arrays.asList((Object[]) a.getArray());
                }
                yield rs.getObject(i);
            }
        };
    }
}
