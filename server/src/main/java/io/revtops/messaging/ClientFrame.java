package io.revtops.messaging;

import io.revtops.agent.ConversationScope;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The frames a client sends, parsed and validated; anything else becomes a {@link Invalid} with an error code. */
sealed interface ClientFrame {

    /** The client's correlation id, echoed on the frames that answer this one. */
    Optional<String> requestId();

    /** Ask Penny; without a conversation id a new conversation is created. */
    record SendMessage(String message, Optional<UUID> conversationId, ConversationScope scope, Optional<String> localTime,
                       Optional<String> timezone, Optional<String> requestId) implements ClientFrame {}

    /** Chunks after {@code sinceIndex}, then live ones. */
    record Subscribe(UUID taskId, int sinceIndex, Optional<String> requestId) implements ClientFrame {}

    /** Stop a task. */
    record Cancel(UUID taskId, Optional<String> requestId) implements ClientFrame {}

    /** The user is typing in a conversation. */
    record Typing(UUID conversationId, Optional<String> requestId) implements ClientFrame {}

    /** A keepalive; answered by a pong once the socket is fully registered. */
    record Ping(Optional<String> requestId) implements ClientFrame {}

    /** Why a frame was refused. */
    final class Invalid extends RuntimeException {
        final String code;
        final Optional<String> requestId;

        Invalid(String code, String message, Optional<String> requestId) {
            super(message, null, false, false);
            this.code = code;
            this.requestId = requestId;
        }
    }

    int MAX_REQUEST_ID = 100;

    /** Parses one text frame. */
    static ClientFrame parse(JsonMapper json, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw new Invalid("malformed_json", "The frame is not valid JSON", Optional.empty());
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("invalid_frame", "A frame must be a JSON object with a \"type\"", Optional.empty());
        }
        Optional<String> requestId = Optional.ofNullable(root.get("request_id"))
                .filter(JsonNode::isString).map(JsonNode::stringValue)
                .map(id -> id.length() > MAX_REQUEST_ID ? id.substring(0, MAX_REQUEST_ID) : id);
        JsonNode type = root.get("type");
        if (type == null || !type.isString()) {
            throw new Invalid("invalid_frame", "A frame must be a JSON object with a \"type\"", requestId);
        }
        Fields f = new Fields(root, requestId);
        return switch (type.stringValue()) {
            case "send_message" -> new SendMessage(
                    f.requiredText("message"),
                    f.optionalUuid("conversation_id"),
                    f.optionalText("scope", 20).map(s -> ConversationScope.parse(s).orElseThrow(() ->
                            new Invalid("invalid_field", "Field 'scope' must be private or shared", requestId)))
                            .orElse(ConversationScope.PRIVATE),
                    f.optionalText("local_time", 64).map(t -> f.localTime("local_time", t)),
                    f.optionalText("timezone", 64).map(z -> f.zone("timezone", z)),
                    requestId);
            case "subscribe" -> new Subscribe(f.requiredUuid("task_id"), f.optionalIndex("since_index"), requestId);
            case "cancel" -> new Cancel(f.requiredUuid("task_id"), requestId);
            case "typing" -> new Typing(f.requiredUuid("conversation_id"), requestId);
            case "ping" -> new Ping(requestId);
            default -> throw new Invalid("unknown_type", "Unknown frame type '" + abbreviate(type.stringValue())
                    + "'; expected send_message, subscribe, cancel, typing or ping", requestId);
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Field readers that fail with a message naming the field. */
    record Fields(JsonNode root, Optional<String> requestId) {
        String requiredText(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) throw new Invalid("missing_field", "Field '" + name + "' is required", requestId);
            if (!node.isString()) throw new Invalid("invalid_field", "Field '" + name + "' must be a string", requestId);
            if (node.stringValue().isBlank()) throw new Invalid("invalid_field", "Field '" + name + "' must not be empty", requestId);
            return node.stringValue();
        }

        Optional<String> optionalText(String name, int maxLength) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) return Optional.empty();
            if (!node.isString()) throw new Invalid("invalid_field", "Field '" + name + "' must be a string", requestId);
            String value = node.stringValue().trim();
            if (value.length() > maxLength) {
                throw new Invalid("invalid_field", "Field '" + name + "' must be at most " + maxLength + " characters", requestId);
            }
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        UUID requiredUuid(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) throw new Invalid("missing_field", "Field '" + name + "' is required", requestId);
            return uuid(name, node);
        }

        Optional<UUID> optionalUuid(String name) {
            JsonNode node = root.get(name);
            return node == null || node.isNull() ? Optional.empty() : Optional.of(uuid(name, node));
        }

        int optionalIndex(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) return -1;
            if (!node.isInt() || node.intValue() < -1) {
                throw new Invalid("invalid_field", "Field '" + name + "' must be an integer >= -1", requestId);
            }
            return node.intValue();
        }

        String localTime(String name, String value) {
            try {
                OffsetDateTime.parse(value);
                return value;
            } catch (DateTimeParseException notOffset) {
                try {
                    LocalDateTime.parse(value);
                    return value;
                } catch (DateTimeParseException e) {
                    throw new Invalid("invalid_field", "Field '" + name + "' must be an ISO-8601 date-time", requestId);
                }
            }
        }

        String zone(String name, String value) {
            try {
                return ZoneId.of(value).getId();
            } catch (RuntimeException e) {
                throw new Invalid("invalid_field", "Field '" + name + "' must be an IANA time zone such as Europe/Paris", requestId);
            }
        }

        private UUID uuid(String name, JsonNode node) {
            if (node.isString() && node.stringValue().length() == 36) {
                try {
                    return UUID.fromString(node.stringValue());
                } catch (IllegalArgumentException ignored) {
                    // fall through to the error below
                }
            }
            throw new Invalid("invalid_field", "Field '" + name + "' must be a UUID", requestId);
        }
    }
}
