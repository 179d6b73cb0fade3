package io.revtops.agent;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** What a running task tells its listeners: each chunk as it is emitted, then how it finished. */
public sealed interface TaskEvent permits TaskEvent.Chunk, TaskEvent.Finished {

    /** The task the event belongs to. */
    TaskRef task();

    /** Identifies a task with the organization and conversation it belongs to. */
    record TaskRef(UUID orgId, UUID conversationId, UUID taskId) {
        public TaskRef {
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(taskId, "taskId");
        }
    }

    /** A chunk, delivered before it is persisted. */
    record Chunk(TaskRef task, TaskChunk chunk) implements TaskEvent {}

    /** The task ended; every chunk up to {@code lastIndex} (-1: none) is persisted by now. */
    record Finished(TaskRef task, TaskStatus status, Optional<String> error, int lastIndex) implements TaskEvent {
        public Finished {
            error = error == null ? Optional.empty() : error;
        }
    }
}
