package io.revtops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.model.ScriptedModelClient;
import io.revtops.approvals.PendingChange;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A failed change gets a short explanation from Penny in its conversation (the approvals port, agent side). */
@RevtopsTest
class FailureExplanationsTest {
    @LocalServerPort int port;
    @Autowired TurnLoop loop;
    @Autowired TenantTx tx;

    @Test
    void pennyExplainsAFailedChangeInItsConversationAndIsToldWhatFailed() {
        var session = new TestApi(port).devLogin("explain@fx" + UUID.randomUUID().toString().substring(0, 8) + ".test");
        Tenant tenant = Tenant.of(session.orgId(), session.userId());
        UUID conversation = tx.run(tenant, j -> j.sql("INSERT INTO conversations (organization_id, user_id) VALUES (:o, :u) RETURNING id")
                .param("o", tenant.orgId()).param("u", session.userId()).query(UUID.class).single());
        var model = ScriptedModelClient.builder()
                .whenUserSays("failed: HubSpot refused it", t -> t.text("HubSpot wants a number for the amount. Shall I propose 150000 again?"))
                .build();
        PendingChange failed = new PendingChange(UUID.randomUUID(), UUID.randomUUID(), 3, Optional.of(conversation), Optional.empty(),
                Optional.of(session.userId()), "agent", "write_to_system", "write_to_system:hubspot.update_deal", "hubspot",
                "update_deal", Map.of(), "Update HubSpot deal 1: amount 1 → a lot", List.of(), List.of(), PendingChange.Status.FAILED,
                false, Optional.empty(), Optional.of("HubSpot refused it: Property values were not valid"), 1, Instant.now(),
                Instant.now(), Instant.now(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        new FailureExplanations(loop, tx, Optional.of(model)).explain(tenant, failed);

        List<String> said = tx.run(tenant, j -> j.sql("""
                SELECT b ->> 'text' FROM chat_messages m, jsonb_array_elements(m.content_blocks) b
                 WHERE m.conversation_id = :c AND m.role = 'assistant' AND b ->> 'type' = 'text'
                """).param("c", conversation).query(String.class).list());
        assertThat(said).containsExactly("HubSpot wants a number for the amount. Shall I propose 150000 again?");
    }
}
