package io.revtops.agent;

import io.revtops.platform.db.Tenant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a {@link TurnRunner} answers: the user's message (already saved as {@code userMessageId}) in a conversation,
 * for a tenant, with where it came from and the user's clock (an ISO local date-time and an IANA zone, when known).
 */
public record TurnInput(Tenant tenant, UUID conversationId, UUID taskId, UUID userMessageId, String message,
                        TurnSource source, Optional<String> localTime, Optional<String> timezone) {
    public TurnInput {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(userMessageId, "userMessageId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        localTime = localTime == null ? Optional.empty() : localTime;
        timezone = timezone == null ? Optional.empty() : timezone;
    }
}
