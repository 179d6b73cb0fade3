package io.revtops.messaging;

import io.revtops.agent.Conversations.Audience;
import io.revtops.sync.SyncProgress;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Forwards sync progress to every open socket of the organization, on every api node (SPEC §3 sync_progress). */
@Component
class SyncProgressForwarder {
    private final SocketHub hub;

    SyncProgressForwarder(SocketHub hub) {
        this.hub = hub;
    }

    @EventListener
    void onProgress(SyncProgress p) {
        hub.broadcast(new Audience(p.orgId(), null, true, Set.of()), Optional.empty(), Optional.empty(),
                new ServerFrame.SyncProgressFrame(p.integrationId(), p.provider(), p.entity(), p.count(), p.status()));
    }
}
