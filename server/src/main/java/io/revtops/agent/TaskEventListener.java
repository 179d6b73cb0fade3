package io.revtops.agent;

/**
 * Receives the events of every task this process runs, on the runner's thread, in order per task. Must return
 * quickly and never block: it sits between a model token and the socket frame.
 */
@FunctionalInterface
public interface TaskEventListener {
    void onEvent(TaskEvent event);
}
