package io.revtops.sync;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A test hook that stops a sync right after the batch holding page N of a run was committed (page N itself when every
 * page is its own batch), as a crashed worker would, to prove that the next run resumes from the checkpoints. Does
 * nothing unless a test arms it.
 */
@Component
public class SyncInterruptions {
    private final Map<UUID, Integer> stopAfter = new ConcurrentHashMap<>();

    /** The next run of {@code integrationId} stops after its {@code page}-th page (counted over all streams) is committed. */
    public void stopAfterPage(UUID integrationId, int page) {
        stopAfter.put(integrationId, page);
    }

    /** Called after each commit with the number of pages the run has committed so far. */
    void afterPage(UUID integrationId, int pagesOfRun) {
        Integer n = stopAfter.get(integrationId);
        if (n != null && n <= pagesOfRun) {
            stopAfter.remove(integrationId);
            throw new Interrupted(pagesOfRun);
        }
    }

    /** Thrown by the hook; the run ends as failed, its committed pages and checkpoints stay. */
    static final class Interrupted extends RuntimeException {
        Interrupted(int page) {
            super("Interrupted after page " + page + " (test hook)");
        }
    }
}
