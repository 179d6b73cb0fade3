package io.revtops.connectors;

import java.util.Map;

/** A connector the agent can ask on demand (enrichment, lookups, file content, web search); never changes anything. */
public interface Queryable extends Connector {
    QueryResult query(ConnectorContext ctx, String operation, Map<String, Object> params);
}
