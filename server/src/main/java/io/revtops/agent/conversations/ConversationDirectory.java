package io.revtops.agent.conversations;

import io.revtops.agent.ConversationScope;
import io.revtops.agent.ConversationSummary;
import io.revtops.agent.Conversations;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The {@link Conversations} other modules use: every answer is computed under the asking user's RLS context. */
@Service
public class ConversationDirectory implements Conversations {
    private final TenantTx tx;
    private final ConversationRepository conversations;

    public ConversationDirectory(TenantTx tx, ConversationRepository conversations) {
        this.tx = tx;
        this.conversations = conversations;
    }

    @Override
    public Optional<ConversationSummary> find(Tenant tenant, UUID conversationId) {
        return tx.run(tenant, j -> conversations.find(j, conversationId));
    }

    @Override
    public Optional<Audience> audience(Tenant tenant, UUID conversationId) {
        return tx.run(tenant, j -> conversations.find(j, conversationId).map(c -> {
            if (c.scope() == ConversationScope.SHARED) {
                return new Audience(tenant.orgId(), c.id(), true, Set.of());
            }
            Set<UUID> users = new HashSet<>();
            users.add(c.ownerId());
            conversations.participants(j, c.id()).forEach(p -> users.add(p.userId()));
            return new Audience(tenant.orgId(), c.id(), false, users);
        }));
    }
}
