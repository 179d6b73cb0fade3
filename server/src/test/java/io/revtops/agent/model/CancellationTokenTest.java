package io.revtops.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link CancellationToken}. */
class CancellationTokenTest {

    @Test
    void callbacksRunOnceOnCancelAndAtOnceWhenAlreadyCancelled() {
        CancellationToken token = new CancellationToken();
        AtomicInteger runs = new AtomicInteger();
        token.onCancel(runs::incrementAndGet);

        token.cancel();
        token.cancel();
        token.onCancel(runs::incrementAndGet);

        assertThat(token.isCancelled()).isTrue();
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void closedRegistrationIsNotRun() {
        CancellationToken token = new CancellationToken();
        AtomicInteger runs = new AtomicInteger();
        token.onCancel(runs::incrementAndGet).close();

        token.cancel();

        assertThat(runs.get()).isZero();
    }

    @Test
    void awaitReturnsEarlyWhenCancelledAndSleepThrows() {
        CancellationToken token = new CancellationToken();
        assertThat(token.await(Duration.ofMillis(10))).isFalse();
        token.cancel();

        long start = System.nanoTime();
        assertThat(token.await(Duration.ofSeconds(30))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> token.sleep(Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.isCancelled()).isTrue());
    }

    @Test
    void noneCannotBeCancelled() {
        assertThatThrownBy(() -> CancellationToken.none().cancel()).isInstanceOf(IllegalStateException.class);
        assertThat(CancellationToken.none().isCancelled()).isFalse();
    }
}
