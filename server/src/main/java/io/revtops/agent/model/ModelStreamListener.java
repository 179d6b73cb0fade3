package io.revtops.agent.model;

/** Receives the events of one streamed model turn, in order, on the thread that called {@link ModelClient#stream}. */
@FunctionalInterface
public interface ModelStreamListener {

    /** A listener that drops every event. */
    ModelStreamListener IGNORE = event -> { };

    /** Called once per event; an exception thrown here aborts the stream and propagates to the caller. */
    void onEvent(ModelEvent event);
}
