package io.revtops.agent;

/** Thrown by a {@link TurnRunner} to fail its task with a message written for the user (no internals). */
public class TurnFailed extends RuntimeException {
    public TurnFailed(String userMessage) {
        super(userMessage);
    }

    public TurnFailed(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
