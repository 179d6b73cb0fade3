package io.revtops.agent.model;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-way switch that asks running work to stop. Thread-safe; {@link #cancel()} may be called from
 * any thread, any number of times.
 */
public final class CancellationToken {

    private static final CancellationToken NONE = new CancellationToken();

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final CopyOnWriteArrayList<Runnable> callbacks = new CopyOnWriteArrayList<>();

    /** A token that is never cancelled by anyone (do not call {@link #cancel()} on it). */
    public static CancellationToken none() {
        return NONE;
    }

    /** Cancels; runs every registered callback once, on this thread. */
    public void cancel() {
        if (this == NONE) {
            throw new IllegalStateException("CancellationToken.none() cannot be cancelled");
        }
        synchronized (this) {
            if (cancelled.getCount() == 0) {
                return;
            }
            cancelled.countDown();
        }
        for (Runnable callback : callbacks) {
            runQuietly(callback);
        }
        callbacks.clear();
    }

    /** Whether {@link #cancel()} has been called. */
    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /**
     * Runs {@code callback} when the token is cancelled (at once if it already is). Close the returned
     * registration when the guarded work is over, so long-lived tokens don't collect callbacks.
     */
    public Registration onCancel(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (this == NONE) {
            return () -> { }; // never fires; don't collect callbacks on the shared instance
        }
        callbacks.add(callback);
        if (isCancelled() && callbacks.remove(callback)) {
            runQuietly(callback);
        }
        return () -> callbacks.remove(callback);
    }

    /** Throws {@link ModelException} with {@link ModelFailure.Cancelled} if cancelled. */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new ModelException(new ModelFailure.Cancelled());
        }
    }

    /**
     * Waits up to {@code timeout} or until cancelled, whichever comes first.
     *
     * @return true if the token was cancelled
     */
    public boolean await(Duration timeout) {
        try {
            return cancelled.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isCancelled();
        }
    }

    /** Sleeps for {@code duration}, throwing {@link ModelException} with {@link ModelFailure.Cancelled} if cancelled meanwhile. */
    public void sleep(Duration duration) {
        if (await(duration)) {
            throw new ModelException(new ModelFailure.Cancelled());
        }
    }

    private static void runQuietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException ignored) {
            // one failing callback must not keep the others from running
        }
    }

    /** A registered callback; closing it unregisters. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
