package io.revtops.agent.tools.sql;

import java.util.List;
import java.util.Objects;

/** What {@link SqlGuard} decided about one SQL text from the agent: run this exact rewritten SQL, or refuse with a reason. */
public sealed interface SqlVerdict permits SqlVerdict.Allowed, SqlVerdict.Refused {

    /**
     * The query may run, as {@code rewrittenSql} and nothing else.
     *
     * <p>{@code rewrittenSql} is printed from the checked syntax tree, so comments and formatting of the original are
     * gone. Each {@code semantic_embed('…')} call became a JDBC {@code ?} placeholder: the i-th {@code ?} of
     * {@code rewrittenSql} (counting from 1) stands for the embedding of {@code semanticEmbedTexts.get(i - 1)}, and
     * no other {@code ?} exists in the text. Run it with a {@code PreparedStatement} and bind one query vector per
     * text, in order.
     *
     * @param tables      allow-listed tables the query reads, lower-case and unqualified, in first-seen order
     * @param limitAdded  true when the query had no top-level row cap and {@code LIMIT <default>} was added
     * @param limitCapped true when the query asked for more rows than the maximum (or {@code LIMIT ALL}) and was capped
     * @param rowLimit    the top-level row cap now in {@code rewrittenSql}; a result with this many rows may be truncated
     */
    record Allowed(String rewrittenSql, List<String> tables, boolean limitAdded, List<String> semanticEmbedTexts,
                   boolean limitCapped, long rowLimit) implements SqlVerdict {
        public Allowed {
            Objects.requireNonNull(rewrittenSql, "rewrittenSql");
            tables = List.copyOf(tables);
            semanticEmbedTexts = List.copyOf(semanticEmbedTexts);
        }
    }

    /**
     * The query must not run. {@code message} says what is wrong and {@code hint} what to write instead; both are
     * written for the model to act on.
     */
    record Refused(String code, String message, String hint) implements SqlVerdict {
        /** Blank text, or only comments. */
        public static final String EMPTY_QUERY = "empty_query";
        /** Longer than {@link SqlGuard#MAX_SQL_LENGTH} characters. */
        public static final String TOO_LONG = "too_long";
        /** JSqlParser could not parse the text as SQL. */
        public static final String PARSE_ERROR = "parse_error";
        /** More than one statement, including one hidden after a comment. */
        public static final String MULTIPLE_STATEMENTS = "multiple_statements";
        /** A statement that writes or changes state: DML, DDL, COPY, SET, CALL, SELECT INTO, writable CTEs, … */
        public static final String NOT_READ_ONLY = "not_read_only";
        /** A read-only statement that is not a query: SHOW, EXPLAIN, TABLE, VALUES, … */
        public static final String NOT_A_SELECT = "not_a_select";
        /** FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE. */
        public static final String LOCKING_CLAUSE = "locking_clause";
        /** A table, view or schema outside the allow-list. */
        public static final String TABLE_NOT_ALLOWED = "table_not_allowed";
        /** A function outside the allow-list. */
        public static final String FUNCTION_NOT_ALLOWED = "function_not_allowed";
        /** A function that is never allowed (pg_*, dblink, set_config, …) or any schema-qualified function. */
        public static final String FORBIDDEN_FUNCTION = "forbidden_function";
        /** A cast to a catalog lookup type (regclass, regproc, …). */
        public static final String FORBIDDEN_CAST = "forbidden_cast";
        /** semantic_embed used with anything but one non-empty string literal. */
        public static final String BAD_SEMANTIC_EMBED = "bad_semantic_embed";
        /** Bind parameters or variables written by the agent: ?, $1, :name, @var. */
        public static final String PARAMETER_NOT_ALLOWED = "parameter_not_allowed";
        /** A top-level LIMIT/FETCH that is not a plain number. */
        public static final String INVALID_LIMIT = "invalid_limit";
        /** Syntax the guard does not accept (non-PostgreSQL dialects, dollar quoting, ? operators, …). */
        public static final String UNSUPPORTED_SYNTAX = "unsupported_syntax";

        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(hint, "hint");
        }
    }
}
