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
 * A minimal Gmail connector for the approvals tests (the real one and its simulator do not exist yet): actions only,
 * talking to a {@link MessageVendor} through the real HTTP layer with the operation's idempotency key. When the real
 * connector lands, these tests should move to it and its simulator (slug clash otherwise). Slack's tests use the real
 * Slack connector and its simulator.
 */
@TestConfiguration(proxyBeanMethods = false)
class MessagingConnectors {

    @Bean
    TestGmail testGmail() {
        return new TestGmail();
    }

    /** A personal mailbox: send_email (needs approval) and read_inbox (read-only). */
    static final class TestGmail implements Actionable {
        static final ConnectorMeta META = new ConnectorMeta("gmail", "Gmail", ConnectorMeta.AuthType.NONE,
                new ConnectorMeta.AuthStyle.None(), ConnectorMeta.Scope.USER, List.of(), Set.of(Capability.ACTION),
                List.of(), List.of(), List.of(
                        new OperationSpec("send_email", "Send an e-mail.", OperationParams.object(OperationParams.props(
                                "to", Map.of("type", "array", "items", Map.of("type", "string"), "minItems", 1),
                                "subject", OperationParams.string("Subject", 500),
                                "body", OperationParams.string("Plain-text body", 100_000)), "to", "subject", "body"), false),
                        new OperationSpec("read_inbox", "Read the latest messages.", OperationParams.object(OperationParams.props(
                                "limit", OperationParams.integer("How many", 1, 20))), true)),
                "Send e-mail as the user (waits for approval); read_inbox reads the latest messages.",
                "https://gmail.googleapis.com", Optional.empty());

        @Override
        public ConnectorMeta meta() {
            return META;
        }

        @Override
        public ActionResult action(ConnectorContext ctx, String action, Map<String, Object> params, String idempotencyKey) {
            return switch (action) {
                case "send_email" -> {
                    JsonNode answer = ctx.http().postJson("/send", params, idempotencyKey).json();
                    yield new ActionResult(Map.of("message_id", answer.path("id").asString()), "E-mail sent");
                }
                case "read_inbox" -> {
                    JsonNode answer = ctx.http().get("/inbox", Map.of()).json();
                    yield new ActionResult(Map.of("messages", answer.path("messages").toString()), "Read the inbox");
                }
                default -> throw new ConnectorException.InvalidRequest("no action " + action);
            };
        }
    }
}
