package io.revtops.search.embedding;

import io.revtops.search.Embedder;
import java.util.List;

/**
 * The local MiniLM embedder, loaded on first use (processes that never embed, such as {@code migrate}, do not pay
 * for loading the model).
 */
public final class LocalEmbedder implements Embedder, AutoCloseable {
    private final int batchSize;
    private final int threads;
    private final MiniLmEmbedder.Inference inference;
    private volatile MiniLmEmbedder model;

    public LocalEmbedder(int batchSize, int threads, MiniLmEmbedder.Inference inference) {
        this.batchSize = batchSize;
        this.threads = threads;
        this.inference = inference;
    }

    MiniLmEmbedder loaded() {
        MiniLmEmbedder m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) model = m = new MiniLmEmbedder(batchSize, threads, inference);
            }
        }
        return m;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return loaded().embed(texts);
    }

    /** Wordpiece tokens of {@code text}, for chunking. */
    public int countTokens(String text) {
        return loaded().countTokens(text);
    }

    @Override
    public String model() {
        return MiniLmEmbedder.MODEL;
    }

    @Override
    public int dimensions() {
        return MiniLmEmbedder.DIMENSIONS;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void close() {
        MiniLmEmbedder m = model;
        if (m != null) m.close();
    }
}
