package io.revtops.agent.tools.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What agent SQL may touch: the tables and functions it may use, the row cap added when it sets none, and the most
 * rows it may ask for.
 *
 * <p>Table names are unqualified and lower-case; a {@code public.} prefix is accepted and dropped. Function names are
 * lower-case. Some functions are refused even when listed here (see {@link ForbiddenFunctions}).
 */
public record SqlPolicy(Set<String> allowedTables, Set<String> allowedFunctions, int defaultLimit, int maxLimit) {

    /** The internal tables of SPEC §3 the agent may read (row-level security still scopes every row to the org). */
    public static final Set<String> DEFAULT_TABLES = Set.of(
            "accounts", "contacts", "deals", "pipelines", "pipeline_stages", "goals", "activities", "meetings",
            "tracker_teams", "tracker_projects", "tracker_issues",
            "github_repositories", "github_commits", "github_pull_requests",
            "shared_files", "org_members", "users", "integrations", "conversations", "chat_messages",
            "workflows", "workflow_runs", "artifacts", "apps", "memories", "pending_operations", "embeddings");

    /** Ordinary, side-effect-free SQL functions and aggregates, plus {@code semantic_embed}. */
    public static final Set<String> DEFAULT_FUNCTIONS = Set.copyOf(List.of(
            // aggregates
            "count", "sum", "avg", "min", "max", "string_agg", "array_agg", "jsonb_agg", "json_agg",
            "jsonb_object_agg", "json_object_agg", "bool_and", "bool_or", "every", "percentile_cont",
            "percentile_disc", "mode", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
            "corr", "covar_pop", "covar_samp", "regr_slope", "regr_intercept", "regr_r2", "grouping",
            // window functions
            "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
            "first_value", "last_value", "nth_value",
            // conditionals
            "coalesce", "nullif", "greatest", "least", "num_nulls", "num_nonnulls",
            // strings
            "lower", "upper", "initcap", "trim", "btrim", "ltrim", "rtrim", "lpad", "rpad", "length", "char_length",
            "octet_length", "substring", "substr", "position", "strpos", "starts_with", "replace", "translate",
            "concat", "concat_ws", "split_part", "left", "right", "reverse", "repeat", "overlay", "format", "md5",
            "ascii", "chr", "regexp_replace", "regexp_match", "regexp_matches", "regexp_like", "regexp_count",
            "regexp_substr", "regexp_split_to_array", "regexp_split_to_table", "string_to_array", "array_to_string",
            "to_hex", "quote_literal", "quote_ident",
            // dates and times
            "date_trunc", "date_part", "date_bin", "extract", "now", "current_date", "current_timestamp",
            "localtimestamp", "clock_timestamp", "statement_timestamp", "transaction_timestamp", "age",
            "to_char", "to_date", "to_timestamp", "to_number", "make_date", "make_time", "make_timestamp",
            "make_timestamptz", "make_interval", "justify_days", "justify_hours", "justify_interval", "isfinite",
            "date",
            // numbers
            "round", "trunc", "floor", "ceil", "ceiling", "abs", "sign", "mod", "div", "power", "sqrt", "cbrt",
            "exp", "ln", "log", "log10", "pi", "width_bucket", "random",
            // JSON
            "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array", "to_jsonb",
            "to_json", "row_to_json", "jsonb_array_elements", "json_array_elements", "jsonb_array_elements_text",
            "json_array_elements_text", "jsonb_array_length", "json_array_length", "jsonb_each", "json_each",
            "jsonb_each_text", "json_each_text", "jsonb_extract_path", "json_extract_path",
            "jsonb_extract_path_text", "json_extract_path_text", "jsonb_object_keys", "json_object_keys",
            "jsonb_typeof", "json_typeof", "jsonb_strip_nulls", "jsonb_pretty", "jsonb_path_exists",
            "jsonb_path_query", "jsonb_path_query_array", "jsonb_path_query_first", "jsonb_set",
            // arrays and set-returning functions
            "array_length", "array_upper", "array_lower", "cardinality", "array_position", "array_positions",
            "array_remove", "array_append", "array_prepend", "array_cat", "unnest", "generate_series", "array",
            // full-text search and trigram similarity
            "ts_rank", "ts_rank_cd", "to_tsvector", "to_tsquery", "plainto_tsquery", "phraseto_tsquery",
            "websearch_to_tsquery", "ts_headline", "setweight", "similarity", "word_similarity",
            "strict_word_similarity",
            // vectors
            "semantic_embed", "cosine_distance", "l2_distance", "inner_product", "vector_dims",
            // misc
            "gen_random_uuid"));

    /** Rows returned when the query sets no LIMIT. */
    public static final int DEFAULT_LIMIT = 100;
    /** Most rows a query may ask for; a larger LIMIT is lowered to this. */
    public static final int MAX_LIMIT = 1000;

    public SqlPolicy {
        allowedTables = allowedTables.stream().map(SqlPolicy::unqualifiedTable).collect(Collectors.toUnmodifiableSet());
        allowedFunctions = allowedFunctions.stream().map(f -> f.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException("need 1 <= defaultLimit <= maxLimit, got " + defaultLimit + " and " + maxLimit);
        }
    }

    /** The default allow-lists, {@code LIMIT 100} when absent, at most 1000 rows. */
    public static SqlPolicy defaults() {
        return new SqlPolicy(DEFAULT_TABLES, DEFAULT_FUNCTIONS, DEFAULT_LIMIT, MAX_LIMIT);
    }

    private static String unqualifiedTable(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String bare = lower.startsWith("public.") ? lower.substring("public.".length()) : lower;
        if (bare.isEmpty() || bare.contains(".")) {
            throw new IllegalArgumentException("allowed tables must be unqualified or public.<name>: " + name);
        }
        return bare;
    }
}
