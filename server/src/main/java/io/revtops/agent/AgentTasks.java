package io.revtops.agent;

import io.revtops.platform.db.Tenant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Agent tasks: one persisted, streamed turn per user message. {@code start} saves the message and the task and runs
 * the {@link TurnRunner} on a virtual thread; chunks reach {@link TaskEventListener}s at once and the chunk log for
 * catch-up shortly after; {@code cancel} stops a turn within a second.
 */
public interface AgentTasks {

    /**
     * Saves the user message (creating the conversation when the request names none) and a running task in one
     * transaction, then runs the turn. The conversation must be visible to the tenant's user, else NotFound.
     */
    default Started start(Tenant tenant, TurnRequest request) {
        return start(tenant, request, started -> { });
    }

    /**
     * As {@link #start(Tenant, TurnRequest)}; {@code beforeRun} is called once everything is committed and before
     * the runner emits anything, so a caller can announce the task and subscribe without missing a chunk.
     */
    Started start(Tenant tenant, TurnRequest request, Consumer<Started> beforeRun);

    /**
     * The task's chunks with index greater than {@code sinceIndex} (-1 for all), in order, none missing or
     * repeated — including chunks not yet written to the database — and its status. NotFound when invisible.
     */
    Catchup chunksSince(Tenant tenant, UUID taskId, int sinceIndex);

    /**
     * Cancels a task the tenant's user may stop (whoever started it or the conversation's owner). A task running
     * in another process is reported as such, so the caller can forward the request to {@code ownerNode}.
     */
    CancelOutcome cancel(Tenant tenant, UUID taskId);

    /** Cancels a task if this process runs it; for requests forwarded from another node (already authorized there). */
    boolean cancelLocal(UUID taskId);

    /** Adds a listener for the events of every task this process runs; close the registration to remove it. */
    AutoCloseable listen(TaskEventListener listener);

    /** This process's node id ({@code revtops.node-id}), stored as the owner of the tasks it runs. */
    String nodeId();

    /** A message to answer: in an existing conversation, or in a new one of the given scope. */
    record TurnRequest(Optional<UUID> conversationId, String message, ConversationScope scopeForNew, TurnSource source,
                       Optional<String> localTime, Optional<String> timezone) {
        public TurnRequest {
            conversationId = conversationId == null ? Optional.empty() : conversationId;
            Objects.requireNonNull(message, "message");
            scopeForNew = scopeForNew == null ? ConversationScope.PRIVATE : scopeForNew;
            source = source == null ? TurnSource.WEB : source;
            localTime = localTime == null ? Optional.empty() : localTime;
            timezone = timezone == null ? Optional.empty() : timezone;
        }

        /** A web message in a new private conversation. */
        public static TurnRequest of(String message) {
            return new TurnRequest(Optional.empty(), message, ConversationScope.PRIVATE, TurnSource.WEB,
                    Optional.empty(), Optional.empty());
        }

        public TurnRequest inConversation(UUID id) {
            return new TurnRequest(Optional.of(id), message, scopeForNew, source, localTime, timezone);
        }

        public TurnRequest withScopeForNew(ConversationScope scope) {
            return new TurnRequest(conversationId, message, scope, source, localTime, timezone);
        }

        public TurnRequest from(TurnSource from) {
            return new TurnRequest(conversationId, message, scopeForNew, from, localTime, timezone);
        }

        public TurnRequest withClock(Optional<String> local, Optional<String> zone) {
            return new TurnRequest(conversationId, message, scopeForNew, source, local, zone);
        }
    }

    /** A started task; {@code createdConversation} is present when the request started a new conversation. */
    record Started(UUID taskId, UUID conversationId, ChatMessage userMessage,
                   Optional<ConversationSummary> createdConversation) {}

    /** The catch-up answer: the missed chunks in order, and where the task stands now. */
    record Catchup(UUID taskId, UUID conversationId, TaskStatus status, Optional<String> error, List<TaskChunk> chunks) {
        public Catchup {
            chunks = List.copyOf(chunks);
            error = error == null ? Optional.empty() : error;
        }
    }

    /** What a cancel request did. */
    record CancelOutcome(Result result, Optional<String> ownerNode) {
        /** Cancelled here, already over, or running in another process ({@code ownerNode}). */
        public enum Result { CANCELLED, ALREADY_FINISHED, RUNNING_ELSEWHERE }
    }
}
