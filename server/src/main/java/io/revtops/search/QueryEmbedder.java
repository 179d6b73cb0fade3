package io.revtops.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The vector of a search text with the active embedding model: what {@code semantic_embed('text')} in agent SQL and
 * the vector half of hybrid search compare stored chunks with. Bind the result with
 * {@link VectorSupport#bindQueryVector} (JDBC {@code ?}) or {@link VectorSupport#parameter} (named parameters); only
 * rows with {@code embeddings.model = model()} are comparable with it. Recent query texts are cached.
 */
@Component
public class QueryEmbedder {
    private static final int CACHE_SIZE = 512;
    private final Embedder embedder;
    private final Map<String, float[]> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public QueryEmbedder(Embedder embedder) {
        this.embedder = embedder;
    }

    /** The query vector of {@code text} (trimmed; at most the first 2 000 characters count). */
    public float[] embedQuery(String text) {
        String key = text == null ? "" : text.strip();
        if (key.length() > 2_000) key = key.substring(0, 2_000);
        synchronized (recent) {
            float[] hit = recent.get(key);
            if (hit != null) return hit.clone();
        }
        float[] vector = embedder.embed(List.of(key)).get(0);
        synchronized (recent) {
            recent.put(key, vector);
        }
        return vector.clone();
    }

    /** The active model: the value of {@code embeddings.model} the query vectors match. */
    public String model() {
        return embedder.model();
    }

    public int dimensions() {
        return embedder.dimensions();
    }
}
