package io.revtops.connectors;

/** What a query found: JSON-able data for the agent and a one-line summary; {@code found=false} means "no match". */
public record QueryResult(boolean found, Object data, String summary) {
    public static QueryResult noMatch(String summary) {
        return new QueryResult(false, java.util.Map.of(), summary);
    }
}
