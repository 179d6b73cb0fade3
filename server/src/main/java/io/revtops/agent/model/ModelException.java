package io.revtops.agent.model;

import java.util.Objects;

/** A failed model call; {@link #failure()} says what kind of failure and whether to retry. */
public final class ModelException extends RuntimeException {

    private final transient ModelFailure failure;

    public ModelException(ModelFailure failure) {
        this(failure, null);
    }

    public ModelException(ModelFailure failure, Throwable cause) {
        super(describe(failure), cause);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The classified failure. */
    public ModelFailure failure() {
        return failure;
    }

    /** Shortcut for {@code failure().retryable()}. */
    public boolean retryable() {
        return failure.retryable();
    }

    /** Whether the call was cancelled by the caller. */
    public boolean isCancelled() {
        return failure instanceof ModelFailure.Cancelled;
    }

    private static String describe(ModelFailure failure) {
        return failure.getClass().getSimpleName() + ": " + failure.message();
    }
}
