package io.revtops.approvals;

import java.util.Optional;
import java.util.UUID;

/**
 * Published (after commit) whenever a pending change appears or changes status, so the socket layer can push
 * {@code pending_change} to the conversation's participants and the organization's admins.
 */
public record PendingChangeEvent(UUID orgId, Optional<UUID> conversationId, UUID operationId, PendingChange.Status status,
                                 PendingChange change) {
    public static PendingChangeEvent of(UUID orgId, PendingChange change) {
        return new PendingChangeEvent(orgId, change.conversationId(), change.id(), change.status(), change);
    }
}
