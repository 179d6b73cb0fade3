package io.revtops.agent.tools;

import io.revtops.agent.AgentProperties;
import io.revtops.agent.tools.sql.SqlGuard;
import io.revtops.agent.tools.sql.SqlPolicy;
import io.revtops.agent.tools.sql.SqlVerdict;
import io.revtops.platform.db.TenantTx;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.util.PGobject;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agent SQL: one read-only SELECT over the allow-listed tables, checked and rewritten by {@link SqlGuard}, run with
 * the user's row-level security in a READ ONLY transaction with a statement timeout. The database role is the
 * second line of defence: it cannot write or call the dangerous functions even if the guard were fooled.
 */
@Component
public class RunSqlQueryTool implements Tool {
    static final int MAX_CELL_CHARS = 2_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SqlGuard guard = new SqlGuard(SqlPolicy.defaults());
    private final TenantTx tx;
    private final AgentProperties props;
    private final QueryVectors vectors;

    public RunSqlQueryTool(TenantTx tx, AgentProperties props, QueryVectors vectors) {
        this.tx = tx;
        this.props = props;
        this.vectors = vectors;
    }

    @Override
    public String name() {
        return "run_sql_query";
    }

    @Override
    public String description() {
        return "Run ONE read-only PostgreSQL SELECT (or WITH … SELECT) over the tables listed in the system prompt. "
                + "Rows are already limited to what the user may see. LIMIT 100 is added when you give none (max 1000). "
                + "Use semantic_embed('text') to order by meaning: ORDER BY e.embedding <=> semantic_embed('pricing objection'). "
                + "Returns columns, rows, row_count and whether the result was truncated.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of(
                        "sql", Map.of("type", "string", "minLength", 1, "maxLength", SqlGuard.MAX_SQL_LENGTH),
                        "purpose", Map.of("type", "string", "maxLength", 200)),
                "required", List.of("sql"), "additionalProperties", false);
    }

    @Override
    public ToolRisk risk() {
        return ToolRisk.LOCAL_READ;
    }

    @Override
    public String statusText(JsonNode input) {
        String purpose = input.path("purpose").asString("");
        return purpose.isBlank() ? "Querying your data" : "Querying: " + purpose;
    }

    @Override
    public ToolOutcome execute(ToolContext ctx, JsonNode input) {
        SqlVerdict verdict = guard.check(input.path("sql").asString());
        return switch (verdict) {
            case SqlVerdict.Refused r -> ToolOutcome.error("Query refused (" + r.code() + "): " + r.message(), r.hint());
            case SqlVerdict.Allowed a -> run(ctx, a);
        };
    }

    private ToolOutcome run(ToolContext ctx, SqlVerdict.Allowed allowed) {
        List<Object> params = new ArrayList<>();
        for (String text : allowed.semanticEmbedTexts()) {
            var vector = vectors.forText(text);
            if (vector.isEmpty()) {
                return ToolOutcome.error("semantic_embed is not available on this server yet (no embedding model is set up).",
                        "Use ILIKE or full-text filters (search_vector @@ websearch_to_tsquery('english', '…')) instead.");
            }
            params.add(vector.get());
        }
        try {
            Result result = tx.readOnly(ctx.tenant(), props.sqlTimeout(), j -> j.sql(allowed.rewrittenSql()).params(params)
                    .query((org.springframework.jdbc.core.ResultSetExtractor<Result>) rs -> read(rs, allowed.rowLimit())));
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("columns", result.columns());
            content.put("rows", result.rows());
            content.put("row_count", result.rows().size());
            content.put("truncated", result.rows().size() >= allowed.rowLimit());
            if (allowed.limitAdded()) content.put("note", "LIMIT " + allowed.rowLimit() + " was added");
            if (allowed.limitCapped()) content.put("note", "the LIMIT was capped at " + allowed.rowLimit());
            return ToolOutcome.ok(content, result.rows().size() + " row(s)");
        } catch (DataAccessException e) {
            return explain(e);
        }
    }

    /** Columns and JSON-safe rows. */
    record Result(List<String> columns, List<List<Object>> rows) {}

    static Result read(ResultSet rs, long limit) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnLabel(i));
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next() && rows.size() < limit) {
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) row.add(jsonSafe(rs.getObject(i), md.getColumnTypeName(i)));
            rows.add(row);
        }
        return new Result(columns, rows);
    }

    static Object jsonSafe(Object v, String typeName) throws SQLException {
        if (v == null) return null;
        return switch (v) {
            case String s -> s.length() > MAX_CELL_CHARS ? s.substring(0, MAX_CELL_CHARS) + "… [truncated]" : s;
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Short s -> s.intValue();
            case Float f -> Float.isFinite(f) ? f : f.toString();
            case Double d -> Double.isFinite(d) ? d : d.toString();
            case BigDecimal d -> d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0 ? d.longValue()
                    : d.abs().compareTo(new BigDecimal("1e15")) < 0 ? d.doubleValue() : d.toPlainString();
            case UUID u -> u.toString();
            case Timestamp t -> typeName.equals("timestamptz") ? t.toInstant().toString() : t.toLocalDateTime().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.sql.Time t -> t.toLocalTime().toString();
            case OffsetDateTime o -> o.toInstant().toString();
            case Array a -> {
                Object arr = a.getArray();
                if (arr instanceof Object[] items) {
                    if (items.length > 64 && typeName.startsWith("_float")) yield "<vector of " + items.length + " dimensions>";
                    List<Object> out = new ArrayList<>();
                    for (Object item : items) out.add(jsonSafe(item, ""));
                    yield out;
                }
                yield arr.toString();
            }
            case PGobject o -> switch (o.getType()) {
                case "json", "jsonb" -> o.getValue() == null ? null : JSON.readValue(o.getValue(), Object.class);
                case "vector" -> "<vector>";
                default -> o.getValue();
            };
            case byte[] b -> "<" + b.length + " bytes>";
            default -> v.toString();
        };
    }

    static ToolOutcome explain(DataAccessException e) {
        Throwable root = e.getMostSpecificCause();
        String state = root instanceof PSQLException p ? p.getSQLState() : "";
        String message = root instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : firstLine(root.getMessage());
        return switch (state == null ? "" : state) {
            case "57014" -> ToolOutcome.error("The query was cancelled: it ran longer than the time limit.",
                    "Filter more (dates, ids), aggregate, or add a smaller LIMIT.");
            case "42501" -> ToolOutcome.error("Permission denied: " + message, "Agent SQL may only read the listed tables.");
            case "25006" -> ToolOutcome.error("The query tried to write: " + message, "Only SELECT is allowed here.");
            case "42703", "42P01", "42883", "42601", "42804", "22P02", "22007", "22008" ->
                    ToolOutcome.error("The database refused the query: " + message,
                            "Check table and column names against the schema in the system prompt and the value types.");
            default -> ToolOutcome.error("The query failed: " + message, "Simplify the query and try again.");
        };
    }

    static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
