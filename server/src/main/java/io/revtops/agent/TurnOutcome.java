package io.revtops.agent;

import java.util.Optional;

/** How a turn ended: completed, cancelled, or failed with a message for the user. */
public record TurnOutcome(Status status, Optional<String> error) {
    /** The end states of a turn. */
    public enum Status { COMPLETED, CANCELLED, FAILED }

    public static TurnOutcome completed() {
        return new TurnOutcome(Status.COMPLETED, Optional.empty());
    }

    public static TurnOutcome cancelled() {
        return new TurnOutcome(Status.CANCELLED, Optional.empty());
    }

    public static TurnOutcome failed(String error) {
        return new TurnOutcome(Status.FAILED, Optional.of(error));
    }
}
