package io.revtops.agent.tools;

import io.revtops.agent.TurnSource;
import io.revtops.agent.model.CancellationToken;
import io.revtops.platform.db.Tenant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking, in which conversation and turn, from where; tools run with the user's row-level security.
 * {@code workflowGrants} are the tool keys a workflow run may use without asking (already intersected with its
 * parents'; empty outside workflows). {@code chunks} lets a tool stream a chunk of its own into the turn (e.g.
 * {@code pending_change}); it is safe to call from concurrently running tools.
 */
public record ToolContext(Tenant tenant, UUID conversationId, UUID taskId, TurnSource source,
                          Optional<UUID> workflowRunId, CancellationToken cancel, Optional<Set<String>> workflowGrants,
                          ChunkEmitter chunks) {
    public ToolContext {
        workflowRunId = workflowRunId == null ? Optional.empty() : workflowRunId;
        workflowGrants = workflowGrants == null ? Optional.empty() : workflowGrants.map(Set::copyOf);
        chunks = chunks == null ? ChunkEmitter.NONE : chunks;
    }

    public ToolContext(Tenant tenant, UUID conversationId, UUID taskId, TurnSource source, Optional<UUID> workflowRunId,
                       CancellationToken cancel) {
        this(tenant, conversationId, taskId, source, workflowRunId, cancel, Optional.empty(), ChunkEmitter.NONE);
    }

    public boolean inWorkflow() {
        return source == TurnSource.WORKFLOW || workflowRunId.isPresent();
    }

    /** Streams one chunk of the turn (SPEC §9 chunk types) on behalf of a tool. */
    public void emit(String type, Map<String, Object> data) {
        chunks.emit(type, data);
    }

    /** Where a tool's own chunks go. */
    @FunctionalInterface
    public interface ChunkEmitter {
        ChunkEmitter NONE = (type, data) -> { };

        void emit(String type, Map<String, Object> data);
    }
}
