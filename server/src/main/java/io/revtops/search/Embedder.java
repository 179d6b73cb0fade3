package io.revtops.search;

import java.util.List;

/**
 * Turns texts into vectors with one model (a port: the local MiniLM model or OpenAI's embeddings API). The model's
 * name is stored with every vector, so a vector is only ever compared with vectors of the same model. Implementations
 * are thread-safe and embed a list in batches; a provider failure is an {@link EmbeddingFailed}, never a partial
 * answer.
 */
public interface Embedder {

    /** One vector per text, in order, each of {@link #dimensions()} components. */
    List<float[]> embed(List<String> texts);

    /** The model's name as stored in {@code embeddings.model}, e.g. {@code all-minilm-l6-v2-q}. */
    String model();

    int dimensions();

    /** How many texts one call to the provider carries at most. */
    int batchSize();

    /** The embedding provider could not embed these texts (unreachable, refused, malformed answer). */
    final class EmbeddingFailed extends RuntimeException {
        public EmbeddingFailed(String message, Throwable cause) {
            super(message, cause);
        }

        public EmbeddingFailed(String message) {
            super(message);
        }
    }
}
