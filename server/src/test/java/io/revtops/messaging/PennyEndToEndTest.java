package io.revtops.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.Simulators;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.sync.SyncJob;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.SyncTestDatabaseInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4, acceptance 1: with the scripted model, a question over the socket → run_sql_query over synced demo data →
 * a streamed answer; message and tool blocks persisted in order; a client that reconnects with since_index gets
 * exactly the chunks it missed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "revtops.http.rate-limits.hubspot.default=10000/1s")
@ContextConfiguration(initializers = SyncTestDatabaseInitializer.class)
class PennyEndToEndTest {
    static final Simulators SIMS = Simulators.start(DemoCompany.generate(42, 0.1), 0);
    static final String SQL = "SELECT count(*) AS open_deals FROM deals WHERE NOT is_closed";

    @DynamicPropertySource
    static void scriptedModel(DynamicPropertyRegistry registry) throws Exception {
        Path script = Files.createTempFile("penny-script", ".json");
        Files.writeString(script, """
                {"turns": [
                  [{"text": "Let me count them."}, {"toolCall": {"name": "run_sql_query", "input": {"sql": "%s", "purpose": "open deals"}}}],
                  [{"text": "You have", "chunks": 1}, {"delayMs": 1500}, {"text": " open deals in the pipeline.", "chunks": 4}]
                ]}
                """.formatted(SQL));
        registry.add("REVTOPS_LLM_PROVIDER", () -> "scripted");
        registry.add("REVTOPS_MODEL_SCRIPT", script::toString);
    }

    @AfterAll
    static void stop() {
        SIMS.close();
    }

    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    @Autowired SyncJob syncJob;

    static List<Integer> indexes(List<JsonNode> frames) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode f : frames) {
            if (f.path("type").asString().equals("task_chunk")) out.add(f.path("chunk").path("index").asInt());
            if (f.path("type").asString().equals("catchup")) f.path("chunks").forEach(c -> out.add(c.path("index").asInt()));
        }
        return out;
    }

    @Test
    void aQuestionRunsSqlOverSyncedDataStreamsTheAnswerAndAReconnectCatchesUpExactly() {
        TestApi api = new TestApi(port);
        Session ada = api.devLogin("ada@penny" + UUID.randomUUID().toString().substring(0, 8) + ".test");
        var connected = api.post("/api/integrations/hubspot/connect", ada.caller(), Map.of(
                "credentials", Map.of("access_token", SIMS.credential("hubspot")), "config", Map.of("base_url", SIMS.baseUrl("hubspot"))));
        UUID integration = UUID.fromString(connected.json().path("id").asString());
        assertThat(syncJob.run(ada.orgId(), integration).getClass().getSimpleName()).isEqualTo("Completed");
        long openDeals = owner.sql("SELECT count(*) FROM deals WHERE organization_id = :o AND NOT is_closed")
                .param("o", ada.orgId()).query(Long.class).single();
        assertThat(openDeals).isPositive();

        String taskId;
        String conversationId;
        List<Integer> seen;
        try (SocketClient first = SocketClient.connect(port, ada)) {
            JsonNode started = first.ask("How many open deals do we have?", null);
            taskId = started.path("task_id").asString();
            conversationId = started.path("conversation_id").asString();
            List<JsonNode> frames = first.until(f -> f.path("chunk").path("type").asString().equals("text_delta")
                    && f.path("chunk").path("data").path("text").asString().equals("You have"));
            JsonNode result = frames.stream().filter(f -> f.path("chunk").path("type").asString().equals("tool_result"))
                    .findFirst().orElseThrow().path("chunk").path("data");
            assertThat(result.path("status").asString()).isEqualTo("completed");
            assertThat(result.path("result").path("rows").path(0).path(0).asLong()).isEqualTo(openDeals);
            seen = indexes(frames);
            first.abort();
        }
        assertThat(seen).isEqualTo(range(0, seen.size()));

        try (SocketClient again = SocketClient.connect(port, ada)) {
            again.send(Map.of("type", "subscribe", "task_id", taskId, "since_index", seen.getLast()));
            List<JsonNode> rest = again.untilComplete(taskId);
            List<Integer> missed = indexes(rest);
            assertThat(missed).isEqualTo(range(seen.size(), seen.size() + missed.size()));
            assertThat(rest.getLast().path("status").asString()).isEqualTo("completed");
        }

        JsonNode messages = api.get("/api/conversations/" + conversationId, ada.caller()).json().path("messages");
        assertThat(messages.findValuesAsString("role")).containsExactly("user", "assistant");
        JsonNode blocks = messages.path(1).path("content_blocks");
        assertThat(blocks.findValuesAsString("type")).containsExactly("text", "tool_use", "text");
        assertThat(blocks.path(1).path("name").asString()).isEqualTo("run_sql_query");
        assertThat(blocks.path(1).path("status").asString()).isEqualTo("completed");
        assertThat(blocks.path(1).path("input").path("sql").asString()).isEqualTo(SQL);
        assertThat(blocks.path(2).path("text").asString()).isEqualTo("You have open deals in the pipeline.");
    }

    static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) out.add(i);
        return out;
    }
}
