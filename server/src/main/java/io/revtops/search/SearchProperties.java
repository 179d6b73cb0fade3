package io.revtops.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Search and embedding settings (application.yml, {@code REVTOPS_EMBEDDINGS} and friends), read once.
 *
 * @param embeddings         {@code local} (MiniLM in process, the default) or {@code openai}
 * @param batchSize          texts per embedding call
 * @param maxChunksPerSecond throttle of the background indexer (0: as fast as the provider answers)
 * @param pollEvery          how often workers look for rows left to embed (besides right after each sync)
 * @param chunkTokens        target chunk length in tokens, metadata prefix included
 * @param chunkOverlap       tokens repeated between consecutive chunks of one text
 * @param localPaddedBatches run the local model on padded batches instead of one text per inference (see
 *                           {@code MiniLmEmbedder}: faster on some CPUs, but vectors depend on batch-mates)
 */
@ConfigurationProperties(prefix = "revtops.search")
public record SearchProperties(String embeddings, OpenAi openai, int batchSize, double maxChunksPerSecond,
                               Duration pollEvery, int chunkTokens, int chunkOverlap, boolean localPaddedBatches) {

    /** The OpenAI provider: key, base URL (any compatible server), model and its dimension. */
    public record OpenAi(String apiKey, String baseUrl, String model, int dimensions, Duration timeout) {
        public OpenAi {
            if (model == null || model.isBlank()) model = "text-embedding-3-small";
            if (dimensions <= 0) dimensions = 1536;
            if (timeout == null) timeout = Duration.ofSeconds(60);
        }
    }

    public SearchProperties {
        if (embeddings == null || embeddings.isBlank()) embeddings = "local";
        embeddings = embeddings.strip().toLowerCase();
        if (openai == null) openai = new OpenAi("", "", null, 0, null);
        if (batchSize <= 0) batchSize = 32;
        if (maxChunksPerSecond < 0) maxChunksPerSecond = 0;
        if (pollEvery == null) pollEvery = Duration.ofSeconds(10);
        if (chunkTokens <= 0) chunkTokens = 230;
        if (chunkOverlap < 0 || chunkOverlap >= chunkTokens) chunkOverlap = Math.min(40, chunkTokens / 4);
    }
}
