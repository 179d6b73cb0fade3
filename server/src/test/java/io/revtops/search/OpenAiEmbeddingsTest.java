package io.revtops.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.revtops.platform.db.Tenant;
import io.revtops.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * REVTOPS_EMBEDDINGS=openai against a stub of the embeddings API (a real HTTP server on 127.0.0.1): batches, the stored
 * dimension, and what a failing provider does to the queue. Its own database and no worker role, so only this test
 * drains the queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = OpenAiEmbeddingsTest.Stub.class)
class OpenAiEmbeddingsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int DIMENSIONS = 1536;

    /** The stub vendor: answers POST /v1/embeddings with deterministic vectors, or with the failure set in {@code failWith}. */
    static final class Stub implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static final List<JsonNode> requests = new CopyOnWriteArrayList<>();
        static final AtomicReference<String> failWith = new AtomicReference<>();
        static final AtomicInteger dimensions = new AtomicInteger(DIMENSIONS);
        static HttpServer server;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
                server.createContext("/v1/embeddings", exchange -> {
                    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                    requests.add(body);
                    String failure = failWith.get();
                    byte[] out;
                    int status;
                    if (failure != null) {
                        status = Integer.parseInt(failure);
                        out = "{\"error\":{\"message\":\"stub failure\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);
                    } else {
                        status = 200;
                        out = answer(body).getBytes(StandardCharsets.UTF_8);
                    }
                    exchange.getResponseHeaders().add("content-type", "application/json");
                    exchange.sendResponseHeaders(status, out.length);
                    exchange.getResponseBody().write(out);
                    exchange.close();
                });
                server.start();
                String db = TestDatabase.get().createDatabase("revtops_openai");
                TestPropertyValues.of(
                        "revtops.database-url=" + TestDatabase.get().databaseUrl(db),
                        "revtops.data-dir=" + Files.createTempDirectory("revtops-test-data"),
                        "revtops.roles=api",
                        "revtops.search.embeddings=openai",
                        "revtops.search.openai.api-key=sk-test",
                        "revtops.search.openai.base-url=http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                        .applyTo(context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String answer(JsonNode body) {
            ObjectNode root = JSON.createObjectNode();
            root.put("object", "list");
            root.put("model", body.path("model").asString());
            ArrayNode data = root.putArray("data");
            int i = 0;
            for (JsonNode input : body.path("input")) {
                ObjectNode item = data.addObject();
                item.put("object", "embedding");
                item.put("index", i++);
                ArrayNode v = item.putArray("embedding");
                Random r = new Random(input.asString().hashCode());
                for (int d = 0; d < dimensions.get(); d++) v.add(r.nextGaussian());
            }
            root.putObject("usage").put("prompt_tokens", 1).put("total_tokens", 1);
            return JSON.writeValueAsString(root);
        }
    }

    @Autowired JdbcClient owner;
    @Autowired EmbeddingIndexer indexer;
    @Autowired SearchService search;
    @Autowired Embedder embedder;
    @Autowired ReindexCommand reindex;

    UUID org;

    @AfterAll
    static void stop() {
        Stub.server.stop(0);
    }

    @BeforeEach
    void organizationWithSeventyEmails() {
        Stub.requests.clear();
        Stub.failWith.set(null);
        Stub.dimensions.set(DIMENSIONS);
        owner.sql("DELETE FROM embedding_queue").update();
        org = owner.sql("INSERT INTO organizations (name, handle) VALUES ('O', :h) RETURNING id")
                .param("h", "o-" + UUID.randomUUID().toString().substring(0, 8)).query(UUID.class).single();
        for (int i = 0; i < 70; i++) {
            owner.sql("""
                    INSERT INTO activities (organization_id, source_system, source_id, type, subject, description)
                    VALUES (:o, 'hubspot', :s, 'email', :subject, 'A short email body.')
                    """).param("o", org).param("s", "e" + i).param("subject", "Email number " + i).update();
        }
    }

    long queued() {
        return owner.sql("SELECT count(*) FROM embedding_queue WHERE organization_id = :o").param("o", org).query(Long.class).single();
    }

    long stored() {
        return owner.sql("SELECT count(*) FROM embeddings WHERE organization_id = :o").param("o", org).query(Long.class).single();
    }

    @Test
    void vectorsAreRequestedInBatchesAndStoredWithTheRightDimension() {
        assertThat(embedder.model()).isEqualTo("text-embedding-3-small");
        indexer.drain(java.time.Duration.ofMinutes(1));
        List<Integer> sizes = new ArrayList<>();
        for (JsonNode r : Stub.requests) {
            sizes.add(r.path("input").size());
            assertThat(r.path("model").asString()).isEqualTo("text-embedding-3-small");
            assertThat(r.path("dimensions").asInt()).isEqualTo(DIMENSIONS);
            assertThat(r.path("encoding_format").asString()).isEqualTo("float");
        }
        assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(1, 32));
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(70);
        assertThat(sizes).hasSizeLessThanOrEqualTo(4);
        assertThat(queued()).isZero();
        assertThat(owner.sql("SELECT DISTINCT model || ':' || dimensions FROM embeddings WHERE organization_id = :o")
                .param("o", org).query(String.class).list()).containsExactly("text-embedding-3-small:1536");
        assertThat(owner.sql("SELECT min(cardinality(embedding::real[])) FROM embeddings WHERE organization_id = :o")
                .param("o", org).query(Integer.class).single()).isEqualTo(DIMENSIONS);

        // the query vector comes from the same provider and model
        var hits = search.search(Tenant.org(org), SearchQuery.builder("Email number 7").mode(SearchQuery.Mode.VECTOR).build());
        assertThat(hits.results()).isNotEmpty();
    }

    @Test
    void aProviderErrorLeavesRowsQueuedForRetry() {
        Stub.failWith.set("500");
        var drained = indexer.drain(java.time.Duration.ofMinutes(1));
        assertThat(drained.failures()).isPositive();
        assertThat(queued()).isEqualTo(70);
        assertThat(stored()).isZero();
        assertThat(owner.sql("""
                SELECT count(*) FROM embedding_queue WHERE organization_id = :o AND last_error IS NOT NULL
                   AND next_attempt_at > now() AND leased_until IS NULL
                """).param("o", org).query(Long.class).single()).isPositive();

        // later, the provider is back and the retry time has come
        Stub.failWith.set(null);
        owner.sql("UPDATE embedding_queue SET next_attempt_at = now() WHERE organization_id = :o").param("o", org).update();
        indexer.drain(java.time.Duration.ofMinutes(1));
        assertThat(queued()).isZero();
        assertThat(stored()).isEqualTo(70);
    }

    @Test
    void anAnswerOfTheWrongDimensionStoresNothing() {
        Stub.dimensions.set(768);
        assertThat(indexer.drain(java.time.Duration.ofMinutes(1)).failures()).isPositive();
        assertThat(queued()).isEqualTo(70);
        assertThat(stored()).isZero();
    }

    @Test
    void rateLimitingByTheProviderIsAFailureToRetryToo() {
        Stub.failWith.set("429");
        assertThat(indexer.drain(java.time.Duration.ofMinutes(1)).failures()).isPositive();
        assertThat(queued()).isEqualTo(70);
    }

    @Test
    void reindexEmbedsEverythingAgainWithAProgressBar() {
        indexer.drain(java.time.Duration.ofMinutes(1));
        Stub.requests.clear();
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = reindex.run(new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertThat(code).isZero();
        int inputs = Stub.requests.stream().mapToInt(r -> r.path("input").size()).sum();
        long rows = owner.sql("SELECT count(*) FROM activities").query(Long.class).single();
        assertThat(inputs).isEqualTo(rows);
        assertThat(err.toString()).contains("[##############################] " + rows + "/" + rows + " records 100%");
        assertThat(out.toString()).contains("Reindexed " + rows + " records");
        assertThat(queued()).isZero();
    }

    @Test
    void switchingTheModelReplacesTheOldVectorsInTheBackground() {
        indexer.drain(java.time.Duration.ofMinutes(1));
        // vectors of the local model, as if this database had been indexed before REVTOPS_EMBEDDINGS=openai
        List<UUID> ids = owner.sql("SELECT id FROM activities WHERE organization_id = :o ORDER BY source_id LIMIT 3")
                .param("o", org).query(UUID.class).list();
        for (UUID id : ids) {
            owner.sql("""
                    INSERT INTO embeddings (organization_id, source_table, source_id, chunk_index, model, dimensions, embedding)
                    VALUES (:o, 'activities', :s, 0, 'all-minilm-l6-v2-q', 3, CAST('{1,0,0}' AS real[]))
                    """).param("o", org).param("s", id).update();
        }
        assertThat(indexer.replaceOtherModels()).isEqualTo(3);
        assertThat(queued()).isEqualTo(3);
        indexer.drain(java.time.Duration.ofMinutes(1));
        assertThat(queued()).isZero();
        assertThat(owner.sql("SELECT count(*) FROM embeddings WHERE organization_id = :o AND model <> 'text-embedding-3-small'")
                .param("o", org).query(Long.class).single()).isZero();
        assertThat(stored()).isEqualTo(70);
    }
}
