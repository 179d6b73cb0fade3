package io.revtops.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link ModelRetry}: which failures are retried, how long it waits, and that cancel cuts it short. */
class ModelRetryTest {

    private static final ModelRetry FAST = new ModelRetry(
            new ModelRetry.Policy(3, Duration.ofMillis(5), Duration.ofMillis(20), 0.5, Duration.ofSeconds(5)));
    private static final ModelRequest ASK = ModelRequest.builder().addUserMessage("q").conversationKey("c").build();

    /** Counts calls to a delegate. */
    private static final class Counting implements ModelClient {
        final AtomicInteger calls = new AtomicInteger();
        final ModelClient delegate;

        Counting(ModelClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ModelResponse stream(ModelRequest request, ModelStreamListener listener, CancellationToken cancel) {
            calls.incrementAndGet();
            return delegate.stream(request, listener, cancel);
        }

        @Override
        public String provider() {
            return "counting";
        }
    }

    private record Retried(int retry, ModelFailure failure, Duration delay) { }

    private static Counting failing(ModelFailure failure, int times) {
        return new Counting(ScriptedModelClient.builder().turn(t -> t.text("partial ").fail(failure, times).text("answer")).build());
    }

    @Nested
    class Retries {

        @Test
        void overloadedTwiceThenSuccessIsRetriedAndReported() {
            Counting client = failing(new ModelFailure.Overloaded("busy", Optional.empty()), 2);
            List<Retried> retries = new CopyOnWriteArrayList<>();
            RecordingListener listener = new RecordingListener();

            ModelResponse response = FAST.stream(client, ASK, listener, CancellationToken.none(),
                    (retry, failure, wait) -> retries.add(new Retried(retry, failure, wait)));

            assertThat(response.text()).isEqualTo("partial answer");
            assertThat(client.calls.get()).isEqualTo(3);
            assertThat(retries).extracting(Retried::retry).containsExactly(1, 2);
            assertThat(retries).extracting(Retried::failure).allMatch(ModelFailure.Overloaded.class::isInstance);
            assertThat(listener.text()).as("partial output of failed attempts, then the full answer")
                    .isEqualTo("partial partial partial answer");
            assertThat(listener.events().getLast()).isEqualTo(new ModelEvent.Done(StopReason.END_TURN));
        }

        @Test
        void givesUpAfterThreeRetries() {
            Counting client = failing(new ModelFailure.ServerError(502, "bad gateway"), 0);

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> FAST.stream(client, ASK, ModelStreamListener.IGNORE, CancellationToken.none(),
                            ModelRetry.RetryListener.IGNORE));

            assertThat(e.failure()).isEqualTo(new ModelFailure.ServerError(502, "bad gateway"));
            assertThat(client.calls.get()).isEqualTo(4);
        }

        @Test
        void nonRetryableFailuresAreNotRetried() {
            for (ModelFailure failure : List.of(new ModelFailure.AuthFailed(401, "no"),
                    new ModelFailure.ContextOverflow("too long"), new ModelFailure.BadRequest(400, "bad"),
                    new ModelFailure.StreamError("invalid_request_error", "bad"))) {
                Counting client = failing(failure, 0);

                ModelException e = catchThrowableOfType(ModelException.class,
                        () -> FAST.stream(client, ASK, ModelStreamListener.IGNORE, CancellationToken.none(),
                                ModelRetry.RetryListener.IGNORE));

                assertThat(e.failure()).isEqualTo(failure);
                assertThat(client.calls.get()).as(failure.toString()).isEqualTo(1);
            }
        }

        @Test
        void retryAfterFromTheProviderIsHonoured() {
            Counting client = failing(new ModelFailure.RateLimited("slow down", Optional.of(Duration.ofMillis(300))), 1);
            List<Retried> retries = new CopyOnWriteArrayList<>();

            long start = System.nanoTime();
            FAST.stream(client, ASK, ModelStreamListener.IGNORE, CancellationToken.none(),
                    (retry, failure, wait) -> retries.add(new Retried(retry, failure, wait)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(retries).extracting(Retried::delay).containsExactly(Duration.ofMillis(300));
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }

        @Test
        void eventsAndRetryNoticesArriveOnTheCallersThread() {
            Counting client = failing(new ModelFailure.Timeout("slow"), 1);
            Thread caller = Thread.currentThread();
            List<Thread> threads = new CopyOnWriteArrayList<>();

            FAST.stream(client, ASK, event -> threads.add(Thread.currentThread()), CancellationToken.none(),
                    (retry, failure, wait) -> threads.add(Thread.currentThread()));

            assertThat(threads).isNotEmpty().allMatch(caller::equals);
        }

        @Test
        void wrappedClientRetriesTransparently() {
            Counting client = failing(new ModelFailure.ConnectionFailed("reset"), 1);

            ModelResponse response = FAST.wrap(client).complete(ASK);

            assertThat(response.text()).isEqualTo("partial answer");
            assertThat(client.calls.get()).isEqualTo(2);
        }
    }

    @Nested
    class Backoff {

        @Test
        void waitsGrowExponentiallyWithinTheJitterAndCap() {
            ModelRetry.Policy policy = new ModelRetry.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(3), 0.5,
                    Duration.ofSeconds(60));
            ModelFailure busy = new ModelFailure.Overloaded("busy", Optional.empty());

            for (int i = 0; i < 50; i++) {
                assertThat(policy.waitBefore(1, busy)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
                assertThat(policy.waitBefore(2, busy)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
                assertThat(policy.waitBefore(3, busy)).as("capped at 3 s before jitter")
                        .isBetween(Duration.ofMillis(1500), Duration.ofMillis(4500));
            }
        }

        @Test
        void retryAfterIsCappedByMaxRetryAfter() {
            ModelRetry.Policy policy = ModelRetry.Policy.defaults();

            assertThat(policy.waitBefore(1, new ModelFailure.RateLimited("x", Optional.of(Duration.ofMinutes(10)))))
                    .isEqualTo(Duration.ofSeconds(60));
            assertThat(policy.maxRetries()).isEqualTo(3);
        }
    }

    @Nested
    class Cancellation {

        @Test
        void cancelDuringBackoffReturnsPromptly() throws Exception {
            ModelRetry patient = new ModelRetry(
                    new ModelRetry.Policy(3, Duration.ofSeconds(20), Duration.ofSeconds(20), 0, Duration.ofSeconds(60)));
            Counting client = failing(new ModelFailure.Overloaded("busy", Optional.empty()), 0);
            CancellationToken cancel = new CancellationToken();
            CountDownLatch waiting = new CountDownLatch(1);
            AtomicLong cancelledAt = new AtomicLong();
            Thread.ofVirtual().start(() -> {
                try {
                    if (waiting.await(5, TimeUnit.SECONDS)) {
                        cancelledAt.set(System.nanoTime());
                        cancel.cancel();
                    }
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> patient.stream(client, ASK, ModelStreamListener.IGNORE, cancel,
                            (retry, failure, wait) -> waiting.countDown()));

            assertThat(e.isCancelled()).isTrue();
            assertThat(cancelledAt.get()).isPositive();
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt.get())).isLessThan(Duration.ofSeconds(5));
            assertThat(client.calls.get()).isEqualTo(1);
        }

        @Test
        void cancelDuringAnAttemptStopsItAndIsNotRetried() {
            Counting client = new Counting(ScriptedModelClient.builder()
                    .turn(t -> t.text("start").delay(Duration.ofSeconds(30))).build());
            CancellationToken cancel = new CancellationToken();
            RecordingListener listener = new RecordingListener();
            Thread.ofVirtual().start(() -> {
                try {
                    listener.awaitFirstText(Duration.ofSeconds(5));
                    cancel.cancel();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> FAST.stream(client, ASK, listener, cancel, ModelRetry.RetryListener.IGNORE));

            assertThat(e.isCancelled()).isTrue();
            assertThat(client.calls.get()).isEqualTo(1);
        }
    }
}
