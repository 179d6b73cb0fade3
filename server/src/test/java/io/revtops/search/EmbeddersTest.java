package io.revtops.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.revtops.search.embedding.MiniLmEmbedder;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The local MiniLM embedder: batched inference gives LangChain4j's vectors, and meaning is closer than words. */
class EmbeddersTest {
    static MiniLmEmbedder local;

    @BeforeAll
    static void load() {
        local = new MiniLmEmbedder(8, 2);
    }

    @AfterAll
    static void close() {
        local.close();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Nested
    class LocalMiniLm {
        @Test
        void vectorsMatchLangChain4jsInference() {
            List<String> texts = List.of("The customer says our pricing is too expensive",
                    "Email · Re: pricing · Acme Corp · 2026-01-10\nCan we get a discount for a two-year term?",
                    "ok", "Standup notes: deploy the billing service on Friday after the security review is complete and "
                            + "the staging environment has been verified by the on-call engineer");
            List<float[]> ours = local.embed(texts);
            var reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
            for (int i = 0; i < texts.size(); i++) {
                float[] theirs = reference.embed(texts.get(i)).content().vector();
                float[] alone = local.embed(List.of(texts.get(i))).get(0);
                assertThat(ours.get(i)).hasSize(384);
                // a batch of one is exactly LangChain4j's inference
                assertThat(cosine(alone, theirs)).as(texts.get(i)).isGreaterThan(0.99999);
                // in a batch, the model's dynamic int8 quantization shares one activation scale across the batch
                assertThat(cosine(ours.get(i), theirs)).as(texts.get(i)).isGreaterThan(0.95);
            }
        }

        @Test
        void vectorsAreUnitLengthAndInInputOrder() {
            List<String> texts = IntStream.range(0, 20).mapToObj(i -> "word ".repeat(i + 1) + i).toList();
            List<float[]> vectors = local.embed(texts);
            assertThat(vectors).hasSize(20);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(cosine(vectors.get(i), local.embed(List.of(texts.get(i))).get(0))).isGreaterThan(0.95);
                double norm = 0;
                for (float v : vectors.get(i)) norm += v * v;
                assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            }
        }

        @Test
        void aParaphraseIsCloserThanAnUnrelatedText() {
            List<float[]> v = local.embed(List.of("the client thinks the price is too high",
                    "they objected that our product costs too much", "the build pipeline failed on the linter"));
            assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)) + 0.2);
        }
    }
}
