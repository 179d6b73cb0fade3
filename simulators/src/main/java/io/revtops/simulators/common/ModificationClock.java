package io.revtops.simulators.common;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Hands out strictly increasing modification timestamps (millisecond precision) that are never earlier
 * than the newest generated record, so an incremental sync filtering on "modified after my last
 * checkpoint" always sees a write, even when the demo data is anchored after the wall clock.
 */
public final class ModificationClock {

    private final Clock clock;
    private Instant last;

    public ModificationClock(Clock clock, Instant floor) {
        this.clock = clock;
        this.last = floor.truncatedTo(ChronoUnit.MILLIS);
    }

    public synchronized Instant next() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        last = now.isAfter(last) ? now : last.plusMillis(1);
        return last;
    }

    /** Raises the floor (for records created after this clock was made). */
    public synchronized void observe(Instant instant) {
        Instant t = instant.truncatedTo(ChronoUnit.MILLIS);
        if (t.isAfter(last)) {
            last = t;
        }
    }
}
