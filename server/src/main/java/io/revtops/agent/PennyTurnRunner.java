package io.revtops.agent;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Answers agent tasks with Penny's {@link TurnLoop}: the task's stream is the loop's sink, the task's cancel its cancel. */
@Component
public class PennyTurnRunner implements TurnRunner {
    private final TurnLoop loop;
    private final io.revtops.platform.db.TenantTx tx;

    public PennyTurnRunner(TurnLoop loop, io.revtops.platform.db.TenantTx tx) {
        this.loop = loop;
        this.tx = tx;
    }

    /** The organization's model choice ({@code settings.model}), if an admin set one. */
    Optional<String> organizationModel(io.revtops.platform.db.Tenant tenant) {
        return tx.run(tenant, j -> j.sql("SELECT nullif(settings->>'model', '') FROM organizations WHERE id = :o")
                .param("o", tenant.orgId()).query(String.class).optional());
    }

    @Override
    public void run(TurnInput input, TaskStream out, CancellationToken cancel) {
        io.revtops.agent.model.CancellationToken modelCancel = new io.revtops.agent.model.CancellationToken();
        cancel.onCancel(modelCancel::cancel);
        TurnRequest request = new TurnRequest(input.tenant(), input.conversationId(), input.taskId(), input.message(),
                input.source(), input.timezone().flatMap(PennyTurnRunner::zone), Optional.empty(), organizationModel(input.tenant()));
        TurnOutcome outcome = loop.run(request, new TurnSink() {
            @Override
            public void emit(String type, Map<String, Object> data) {
                out.emit(ChunkType.fromWire(type), data);
            }

            @Override
            public void saveAssistantMessage(List<Map<String, Object>> contentBlocks) {
                out.saveAssistantMessage(contentBlocks);
            }
        }, modelCancel);
        if (outcome.status() == TurnOutcome.Status.FAILED) {
            throw new TurnFailed(outcome.error().orElse("The answer failed; please try again."));
        }
    }

    static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
