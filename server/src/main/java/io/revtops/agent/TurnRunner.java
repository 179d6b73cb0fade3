package io.revtops.agent;

/**
 * The port that answers one user message: the TurnLoop implements it with a model and tools. It streams through
 * {@code out}, saves the assistant message there, and returns when done. Returning normally completes the task;
 * throwing {@link TurnFailed} fails it with that message, any other exception with a generic one (details go to the
 * log only). Once {@code cancel} fires it must stop within a second: the task then ends {@code cancelled} whatever it
 * returns, and after a short grace its stream refuses further chunks.
 */
@FunctionalInterface
public interface TurnRunner {
    void run(TurnInput input, TaskStream out, CancellationToken cancel) throws Exception;
}
