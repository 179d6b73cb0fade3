package io.revtops.testing.sync;

import io.revtops.sync.SyncCompleted;
import io.revtops.sync.SyncFailed;
import io.revtops.sync.SyncProgress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;

/** Records the sync events the engine publishes, for assertions. */
public final class SyncEvents {
    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void progress(SyncProgress e) {
        events.add(e);
    }

    @EventListener
    void completed(SyncCompleted e) {
        events.add(e);
    }

    @EventListener
    void failed(SyncFailed e) {
        events.add(e);
    }

    public <T> List<T> of(Class<T> type, UUID integrationId) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(e -> switch (e) {
            case SyncProgress p -> p.integrationId().equals(integrationId);
            case SyncCompleted c -> c.integrationId().equals(integrationId);
            case SyncFailed f -> f.integrationId().equals(integrationId);
            default -> false;
        }).toList();
    }
}
