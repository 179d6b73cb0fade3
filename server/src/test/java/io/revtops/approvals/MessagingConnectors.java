package io.revtops.approvals;

import io.revtops.connectors.ActionResult;
import io.revtops.connectors.Actionable;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorMeta.Capability;
import io.revtops.connectors.OperationSpec;
import io.revtops.connectors.mapping.OperationParams;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * Minimal Gmail and Slack connectors for the approvals tests (the real ones and their simulators do not exist yet):
 * actions only, talking to a {@link MessageVendor} through the real HTTP layer with the operation's idempotency key.
 * When the real connectors land, these tests should move to them and their simulators (slug clash otherwise).
 */
@TestConfiguration(proxyBeanMethods = false)
class MessagingConnectors {

    @Bean
    TestSlack testSlack() {
        return new TestSlack();
    }

    /** An organization's Slack: send_message. */
    static final class TestSlack implements Actionable {
        static final ConnectorMeta META = new ConnectorMeta("slack", "Slack", ConnectorMeta.AuthType.NONE,
                new ConnectorMeta.AuthStyle.None(), ConnectorMeta.Scope.ORGANIZATION, List.of(), Set.of(Capability.ACTION),
                List.of(), List.of(), List.of(
                        new OperationSpec("send_message", "Post a message to a channel.", OperationParams.object(OperationParams.props(
                                "channel", OperationParams.string("Channel id or #name", 100),
                                "text", OperationParams.string("Message text", 40_000)), "channel", "text"), false)),
                "Post messages to Slack channels (waits for approval).", "https://slack.com/api", Optional.empty());

        @Override
        public ConnectorMeta meta() {
            return META;
        }

        @Override
        public ActionResult action(ConnectorContext ctx, String action, Map<String, Object> params, String idempotencyKey) {
            if (!action.equals("send_message")) throw new ConnectorException.InvalidRequest("no action " + action);
            JsonNode answer = ctx.http().postJson("/send", params, idempotencyKey).json();
            return new ActionResult(Map.of("ts", answer.path("id").asString()), "Posted to " + params.get("channel"));
        }
    }
}
