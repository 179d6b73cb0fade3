package io.revtops.sync;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A test hook that stops a sync right after page N of a run was committed, as a crashed worker would, to prove
 * that the next run resumes from the checkpoints. Does nothing unless a test arms it.
 */
@Component
public class SyncInterruptions {
    private final Map<UUID, Integer> stopAfter = new ConcurrentHashMap<>();

    /** The next run of {@code integrationId} stops after its {@code page}-th page (counted over all streams). */
    public void stopAfterPage(UUID integrationId, int page) {
        stopAfter.put(integrationId, page);
    }

    void afterPage(UUID integrationId, int pageOfRun) {
        Integer n = stopAfter.get(integrationId);
        if (n != null && n == pageOfRun) {
            stopAfter.remove(integrationId);
            throw new Interrupted(pageOfRun);
        }
    }

    /** Thrown by the hook; the run ends as failed, its committed pages and checkpoints stay. */
    static final class Interrupted extends RuntimeException {
        Interrupted(int page) {
            super("Interrupted after page " + page + " (test hook)");
        }
    }
}
