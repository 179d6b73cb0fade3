package io.revtops.agent;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a running turn to stop. A runner checks {@link #isCancelled()} between steps and registers
 * {@link #onCancel(Runnable)} callbacks to abort blocking work at once (close a model stream, cancel a query).
 */
public final class CancellationToken {
    private static final Logger log = LoggerFactory.getLogger(CancellationToken.class);
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    /** A fresh token, not cancelled. */
    public static CancellationToken create() {
        return new CancellationToken();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancellationException} when cancelled: the simplest check between steps. */
    public void throwIfCancelled() {
        if (cancelled) throw new CancellationException("the turn was cancelled");
    }

    /** Runs {@code callback} on cancellation (at once if already cancelled). Callbacks must not block. */
    public void onCancel(Runnable callback) {
        callbacks.add(callback);
        if (cancelled && callbacks.remove(callback)) run(callback);
    }

    /** Cancels; returns false when it already was. */
    public boolean cancel() {
        if (cancelled) return false;
        synchronized (this) {
            if (cancelled) return false;
            cancelled = true;
        }
        for (Runnable callback : callbacks) {
            if (callbacks.remove(callback)) run(callback);
        }
        return true;
    }

    private static void run(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("event=cancel_callback_failed error={}", e.toString());
        }
    }
}
