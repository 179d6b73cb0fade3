package io.revtops.search.embedding;

import io.revtops.search.Embedder;
import io.revtops.search.SearchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the embedding provider from {@code REVTOPS_EMBEDDINGS}; a provider that cannot work stops the start. */
@Configuration(proxyBeanMethods = false)
public class EmbeddingConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddingConfig.class);

    @Bean
    Embedder embedder(SearchProperties props) {
        Embedder embedder = switch (props.embeddings()) {
            case "local" -> new LocalEmbedder(props.batchSize(), Runtime.getRuntime().availableProcessors(),
                    props.localPaddedBatches() ? MiniLmEmbedder.Inference.PADDED_BATCHES : MiniLmEmbedder.Inference.PER_TEXT);
            case "openai" -> {
                SearchProperties.OpenAi o = props.openai();
                if (blank(o.apiKey()) && blank(o.baseUrl())) {
                    throw new IllegalStateException("REVTOPS_EMBEDDINGS=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL of a "
                            + "compatible server); unset REVTOPS_EMBEDDINGS to use the local model");
                }
                yield new OpenAiEmbedder(o.apiKey(), o.baseUrl(), o.model(), o.dimensions(), props.batchSize(), o.timeout());
            }
            default -> throw new IllegalStateException("REVTOPS_EMBEDDINGS must be local or openai, not '" + props.embeddings() + "'");
        };
        log.info("event=embedder_configured provider={} model={} dimensions={}", props.embeddings(), embedder.model(),
                embedder.dimensions());
        return embedder;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
