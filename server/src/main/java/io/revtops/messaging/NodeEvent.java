package io.revtops.messaging;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.revtops.agent.TaskChunk;
import io.revtops.agent.TaskStatus;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What one api process tells the others over LISTEN/NOTIFY (one JSON object each, {@code k} names the kind). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "k")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NodeEvent.Chunk.class, name = "chunk"),
        @JsonSubTypes.Type(value = NodeEvent.ChunkPointer.class, name = "pointer"),
        @JsonSubTypes.Type(value = NodeEvent.Finished.class, name = "finished"),
        @JsonSubTypes.Type(value = NodeEvent.Broadcast.class, name = "broadcast"),
        @JsonSubTypes.Type(value = NodeEvent.Cancel.class, name = "cancel"),
        @JsonSubTypes.Type(value = NodeEvent.AccessChanged.class, name = "access")})
sealed interface NodeEvent {

    /** A chunk small enough to travel in the notification. */
    record Chunk(UUID orgId, UUID conversationId, UUID taskId, TaskChunk chunk) implements NodeEvent {}

    /** A chunk too big for a notification: read it from the chunk log once it is written. */
    record ChunkPointer(UUID orgId, UUID conversationId, UUID taskId, int index) implements NodeEvent {}

    /** A task ended; its chunks through {@code lastIndex} are in the chunk log. */
    record Finished(UUID orgId, UUID conversationId, UUID taskId, TaskStatus status, Optional<String> error,
                    int lastIndex) implements NodeEvent {}

    /** A frame for the sockets of an organization's users who can see a conversation. */
    record Broadcast(UUID orgId, boolean wholeOrganization, Set<UUID> users, Optional<UUID> exceptUser,
                     Optional<String> exceptSocket, JsonNode frame) implements NodeEvent {}

    /** Stop a task: meant for the node that runs it (the request was authorized where it was made). */
    record Cancel(UUID taskId, String ownerNode) implements NodeEvent {}

    /** Who may see a conversation changed: re-check the live subscriptions to its tasks. */
    record AccessChanged(UUID orgId, UUID conversationId) implements NodeEvent {}
}
