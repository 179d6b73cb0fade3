package io.revtops.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.approvals.PendingChange;
import io.revtops.approvals.PendingChangeEvent;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/** pending_change reaches the people of the change's conversation and the admins, not other members. */
@RevtopsTest
class PendingChangeForwarderTest {
    @LocalServerPort int port;
    @Autowired ApplicationEventPublisher events;

    @Test
    void aPendingChangeReachesTheConversationOwnerAndAdminsButNotOtherMembers() {
        TestApi api = new TestApi(port);
        String domain = "pc" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Session admin = api.devLogin("admin@" + domain);
        Session bob = api.devLogin("bob@" + domain);
        Session carol = api.devLogin("carol@" + domain);
        String conversation = api.post("/api/conversations", bob.caller(), Map.of("title", "Deal update")).json().path("id").asString();
        UUID conversationId = UUID.fromString(conversation);
        UUID op = UUID.randomUUID();
        PendingChange change = new PendingChange(op, UUID.randomUUID(), 1, Optional.of(conversationId), Optional.empty(),
                Optional.of(bob.userId()), "agent", "write_to_system", "write_to_system:hubspot.update_deal", "hubspot", "update_deal",
                Map.of("deal_id", "1"), "Set amount to 5000", List.of(), List.of(), PendingChange.Status.PENDING, false,
                Optional.empty(), Optional.empty(), 0, Instant.now().plusSeconds(3600), Instant.now(), Instant.now(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        try (SocketClient bobs = SocketClient.connect(port, bob); SocketClient admins = SocketClient.connect(port, admin);
             SocketClient carols = SocketClient.connect(port, carol)) {
            events.publishEvent(PendingChangeEvent.of(bob.orgId(), change));
            JsonNode toBob = bobs.expect("pending_change");
            assertThat(toBob.path("operation_id").asString()).isEqualTo(op.toString());
            assertThat(toBob.path("status").asString()).isEqualTo("pending");
            assertThat(toBob.path("change").path("preview").asString()).isEqualTo("Set amount to 5000");
            assertThat(admins.expect("pending_change").path("operation_id").asString()).isEqualTo(op.toString());
            try {
                assertThat(carols.next(Duration.ofMillis(500)).path("type").asString()).isNotEqualTo("pending_change");
            } catch (AssertionError noFrame) {
                assertThat(noFrame.getMessage()).contains("no frame");
            }
        }
    }
}
