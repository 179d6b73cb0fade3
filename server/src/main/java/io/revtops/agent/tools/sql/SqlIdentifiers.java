package io.revtops.agent.tools.sql;

import java.util.Locale;

/** PostgreSQL name folding, so allow-list and deny-list checks see names the way the database will. */
final class SqlIdentifiers {

    private SqlIdentifiers() {
    }

    /** The name PostgreSQL looks up: unquoted names fold to lower case, {@code "Quoted"} names keep their spelling. */
    static String fold(String raw) {
        if (isQuoted(raw)) {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    /** Lower case without quotes, for deny rules that quoting must not dodge ({@code "PG_SLEEP"} is still refused). */
    static String loose(String raw) {
        return fold(raw).toLowerCase(Locale.ROOT);
    }

    private static boolean isQuoted(String raw) {
        return raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
    }
}
