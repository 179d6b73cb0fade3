package io.revtops.agent.tools.sqlwrite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * What one run_sql_write statement may do, decided from its parse tree (JSqlParser) before anything runs (SPEC §4):
 * one INSERT, UPDATE or DELETE; UPDATE and DELETE need a WHERE that looks at a column; the target is a writable
 * internal table ({@code workflows}, {@code artifacts}, profile fields of {@code org_members}) or a CRM table
 * ({@code deals}, {@code contacts}, {@code accounts}), whose statements become proposals instead of writes; other
 * tables read in subqueries must be readable ones; only ordinary functions; no parameters, WITH, RETURNING,
 * ON CONFLICT, INSERT … SELECT, joins. Row-level security, the statement timeout and {@code revtops_app}'s missing
 * rights on dangerous functions stay the second line of defence.
 */
public sealed interface SqlWritePlan {

    /** Longest SQL text accepted. */
    int MAX_SQL_LENGTH = 20_000;

    String table();

    /** Which statement a local write is. */
    enum Kind { INSERT, UPDATE, DELETE }

    /**
     * A write to an internal table, run as printed ({@code sql}). {@code qualifier} names the table in the WHERE (its
     * alias or name), used to snapshot the rows the statement will touch.
     */
    record LocalWrite(String table, Kind kind, String sql, String qualifier, String fromClause, Optional<String> where,
                      int rows) implements SqlWritePlan {}

    /** An UPDATE of CRM rows: the new value expression per column, evaluated per row, then proposed to the CRM. */
    record CrmUpdate(String table, String qualifier, String fromClause, Map<String, String> sets, String where)
            implements SqlWritePlan {}

    /** An INSERT of CRM rows: column names and per row the value expressions, proposed as CRM creates. */
    record CrmInsert(String table, List<String> columns, List<List<String>> rows) implements SqlWritePlan {}

    /** Internal tables run_sql_write changes directly; discarding the change session restores them. */
    Set<String> LOCAL_TABLES = Set.of("workflows", "artifacts", "org_members");
    /** CRM tables: statements become proposals to the CRM the record came from. */
    Set<String> CRM_TABLES = Set.of("deals", "contacts", "accounts");
    /** Tables a statement may read in a subquery (row-level security applies). */
    Set<String> READABLE = Set.of("accounts", "contacts", "deals", "pipelines", "pipeline_stages", "goals", "activities",
            "meetings", "tracker_teams", "tracker_projects", "tracker_issues", "github_repositories", "github_commits",
            "github_pull_requests", "shared_files", "org_members", "users", "workflows", "workflow_runs", "artifacts",
            "conversations");
    /** Columns the database or the server sets; never by the agent. */
    Map<String, Set<String>> FORBIDDEN_COLUMNS = Map.of(
            "workflows", Set.of("id", "organization_id", "created_by_user_id", "auto_approve_tools", "parent_run_id",
                    "created_at"),
            "artifacts", Set.of("id", "organization_id", "user_id", "share_token", "created_at"),
            "deals", Set.of("id", "organization_id", "integration_id", "source_id", "custom_fields", "content_hash",
                    "synced_at", "created_at", "updated_at", "owner_user_id", "account_id", "stage_id", "pipeline_id"),
            "contacts", Set.of("id", "organization_id", "integration_id", "source_id", "custom_fields", "content_hash",
                    "synced_at", "created_at", "updated_at", "account_id"),
            "accounts", Set.of("id", "organization_id", "integration_id", "source_id", "custom_fields", "content_hash",
                    "synced_at", "created_at", "updated_at", "owner_user_id"));
    /** The profile fields of org_members the agent may change. */
    Set<String> MEMBER_PROFILE = Set.of("title", "reports_to_user_id");
    Set<String> FUNCTIONS = Set.of("lower", "upper", "initcap", "trim", "btrim", "ltrim", "rtrim", "coalesce", "nullif",
            "concat", "concat_ws", "replace", "substring", "substr", "left", "right", "length", "char_length", "split_part",
            "format", "now", "current_date", "current_timestamp", "date_trunc", "date_part", "make_date", "to_date",
            "to_timestamp", "age", "round", "floor", "ceil", "ceiling", "abs", "greatest", "least", "gen_random_uuid",
            "jsonb_build_object", "jsonb_build_array", "to_jsonb", "jsonb_set", "array_append", "array_remove", "array_cat",
            "count", "max", "min", "sum", "avg");
    String ALLOWED = "run_sql_write changes workflows, artifacts and org_members (title, reports_to_user_id), and proposes "
            + "changes to deals, contacts and accounts for approval";

    ExecutorService PARSER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sql-write-parser");
        t.setDaemon(true);
        return t;
    });

    /** Decides about one statement from the agent acting for {@code userId}. */
    static SqlWritePlan of(String sql, UUID userId, boolean admin) {
        if (sql == null || sql.isBlank()) throw new SqlWriteRefusal("The statement is empty.", "Send one INSERT, UPDATE or DELETE.");
        if (sql.length() > MAX_SQL_LENGTH) throw new SqlWriteRefusal("The statement is longer than " + MAX_SQL_LENGTH
                + " characters.", "Change fewer rows per statement.");
        Statement st = parse(sql);
        return switch (st) {
            case Update u -> update(u, userId, admin);
            case Delete d -> delete(d);
            case Insert i -> insert(i);
            default -> throw new SqlWriteRefusal("run_sql_write runs one INSERT, UPDATE or DELETE, not "
                    + st.getClass().getSimpleName().toUpperCase(Locale.ROOT) + ".", "To read data use run_sql_query.");
        };
    }

    private static Statement parse(String sql) {
        Statements all;
        try {
            all = CCJSqlParserUtil.parseStatements(sql, PARSER, p -> p.withTimeOut(3_000).withBackslashEscapeCharacter(false)
                    .withSquareBracketQuotation(false).withUnsupportedStatements(false).withErrorRecovery(false));
        } catch (JSQLParserException e) {
            String m = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            m = m.split("Was expecting", 2)[0].replaceAll("\\s+", " ").strip();
            throw new SqlWriteRefusal("The statement could not be parsed: " + (m.length() > 200 ? m.substring(0, 200) + "…" : m),
                    "Write one standard PostgreSQL INSERT, UPDATE or DELETE.");
        }
        if (all == null || all.isEmpty()) throw new SqlWriteRefusal("The statement is empty.", "Send one INSERT, UPDATE or DELETE.");
        if (all.size() > 1) throw new SqlWriteRefusal("The text holds " + all.size() + " statements; only one is allowed.",
                "Send one statement per call.");
        return all.get(0);
    }

    private static SqlWritePlan update(Update u, UUID userId, boolean admin) {
        if (u.getWithItemsList() != null && !u.getWithItemsList().isEmpty()) throw unsupported("WITH");
        if (u.getReturningClause() != null) throw unsupported("RETURNING");
        if (u.getFromItem() != null || (u.getJoins() != null && !u.getJoins().isEmpty())
                || (u.getStartJoins() != null && !u.getStartJoins().isEmpty())) throw unsupported("UPDATE … FROM / JOIN");
        String table = target(u.getTable());
        requireWhere(u.getWhere(), "UPDATE");
        Map<String, String> sets = new LinkedHashMap<>();
        for (UpdateSet s : u.getUpdateSets()) {
            if (s.getColumns().size() != s.getValues().size()) throw unsupported("SET (a, b) = (SELECT …)");
            for (int i = 0; i < s.getColumns().size(); i++) {
                String column = fold(s.getColumn(i).getColumnName());
                sets.put(column, s.getValue(i).toString());
            }
        }
        checkColumns(table, sets.keySet(), Kind.UPDATE);
        checkExpressions(u, table);
        String qualifier = qualifier(u.getTable(), table);
        String from = table + (u.getTable().getAlias() == null ? "" : " " + u.getTable().getAlias().getName());
        if (CRM_TABLES.contains(table)) return new CrmUpdate(table, qualifier, from, sets, u.getWhere().toString());
        String where = u.getWhere().toString();
        if (table.equals("org_members") && !admin) {
            // a member changes their own profile only
            where = "(" + where + ") AND " + qualifier + ".user_id = CAST('" + userId + "' AS uuid)";
            u.setWhere(condition(where));
        }
        return new LocalWrite(table, Kind.UPDATE, u.toString(), qualifier, from, Optional.of(where), 0);
    }

    private static SqlWritePlan delete(Delete d) {
        if (d.getWithItemsList() != null && !d.getWithItemsList().isEmpty()) throw unsupported("WITH");
        if (d.getReturningClause() != null) throw unsupported("RETURNING");
        if ((d.getUsingList() != null && !d.getUsingList().isEmpty()) || (d.getJoins() != null && !d.getJoins().isEmpty())
                || (d.getTables() != null && d.getTables().size() > 1)) throw unsupported("DELETE … USING / JOIN");
        if (d.getLimit() != null || d.getOrderByElements() != null) throw unsupported("DELETE … ORDER BY / LIMIT");
        String table = target(d.getTable());
        requireWhere(d.getWhere(), "DELETE");
        if (CRM_TABLES.contains(table)) {
            throw new SqlWriteRefusal("Deleting " + table + " is not supported: CRM records are deleted (archived) in the CRM "
                    + "itself.", "Tell the user to archive them in the CRM; the next sync removes them here.");
        }
        if (table.equals("org_members")) {
            throw new SqlWriteRefusal("Members cannot be removed with SQL.", "An admin removes members in the settings.");
        }
        checkExpressions(d, table);
        String qualifier = qualifier(d.getTable(), table);
        String from = table + (d.getTable().getAlias() == null ? "" : " " + d.getTable().getAlias().getName());
        return new LocalWrite(table, Kind.DELETE, d.toString(), qualifier, from, Optional.of(d.getWhere().toString()), 0);
    }

    private static SqlWritePlan insert(Insert i) {
        if (i.getWithItemsList() != null && !i.getWithItemsList().isEmpty()) throw unsupported("WITH");
        if (i.getReturningClause() != null) throw unsupported("RETURNING");
        if (i.getConflictAction() != null || i.getConflictTarget() != null || i.isUseDuplicate()) throw unsupported("ON CONFLICT");
        if (i.getValues() == null) throw new SqlWriteRefusal("Only INSERT … VALUES is supported.", "List the values to insert.");
        String table = target(i.getTable());
        if (table.equals("org_members")) {
            throw new SqlWriteRefusal("Members cannot be added with SQL.", "An admin invites members in the settings.");
        }
        if (i.getColumns() == null || i.getColumns().isEmpty()) {
            throw new SqlWriteRefusal("Name the columns: INSERT INTO " + table + " (a, b) VALUES (…).", "List the column names.");
        }
        List<String> columns = i.getColumns().stream().map(c -> fold(c.getColumnName())).toList();
        checkColumns(table, columns, Kind.INSERT);
        checkExpressions(i, table);
        List<List<String>> rows = new ArrayList<>();
        ExpressionList<?> values = i.getValues().getExpressions();
        List<ExpressionList<?>> tuples = new ArrayList<>();
        if (values instanceof ParenthesedExpressionList<?> single) tuples.add(single);
        else for (Expression e : values) {
            if (!(e instanceof ExpressionList<?> row)) throw unsupported("this VALUES form");
            tuples.add(row);
        }
        for (ExpressionList<?> row : tuples) {
            if (row.size() != columns.size()) {
                throw new SqlWriteRefusal("A row has " + row.size() + " values for " + columns.size() + " columns.",
                        "Give one value per named column.");
            }
            rows.add(row.stream().map(Object::toString).toList());
        }
        if (CRM_TABLES.contains(table)) return new CrmInsert(table, columns, rows);
        return new LocalWrite(table, Kind.INSERT, i.toString(), table, table, Optional.empty(), rows.size());
    }

    private static String target(Table t) {
        String schema = t.getSchemaName() == null ? null : fold(t.getSchemaName());
        String name = fold(t.getName());
        if (schema != null && !schema.equals("public")) {
            throw new SqlWriteRefusal("Table " + t.getFullyQualifiedName() + " is not writable. " + ALLOWED + ".", "Use one of those tables.");
        }
        if (!LOCAL_TABLES.contains(name) && !CRM_TABLES.contains(name)) {
            throw new SqlWriteRefusal("Table '" + name + "' is protected: " + ALLOWED + ".",
                    "Tell the user this cannot be changed from the chat.");
        }
        return name;
    }

    private static void checkColumns(String table, java.util.Collection<String> columns, Kind kind) {
        if (table.equals("org_members")) {
            for (String c : columns) {
                if (!MEMBER_PROFILE.contains(c)) {
                    throw new SqlWriteRefusal("org_members." + c + " cannot be changed; only " + String.join(", ", MEMBER_PROFILE.stream().sorted().toList()) + ".",
                            "Roles and status are changed by an admin in the settings.");
                }
            }
            return;
        }
        Set<String> forbidden = FORBIDDEN_COLUMNS.getOrDefault(table, Set.of());
        for (String c : columns) {
            if (forbidden.contains(c)) {
                throw new SqlWriteRefusal(table + "." + c + " is set by Revtops, not by SQL" + (c.equals("auto_approve_tools")
                        ? " (auto-approvals are a person's decision)" : "") + ".", "Leave it out of the statement.");
            }
        }
        if (kind == Kind.UPDATE && CRM_TABLES.contains(table) && columns.contains("source_system")) {
            throw new SqlWriteRefusal(table + ".source_system cannot change.", "Leave it out of the statement.");
        }
    }

    private static void requireWhere(Expression where, String what) {
        if (where == null) {
            throw new SqlWriteRefusal(what + " without WHERE is refused: it would change every row.",
                    "Add a WHERE clause that selects the rows to change (e.g. WHERE id = '…').");
        }
        Finder f = new Finder();
        f.getTables(where);
        if (f.columns == 0) {
            throw new SqlWriteRefusal(what + " with a WHERE that looks at no column is refused: it would change every row.",
                    "Add a condition on a column (e.g. WHERE id = '…').");
        }
    }

    private static void checkExpressions(Statement st, String target) {
        Finder f = new Finder();
        java.util.Set<String> tables = f.getTables(st);
        if (f.parameters) throw new SqlWriteRefusal("Parameters ($1, ?, :name) are not supported.", "Write the values into the statement.");
        for (String raw : tables) {
            String t = raw.contains(".") ? raw.substring(raw.lastIndexOf('.') + 1) : raw;
            String name = fold(t);
            if (raw.contains(".") && !fold(raw.substring(0, raw.lastIndexOf('.'))).equals("public")) {
                throw new SqlWriteRefusal("The statement reads " + raw + ", which is not allowed.", "Use the tables of your schema summary.");
            }
            if (!name.equals(target) && !READABLE.contains(name)) {
                throw new SqlWriteRefusal("The statement reads '" + name + "', which run_sql_write may not read.",
                        "Read only the tables of your schema summary.");
            }
        }
        for (String fn : f.functions) {
            if (!FUNCTIONS.contains(fold(fn))) {
                throw new SqlWriteRefusal("The function " + fn + "() is not allowed in run_sql_write.",
                        "Use plain values and ordinary functions (lower, coalesce, now, round, …).");
            }
        }
    }

    private static String qualifier(Table t, String table) {
        return t.getAlias() == null ? table : t.getAlias().getName();
    }

    private static Expression condition(String text) {
        try {
            return CCJSqlParserUtil.parseCondExpression(text);
        } catch (JSQLParserException e) {
            throw new SqlWriteRefusal("The WHERE clause could not be rewritten.", "Simplify the WHERE clause.");
        }
    }

    private static SqlWriteRefusal unsupported(String what) {
        return new SqlWriteRefusal(what + " is not supported in run_sql_write.", "Write a plain INSERT … VALUES, UPDATE … SET … "
                + "WHERE or DELETE … WHERE on one table (subqueries in WHERE are fine).");
    }

    /** PostgreSQL name folding: unquoted names are lower-case, quoted ones keep their spelling. */
    static String fold(String raw) {
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        return raw.toLowerCase(Locale.ROOT);
    }

    /** Collects tables, functions, columns and parameters anywhere in a statement or expression. */
    final class Finder extends TablesNamesFinder<Void> {
        final List<String> functions = new ArrayList<>();
        int columns;
        boolean parameters;

        @Override
        public <S> Void visit(Function function, S context) {
            functions.add(function.getName() == null ? "?" : function.getName());
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(Column column, S context) {
            columns++;
            return super.visit(column, context);
        }

        @Override
        public <S> Void visit(JdbcParameter parameter, S context) {
            parameters = true;
            return super.visit(parameter, context);
        }

        @Override
        public <S> Void visit(JdbcNamedParameter parameter, S context) {
            parameters = true;
            return super.visit(parameter, context);
        }
    }
}
