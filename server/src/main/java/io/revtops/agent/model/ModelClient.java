package io.revtops.agent.model;

/**
 * A large language model that answers one request with one streamed assistant turn.
 *
 * <p>Implementations are thread-safe: one instance serves any number of concurrent calls.
 */
public interface ModelClient {

    /**
     * Sends {@code request}, delivers {@link ModelEvent}s to {@code listener} on the calling thread as
     * they arrive, and returns the complete assistant turn once the model has finished.
     *
     * <p>Blocks until the turn is complete. The last events delivered are always
     * {@link ModelEvent.Usage} followed by {@link ModelEvent.Done}; nothing is delivered after a failure.
     *
     * @throws ModelException with {@link ModelFailure.Cancelled} when {@code cancel} fires (the HTTP
     *     stream is closed and this method returns within a second), or with the classified failure
     *     otherwise. Adapters never retry; see {@link ModelRetry}.
     */
    ModelResponse stream(ModelRequest request, ModelStreamListener listener, CancellationToken cancel);

    /** Short provider name for logs and diagnostics: {@code anthropic}, {@code openai}, {@code scripted}. */
    String provider();

    /** Convenience: {@link #stream} without a listener and without cancellation. */
    default ModelResponse complete(ModelRequest request) {
        return stream(request, ModelStreamListener.IGNORE, CancellationToken.none());
    }
}
