package io.revtops.connectors;

import java.util.Map;

/**
 * A connector that creates or updates records in its system. Only the approvals executor calls this, after a
 * human approved; the idempotency key is the pending operation's, so a retry after a crash never writes twice.
 */
public interface Writable extends Connector {
    WriteResult write(ConnectorContext ctx, String operation, Map<String, Object> params, String idempotencyKey);
}
