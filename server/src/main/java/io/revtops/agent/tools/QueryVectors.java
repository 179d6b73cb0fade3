package io.revtops.agent.tools;

import io.revtops.search.QueryEmbedder;
import io.revtops.search.VectorSupport;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns a {@code semantic_embed('text')} of agent SQL into a bindable query vector: the active embedding model's
 * vector of the text ({@link QueryEmbedder}), typed for this database's vector mode ({@link VectorSupport}: a pgvector
 * {@code vector}, or a {@code real[]} for the portable fallback), so {@code embedding <=> ?} needs no cast.
 */
@Component
public class QueryVectors {
    private final QueryEmbedder embedder;
    private final VectorSupport vectors;

    public QueryVectors(QueryEmbedder embedder, VectorSupport vectors) {
        this.embedder = embedder;
        this.vectors = vectors;
    }

    /** The JDBC parameter for {@code text}'s query vector (empty only if no embedder is configured). */
    public Optional<Object> forText(String text) {
        return Optional.of(vectors.parameter(embedder.embedQuery(text)));
    }

    /** The model the vectors belong to: compare only with {@code embeddings.model} of this value. */
    public String model() {
        return embedder.model();
    }
}
