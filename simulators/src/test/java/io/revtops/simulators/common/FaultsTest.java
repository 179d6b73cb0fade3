package io.revtops.simulators.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Faults faults = new Faults(new TokenRegistry(clock), clock);

    @Test
    void faultsApplyInOrderToMatchingPathsOnly() {
        faults.inject(new Fault.ServerError(502), 1, "/a").rateLimitNext(2, 5);

        assertThat(faults.next("/b")).contains(new Fault.RateLimited(5));
        assertThat(faults.next("/a/x")).contains(new Fault.ServerError(502));
        assertThat(faults.next("/a/x")).contains(new Fault.RateLimited(5));
        assertThat(faults.next("/a/x")).isEmpty();
        assertThat(faults.pending()).isEmpty();
    }

    @Test
    void jsonCommandsQueueTheSameFaults() {
        faults.apply(Json.read("[{\"type\":\"truncate\",\"count\":2},{\"type\":\"delay\",\"delayMs\":250}]"));

        assertThat(faults.pending()).extracting(PendingFault::fault)
                .containsExactly(new Fault.TruncatedBody(), new Fault.Delay(Duration.ofMillis(250)));
        assertThatThrownBy(() -> faults.apply(Json.read("{\"type\":\"meteor\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateLimitCountsPerCredentialWithinAWindow() {
        faults.limitRate(2, Duration.ofSeconds(10));

        assertThat(faults.count("a").orElseThrow().allowed()).isTrue();
        assertThat(faults.count("a").orElseThrow().allowed()).isTrue();
        RateLimitDecision third = faults.count("a").orElseThrow();
        assertThat(faults.count("b").orElseThrow().allowed()).isTrue();
        clock.advance(Duration.ofSeconds(4));
        RateLimitDecision later = faults.count("a").orElseThrow();
        clock.advance(Duration.ofSeconds(6));

        assertThat(third.allowed()).isFalse();
        assertThat(third.retryAfterSeconds()).isEqualTo(10);
        assertThat(later.retryAfterSeconds()).isEqualTo(6);
        assertThat(faults.count("a").orElseThrow().allowed()).isTrue();
    }
}
