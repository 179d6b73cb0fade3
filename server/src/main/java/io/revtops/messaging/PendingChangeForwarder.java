package io.revtops.messaging;

import io.revtops.agent.Conversations.Audience;
import io.revtops.approvals.PendingChangeEvent;
import io.revtops.platform.db.TenantTx;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pushes {@code pending_change} to the people of the change's conversation (owner and participants, or the whole
 * organization for a shared one) and to the organization's admins, on every api node.
 */
@Component
class PendingChangeForwarder {
    private final SocketHub hub;
    private final TenantTx tx;

    PendingChangeForwarder(SocketHub hub, TenantTx tx) {
        this.hub = hub;
        this.tx = tx;
    }

    @EventListener
    void onChange(PendingChangeEvent e) {
        // system read: the audience spans users (owner, participants, admins), none of whom is the current tenant
        record Who(boolean shared, Set<UUID> users) {}
        Who who = tx.system("pending_change audience", j -> {
            Set<UUID> users = new HashSet<>(j.sql("""
                    SELECT user_id FROM org_members WHERE organization_id = :o AND role = 'admin' AND status = 'active'
                    """).param("o", e.orgId()).query(UUID.class).list());
            boolean shared = false;
            if (e.conversationId().isPresent()) {
                UUID c = e.conversationId().get();
                shared = j.sql("SELECT scope = 'shared' FROM conversations WHERE id = :c AND organization_id = :o")
                        .param("c", c).param("o", e.orgId()).query(Boolean.class).optional().orElse(false);
                users.addAll(j.sql("""
                        SELECT user_id FROM conversations WHERE id = :c AND organization_id = :o
                        UNION SELECT user_id FROM conversation_participants WHERE conversation_id = :c AND organization_id = :o
                        """).param("c", c).param("o", e.orgId()).query(UUID.class).list());
            }
            return new Who(shared, users);
        });
        hub.broadcast(new Audience(e.orgId(), e.conversationId().orElse(null), who.shared(), who.users()), Optional.empty(),
                Optional.empty(), new ServerFrame.PendingChangeFrame(e.operationId(), e.conversationId(),
                        e.status().name().toLowerCase(), e.change()));
    }
}
