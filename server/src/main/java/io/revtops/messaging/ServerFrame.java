package io.revtops.messaging;

import io.revtops.agent.ChatMessage;
import io.revtops.agent.ConversationSummary;
import io.revtops.agent.TaskChunk;
import io.revtops.agent.TaskStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The frames the server sends on the chat socket (docs/websocket.md); each serializes with its {@code type}. */
sealed interface ServerFrame {

    /** The new conversation a send_message without conversation_id started. */
    record ConversationCreated(String type, ConversationSummary conversation, Optional<String> requestId) implements ServerFrame {
        ConversationCreated(ConversationSummary conversation, Optional<String> requestId) {
            this("conversation_created", conversation, requestId);
        }
    }

    /** A turn started for the user's message (saved as {@code message_id}). */
    record TaskStarted(String type, UUID taskId, UUID conversationId, UUID messageId, Optional<String> requestId) implements ServerFrame {
        TaskStarted(UUID taskId, UUID conversationId, UUID messageId, Optional<String> requestId) {
            this("task_started", taskId, conversationId, messageId, requestId);
        }
    }

    /** One streamed chunk of a task. */
    record TaskChunkFrame(String type, UUID taskId, TaskChunk chunk) implements ServerFrame {
        TaskChunkFrame(UUID taskId, TaskChunk chunk) {
            this("task_chunk", taskId, chunk);
        }
    }

    /** A task ended. */
    record TaskComplete(String type, UUID taskId, TaskStatus status, Optional<String> error) implements ServerFrame {
        TaskComplete(UUID taskId, TaskStatus status, Optional<String> error) {
            this("task_complete", taskId, status, error);
        }
    }

    /** The chunks a subscriber missed, then live chunks follow unless {@code status} is final. */
    record Catchup(String type, UUID taskId, UUID conversationId, List<TaskChunk> chunks, TaskStatus status,
                   Optional<String> error) implements ServerFrame {
        Catchup(UUID taskId, UUID conversationId, List<TaskChunk> chunks, TaskStatus status, Optional<String> error) {
            this("catchup", taskId, conversationId, chunks, status, error);
        }
    }

    /** The answer to a ping. */
    record Pong(String type, Optional<String> requestId) implements ServerFrame {
        Pong(Optional<String> requestId) {
            this("pong", requestId);
        }
    }

    /** Someone is typing in a conversation the receiver sees. */
    record Typing(String type, UUID conversationId, UUID userId) implements ServerFrame {
        Typing(UUID conversationId, UUID userId) {
            this("typing", conversationId, userId);
        }
    }

    /** A pending change appeared or changed status (SPEC §5): for the conversation's people and the org's admins. */
    record PendingChangeFrame(String type, UUID operationId, Optional<UUID> conversationId, String status, Object change)
            implements ServerFrame {
        PendingChangeFrame(UUID operationId, Optional<UUID> conversationId, String status, Object change) {
            this("pending_change", operationId, conversationId, status, change);
        }
    }

    /** Progress of a sync of one of the organization's integrations (SPEC §3). */
    record SyncProgressFrame(String type, UUID integrationId, String provider, String entity, long count, String status)
            implements ServerFrame {
        SyncProgressFrame(UUID integrationId, String provider, String entity, long count, String status) {
            this("sync_progress", integrationId, provider, entity, count, status);
        }
    }

    /** A message was posted in a conversation the receiver sees; subscribe to {@code task_id} to watch the answer. */
    record NewMessage(String type, UUID conversationId, ChatMessage message, Optional<UUID> taskId) implements ServerFrame {
        NewMessage(UUID conversationId, ChatMessage message, Optional<UUID> taskId) {
            this("new_message", conversationId, message, taskId);
        }
    }

    /** A request was refused; the socket stays open. */
    record Error(String type, String code, String message, Optional<String> requestId, Optional<UUID> taskId) implements ServerFrame {
        Error(String code, String message, Optional<String> requestId, Optional<UUID> taskId) {
            this("error", code, message, requestId, taskId);
        }

        static Error of(String code, String message) {
            return new Error(code, message, Optional.empty(), Optional.empty());
        }
    }
}
