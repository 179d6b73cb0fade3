package io.revtops.agent;

import io.revtops.agent.model.CancellationToken;
import io.revtops.agent.model.ModelClient;
import io.revtops.agent.model.ModelSetup;
import io.revtops.approvals.FailureExplainer;
import io.revtops.approvals.PendingChange;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * When an approved change fails, Penny explains it in the change's conversation (a short turn: what went wrong, in
 * plain words, and an offer to fix and propose it again). The approvals module calls this through its
 * {@link FailureExplainer} port. Without a configured model nothing is said: the failure note is already there.
 */
@Component
public class FailureExplanations implements FailureExplainer {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TurnLoop loop;
    private final TenantTx tx;
    private final Optional<ModelClient> model;

    @Autowired
    public FailureExplanations(TurnLoop loop, TenantTx tx, ModelSetup setup) {
        this(loop, tx, setup instanceof ModelSetup.Configured c ? Optional.of(c.client()) : Optional.empty());
    }

    FailureExplanations(TurnLoop loop, TenantTx tx, Optional<ModelClient> model) {
        this.loop = loop;
        this.tx = tx;
        this.model = model;
    }

    @Override
    public void explain(Tenant requester, PendingChange failed) {
        if (model.isEmpty() || failed.conversationId().isEmpty() || requester.userId().isEmpty()) return;
        UUID conversation = failed.conversationId().get();
        String notice = "[Automatic notice, not written by the user] Change " + failed.number() + " (" + failed.preview()
                + ") was approved but failed: " + failed.error().orElse("unknown error") + " In two or three sentences, "
                + "explain to the user what went wrong in plain words and offer to fix it and propose it again (it would "
                + "need their approval again). Do not propose anything yet.";
        AtomicReference<UUID> messageId = new AtomicReference<>();
        TurnSink sink = new TurnSink() {
            @Override
            public void emit(String type, Map<String, Object> data) {
                // no one is streaming this turn; the saved message is what people see
            }

            @Override
            public void saveAssistantMessage(List<Map<String, Object>> blocks) {
                String json = JSON.writeValueAsString(blocks);
                tx.execute(requester, j -> {
                    if (messageId.get() == null) {
                        messageId.set(j.sql("""
                                INSERT INTO chat_messages (organization_id, conversation_id, role, content_blocks)
                                VALUES (:o, :c, 'assistant', CAST(:b AS jsonb)) RETURNING id
                                """).param("o", requester.orgId()).param("c", conversation).param("b", json)
                                .query(UUID.class).single());
                    } else {
                        j.sql("UPDATE chat_messages SET content_blocks = CAST(:b AS jsonb), updated_at = now() WHERE id = :id")
                                .param("b", json).param("id", messageId.get()).update();
                    }
                });
            }
        };
        loop.run(new TurnRequest(requester, conversation, UUID.randomUUID(), notice, TurnSource.WEB, Optional.empty(),
                failed.workflowRunId(), Optional.empty()), sink, new CancellationToken(), model.get());
    }
}
