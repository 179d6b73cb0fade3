package io.revtops.agent;

import io.revtops.platform.db.Tenant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Read access to conversations for other modules (the socket hub): visibility and who may see one. */
public interface Conversations {

    /** The conversation if the tenant's user can see it (row-level security decides). */
    Optional<ConversationSummary> find(Tenant tenant, UUID conversationId);

    /** Who can see the conversation right now, or empty if the tenant's user cannot see it. */
    Optional<Audience> audience(Tenant tenant, UUID conversationId);

    /** The people a conversation is visible to: the whole organization (shared) or the owner and participants. */
    record Audience(UUID orgId, UUID conversationId, boolean wholeOrganization, Set<UUID> users) {
        public Audience {
            users = Set.copyOf(users);
        }

        public boolean includes(UUID orgId, UUID userId) {
            return this.orgId.equals(orgId) && (wholeOrganization || users.contains(userId));
        }
    }
}
