package io.revtops.connectors;

import java.util.Map;

/**
 * A connector that performs actions (send an email, post to Slack, enrich in place). Actions whose
 * {@link OperationSpec#readOnly()} is false run only after approval, like writes.
 */
public interface Actionable extends Connector {
    ActionResult action(ConnectorContext ctx, String action, Map<String, Object> params, String idempotencyKey);
}
