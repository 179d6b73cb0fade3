package io.revtops.agent.tools.sql;

import static io.revtops.agent.tools.sql.SqlVerdict.Refused.EMPTY_QUERY;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.MULTIPLE_STATEMENTS;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.NOT_A_SELECT;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.NOT_READ_ONLY;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.PARSE_ERROR;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.TOO_LONG;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.UNSUPPORTED_SYNTAX;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * The first line of defence of {@code run_sql_query}: decides whether SQL written by the agent may run and rewrites
 * it into the exact text that will.
 *
 * <p>Allowed is one SELECT, WITH … SELECT or set operation of selects that reads only allow-listed tables, calls only
 * allow-listed functions and never a forbidden one, and takes no locks. The query is parsed with JSqlParser, every
 * node is checked, a top-level row cap is added or lowered, and the result is printed from the tree. That printed
 * text is then parsed and checked once more, and must print back to itself, so what runs is exactly what was
 * checked. The database stays the second line of defence: RLS, a read-only transaction, a statement timeout and a
 * role without rights on dangerous functions.
 *
 * <p>Thread-safe; one instance can serve every request.
 */
public final class SqlGuard {

    /** Longest SQL text accepted, in characters. */
    public static final int MAX_SQL_LENGTH = 20_000;

    private static final long PARSE_TIMEOUT_MILLIS = 3_000;

    /**
     * JSqlParser parses on a worker thread to enforce its timeout. Its own per-call executor is never shut down when
     * a parse fails (5.3), leaking one thread per refused query, so the guard lends it this pool of daemon threads.
     */
    private static final ExecutorService PARSER_THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "sql-guard-parser");
        thread.setDaemon(true);
        return thread;
    });
    private static final int MAX_PARSER_MESSAGE = 240;
    private static final String PARSE_HINT = "Write standard PostgreSQL SELECT: one statement, plain nesting; "
            + "put parentheses around a distance used in a comparison: (embedding <=> semantic_embed('…')) < 0.5.";

    /** First words of statements that write or change state, to name them when JSqlParser cannot parse them. */
    private static final Set<String> STATE_CHANGING_WORDS = Set.of(
            "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "TRUNCATE", "CREATE", "DROP", "ALTER",
            "GRANT", "REVOKE", "COPY", "SET", "RESET", "CALL", "DO", "LOCK", "VACUUM", "ANALYZE", "CLUSTER",
            "REINDEX", "REFRESH", "COMMENT", "SECURITY", "LISTEN", "UNLISTEN", "NOTIFY", "PREPARE", "EXECUTE",
            "EXEC", "DEALLOCATE", "DISCARD", "LOAD", "IMPORT", "BEGIN", "START", "COMMIT", "END", "ROLLBACK",
            "ABORT", "SAVEPOINT", "RELEASE", "CHECKPOINT", "REASSIGN", "DECLARE", "FETCH", "MOVE", "CLOSE");
    private static final Set<String> NON_QUERY_WORDS = Set.of("SHOW", "EXPLAIN", "DESCRIBE", "DESC", "TABLE", "VALUES");
    private static final Pattern LEADING_NOISE = Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/|\\()*", Pattern.DOTALL);
    /** EXPLAIN ANALYZE runs the statement it explains. */
    private static final Pattern EXPLAIN_ANALYZE = Pattern.compile("\\bANALY[SZ]E\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIRST_WORD = Pattern.compile("\\A[A-Za-z_]+");

    private final SqlPolicy policy;

    public SqlGuard(SqlPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Decides about one SQL text from the agent. Never throws; anything unexpected is a refusal. */
    public SqlVerdict check(String sql) {
        try {
            return allow(sql);
        } catch (SqlRefusal refusal) {
            return refusal.verdict();
        } catch (RuntimeException | StackOverflowError e) {
            // Fail closed: whatever the guard could not finish checking does not run.
            return new SqlVerdict.Refused(UNSUPPORTED_SYNTAX, "The SQL guard could not check this query.",
                    "Simplify the query: fewer nesting levels, standard PostgreSQL SELECT syntax.");
        }
    }

    private SqlVerdict.Allowed allow(String sql) {
        if (sql == null || sql.isBlank()) {
            throw empty();
        }
        if (sql.length() > MAX_SQL_LENGTH) {
            throw new SqlRefusal(TOO_LONG, "The query is " + sql.length() + " characters long; the limit is "
                    + MAX_SQL_LENGTH + ".", "Write a shorter query; aggregate in SQL rather than listing values.");
        }
        Select query = onlySelect(parse(sql), sql);
        new QueryInspector(policy, QueryInspector.Source.AGENT).inspect(query);
        RowLimit.Outcome limit = RowLimit.apply(query, policy);
        SqlWriter.Written written = SqlWriter.write(query, true);
        QueryInspector rewritten = recheck(written);
        return new SqlVerdict.Allowed(written.sql(), rewritten.tables(), limit.added(), written.semanticEmbedTexts(),
                limit.capped(), limit.rowLimit());
    }

    /**
     * Parses the printed text again, checks it with the same rules (allowing only the guard's own {@code ?}
     * placeholders) and requires that it prints back to itself. This catches any place where printing the tree
     * changed what the text means to a parser, e.g. {@code a#>>'{x}'} read back as a column {@code a#}.
     */
    private QueryInspector recheck(SqlWriter.Written written) {
        Select again;
        try {
            again = onlySelect(parse(written.sql()), written.sql());
        } catch (SqlRefusal refusal) {
            throw unfaithful();
        }
        QueryInspector inspector = new QueryInspector(policy, QueryInspector.Source.REWRITE);
        inspector.inspect(again);
        RowLimit.Outcome limit = RowLimit.apply(again, policy);
        boolean same = !limit.added() && !limit.capped()
                && inspector.placeholders() == written.semanticEmbedTexts().size()
                && SqlWriter.write(again, false).sql().equals(written.sql());
        if (!same) {
            throw unfaithful();
        }
        return inspector;
    }

    private static Statements parse(String sql) {
        try {
            Statements statements = CCJSqlParserUtil.parseStatements(sql, PARSER_THREADS, parser -> parser
                    .withTimeOut(PARSE_TIMEOUT_MILLIS)
                    .withBackslashEscapeCharacter(false)
                    .withSquareBracketQuotation(false)
                    .withUnsupportedStatements(false)
                    .withErrorRecovery(false));
            if (statements == null) {
                // JSqlParser 5.3 returns null instead of an error for some deeply nested malformed input.
                throw new SqlRefusal(PARSE_ERROR, "The query could not be parsed.", PARSE_HINT);
            }
            if (statements.isEmpty()) {
                throw empty();
            }
            return statements;
        } catch (JSQLParserException e) {
            String word = firstWord(sql);
            if (STATE_CHANGING_WORDS.contains(word) || word.equals("EXPLAIN") && EXPLAIN_ANALYZE.matcher(sql).find()) {
                throw notReadOnly(word);
            }
            if (NON_QUERY_WORDS.contains(word)) {
                throw notASelect(word);
            }
            throw new SqlRefusal(PARSE_ERROR, "The query could not be parsed: " + parserMessage(e), PARSE_HINT);
        }
    }

    private static Select onlySelect(Statements statements, String sql) {
        if (statements.size() > 1) {
            throw new SqlRefusal(MULTIPLE_STATEMENTS, "The text holds " + statements.size() + " statements; only one is allowed.",
                    "Send one SELECT per call, without a semicolon followed by more SQL.");
        }
        Statement statement = statements.get(0);
        if (statement instanceof PlainSelect || statement instanceof SetOperationList
                || statement instanceof ParenthesedSelect) {
            return (Select) statement;
        }
        String word = firstWord(sql);
        if (statement instanceof ExplainStatement explain && explain.getOption(ExplainStatement.OptionType.ANALYZE) != null) {
            throw notReadOnly("EXPLAIN ANALYZE");
        }
        if (statement instanceof Select || NON_QUERY_WORDS.contains(word)) {
            throw notASelect(word);
        }
        throw notReadOnly(word);
    }

    private static String firstWord(String sql) {
        Matcher noise = LEADING_NOISE.matcher(sql);
        String rest = noise.lookingAt() ? sql.substring(noise.end()) : sql;
        Matcher word = FIRST_WORD.matcher(rest);
        return word.lookingAt() ? word.group().toUpperCase(Locale.ROOT) : "";
    }

    private static String parserMessage(JSQLParserException e) {
        if (e.getCause() instanceof TimeoutException || String.valueOf(e.getMessage()).contains("Time out")) {
            return "parsing took longer than " + PARSE_TIMEOUT_MILLIS / 1000 + " s (too deeply nested).";
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = Objects.requireNonNullElse(cause.getMessage(), cause.getClass().getSimpleName());
        String firstLines = message.split("Was expecting", 2)[0].replaceAll("\\s+", " ")
                .replaceAll("net\\.sf\\.jsqlparser\\.parser\\.\\w+: ", "").strip();
        return firstLines.length() <= MAX_PARSER_MESSAGE ? firstLines : firstLines.substring(0, MAX_PARSER_MESSAGE) + "…";
    }

    private static SqlRefusal empty() {
        return new SqlRefusal(EMPTY_QUERY, "The query is empty.", "Send one PostgreSQL SELECT statement.");
    }

    private static SqlRefusal notReadOnly(String word) {
        String what = word.isEmpty() ? "This statement" : word;
        return new SqlRefusal(NOT_READ_ONLY, what + " is not a read-only query; run_sql_query only reads.",
                "Only one SELECT or WITH … SELECT is allowed; to change data use run_sql_write.");
    }

    private static SqlRefusal notASelect(String word) {
        String what = word.isEmpty() ? "This statement" : word;
        return new SqlRefusal(NOT_A_SELECT, what + " is not a SELECT query.",
                "Write one SELECT or WITH … SELECT; table and column names are in the schema summary of your instructions.");
    }

    private static SqlRefusal unfaithful() {
        return new SqlRefusal(UNSUPPORTED_SYNTAX, "The SQL guard could not rewrite this query faithfully.",
                "Simplify the query; use semantic_embed('…') in the select list, WHERE or ORDER BY, and standard "
                        + "PostgreSQL syntax.");
    }
}
