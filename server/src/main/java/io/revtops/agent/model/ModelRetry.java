package io.revtops.agent.model;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries model calls that failed with a retryable {@link ModelFailure} (rate limit, overload, 5xx,
 * timeout, dropped connection, transient stream error), using a Resilience4j {@link Retry}: exponential
 * backoff with jitter, at most {@link Policy#maxRetries()} retries, and the provider's Retry-After when
 * it sent one. Non-retryable failures and cancellation end the call at once.
 *
 * <p>Waits are scheduled, not slept, so cancelling during a backoff returns immediately. Events of
 * every attempt reach the listener on the caller's thread; a failed attempt may already have streamed
 * some events, so {@link RetryListener#onRetry} tells the caller to discard that partial output.
 *
 * <p>Thread-safe; one instance can serve all calls.
 */
public final class ModelRetry {

    /**
     * How to retry.
     *
     * @param maxRetries retries after the first attempt (SPEC: 3)
     * @param initialBackoff wait before the first retry; doubles each retry
     * @param maxBackoff upper bound of the exponential wait
     * @param jitter relative spread of each wait, 0..1 (0.5 = ±50 %)
     * @param maxRetryAfter the longest provider-requested wait we honour
     */
    public record Policy(int maxRetries, Duration initialBackoff, Duration maxBackoff, double jitter,
            Duration maxRetryAfter) {
        public Policy {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative");
            }
            Objects.requireNonNull(initialBackoff);
            Objects.requireNonNull(maxBackoff);
            Objects.requireNonNull(maxRetryAfter);
            if (jitter < 0 || jitter > 1) {
                throw new IllegalArgumentException("jitter must be within 0..1");
            }
        }

        /** 3 retries, 1 s doubling up to 30 s, ±50 % jitter, Retry-After honoured up to 60 s. */
        public static Policy defaults() {
            return new Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5, Duration.ofSeconds(60));
        }

        /** The wait before retry number {@code retry} (1-based) after {@code failure}. */
        Duration waitBefore(int retry, ModelFailure failure) {
            Optional<Duration> asked = failure.retryAfter();
            if (asked.isPresent()) {
                return asked.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked.get();
            }
            double exponential = initialBackoff.toNanos() * Math.pow(2, Math.max(0, retry - 1));
            double capped = Math.min(exponential, maxBackoff.toNanos());
            double spread = 1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
            return Duration.ofNanos((long) (capped * spread));
        }
    }

    /** Told before each retry, on the caller's thread. */
    @FunctionalInterface
    public interface RetryListener {
        /** No-op. */
        RetryListener IGNORE = (retry, failure, wait) -> { };

        /**
         * @param retry 1 for the first retry
         * @param failure why the previous attempt failed
         * @param wait how long until the next attempt
         */
        void onRetry(int retry, ModelFailure failure, Duration wait);
    }

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "model-retry-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    private final Policy policy;

    public ModelRetry(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** With {@link Policy#defaults()}. */
    public static ModelRetry withDefaults() {
        return new ModelRetry(Policy.defaults());
    }

    public Policy policy() {
        return policy;
    }

    /** A client that retries every call through this policy (retries are not reported). */
    public ModelClient wrap(ModelClient client) {
        return wrap(client, RetryListener.IGNORE);
    }

    /** A client that retries every call through this policy, reporting retries to {@code onRetry}. */
    public ModelClient wrap(ModelClient client, RetryListener onRetry) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(onRetry, "onRetry");
        return new ModelClient() {
            @Override
            public ModelResponse stream(ModelRequest request, ModelStreamListener listener, CancellationToken cancel) {
                return ModelRetry.this.stream(client, request, listener, cancel, onRetry);
            }

            @Override
            public String provider() {
                return client.provider();
            }
        };
    }

    private record Notice(int retry, ModelFailure failure, Duration delay) { }

    private record Finished(CompletableFuture<ModelResponse> result) { }

    /**
     * Calls {@code client.stream} until it succeeds, fails with a non-retryable failure, is cancelled,
     * or has been retried {@link Policy#maxRetries()} times; then returns or throws like
     * {@link ModelClient#stream}.
     */
    public ModelResponse stream(ModelClient client, ModelRequest request, ModelStreamListener listener,
            CancellationToken cancel, RetryListener onRetry) {
        cancel.throwIfCancelled();
        LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        CancellationToken attempts = new CancellationToken(); // also cancelled when the listener throws
        Retry retry = Retry.of("model-" + client.provider(), RetryConfig.<ModelResponse>custom()
                .maxAttempts(policy.maxRetries() + 1)
                .retryOnException(t -> failureOf(t).map(ModelFailure::retryable).orElse(false))
                .intervalBiFunction((IntervalBiFunction<ModelResponse>) (retryNumber, outcome) ->
                        policy.waitBefore(retryNumber, failureOf(outcome))
                                .toMillis())
                .build());
        retry.getEventPublisher().onRetry(event -> failureOf(event.getLastThrowable()).ifPresent(failure ->
                inbox.add(new Notice(event.getNumberOfRetryAttempts(), failure, event.getWaitInterval()))));

        CompletableFuture<ModelResponse> result = retry.executeCompletionStage(SCHEDULER,
                () -> attempt(client, request, inbox::add, attempts)).toCompletableFuture();
        result.whenComplete((response, error) -> inbox.add(new Finished(result)));

        try (CancellationToken.Registration ignored = cancel.onCancel(() -> {
            attempts.cancel();
            inbox.add(new Finished(CompletableFuture.failedFuture(new ModelException(new ModelFailure.Cancelled()))));
        })) {
            while (true) {
                Object next = inbox.take();
                switch (next) {
                    case ModelEvent event -> deliver(listener, event, attempts);
                    case Notice notice -> onRetry.onRetry(notice.retry(), notice.failure(), notice.delay());
                    case Finished finished -> {
                        return outcome(finished.result());
                    }
                    default -> throw new IllegalStateException("unexpected " + next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempts.cancel();
            throw new ModelException(new ModelFailure.Cancelled(), e);
        } catch (RuntimeException e) {
            attempts.cancel();
            throw e;
        }
    }

    /** One attempt on a virtual thread, so that the retry scheduler never blocks. */
    private static CompletionStage<ModelResponse> attempt(ModelClient client, ModelRequest request,
            ModelStreamListener relay, CancellationToken cancel) {
        CompletableFuture<ModelResponse> future = new CompletableFuture<>();
        if (cancel.isCancelled()) {
            future.completeExceptionally(new ModelException(new ModelFailure.Cancelled()));
            return future;
        }
        Thread.ofVirtual().name("model-attempt-" + client.provider()).start(() -> {
            try {
                future.complete(client.stream(request, relay, cancel));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    private static void deliver(ModelStreamListener listener, ModelEvent event, CancellationToken attempts) {
        if (!attempts.isCancelled()) {
            listener.onEvent(event);
        }
    }

    private static ModelResponse outcome(CompletableFuture<ModelResponse> result) {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(new ModelFailure.Cancelled(), e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        Throwable cause = unwrap(t);
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static Optional<ModelFailure> failureOf(Throwable t) {
        return unwrap(t) instanceof ModelException e ? Optional.of(e.failure()) : Optional.empty();
    }

    private static ModelFailure failureOf(Either<Throwable, ModelResponse> outcome) {
        return outcome.isLeft()
                ? failureOf(outcome.getLeft()).orElse(new ModelFailure.ServerError(0, "unknown"))
                : new ModelFailure.ServerError(0, "unknown");
    }
}
