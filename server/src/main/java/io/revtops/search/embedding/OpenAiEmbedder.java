package io.revtops.search.embedding;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.revtops.search.Embedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeddings from OpenAI's {@code /embeddings} API (or any compatible server at {@code OPENAI_BASE_URL}) through the
 * official SDK: {@code text-embedding-3-small}, 1 536 dimensions by default. One request per batch of
 * {@link #batchSize()} texts; the answer must carry exactly one vector of the configured dimension per text, or the
 * whole batch fails (nothing half-stored). Retries are the indexer's: a failed batch stays queued.
 */
public final class OpenAiEmbedder implements Embedder {
    private final OpenAIClient client;
    private final String model;
    private final int dimensions;
    private final int batchSize;

    public OpenAiEmbedder(String apiKey, String baseUrl, String model, int dimensions, int batchSize, Duration timeout) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .apiKey(apiKey == null || apiKey.isBlank() ? "not-needed" : apiKey)
                .maxRetries(0)
                .timeout(Timeout.builder().connect(Duration.ofSeconds(10)).read(timeout).write(timeout).request(timeout).build());
        if (baseUrl != null && !baseUrl.isBlank()) builder.baseUrl(baseUrl);
        this.client = builder.build();
        this.model = model;
        this.dimensions = dimensions;
        this.batchSize = Math.max(1, batchSize);
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            out.addAll(request(texts.subList(from, Math.min(texts.size(), from + batchSize))));
        }
        return out;
    }

    private List<float[]> request(List<String> batch) {
        EmbeddingCreateParams.Builder params = EmbeddingCreateParams.builder()
                .model(model)
                .inputOfArrayOfStrings(batch.stream().map(t -> t == null || t.isBlank() ? " " : t).toList())
                .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT);
        // only the text-embedding-3 family accepts a dimensions parameter
        if (model.startsWith("text-embedding-3")) params.dimensions(dimensions);
        CreateEmbeddingResponse response;
        try {
            response = client.embeddings().create(params.build());
        } catch (OpenAIException | IllegalStateException e) {
            throw new EmbeddingFailed("the embeddings API failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        float[][] vectors = new float[batch.size()][];
        try {
            for (var item : response.data()) {
                int index = (int) item.index();
                if (index < 0 || index >= vectors.length) throw new EmbeddingFailed("the embeddings API returned index " + index);
                List<Float> values = item.embedding();
                if (values.size() != dimensions) {
                    throw new EmbeddingFailed("the embeddings API returned " + values.size() + " dimensions, expected " + dimensions);
                }
                float[] v = new float[dimensions];
                for (int d = 0; d < dimensions; d++) v[d] = values.get(d);
                vectors[index] = v;
            }
        } catch (OpenAIException e) {
            throw new EmbeddingFailed("the embeddings API returned an invalid answer: " + e.getMessage(), e);
        }
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) throw new EmbeddingFailed("the embeddings API returned no vector for input " + i);
        }
        return List.of(vectors);
    }
}
