package io.revtops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.history.ConversationHistory;
import io.revtops.agent.model.CancellationToken;
import io.revtops.agent.model.ModelClient;
import io.revtops.agent.model.ModelFailure;
import io.revtops.agent.model.ModelRequest;
import io.revtops.agent.model.ModelResponse;
import io.revtops.agent.model.ModelRetry;
import io.revtops.agent.model.ModelStreamListener;
import io.revtops.agent.model.ScriptedModelClient;
import io.revtops.agent.prompt.SystemPrompt;
import io.revtops.agent.tools.ThinkTool;
import io.revtops.agent.tools.Tool;
import io.revtops.agent.tools.ToolContext;
import io.revtops.agent.tools.ToolOutcome;
import io.revtops.agent.tools.ToolRegistry;
import io.revtops.agent.tools.ToolRisk;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The turn loop of SPEC §4 with the scripted model against the real database. */
@RevtopsTest
class TurnLoopTest {
    @LocalServerPort int port;
    @Autowired TenantTx tx;
    @Autowired ConversationHistory history;
    @Autowired SystemPrompt prompt;

    Tenant tenant;
    UUID conversation;

    /** A tool that waits, for concurrency and timeouts. */
    record SleepTool(String name, Duration sleep, Duration timeout) implements Tool {
        public String description() {
            return "sleeps";
        }

        public Map<String, Object> inputSchema() {
            return Map.of("type", "object");
        }

        public ToolRisk risk() {
            return ToolRisk.LOCAL_READ;
        }

        public Duration timeout() {
            return timeout;
        }

        public ToolOutcome execute(ToolContext ctx, JsonNode input) throws Exception {
            Thread.sleep(sleep.toMillis());
            return ToolOutcome.ok(Map.of("slept_ms", sleep.toMillis()), "slept");
        }
    }

    /** Records what the model was sent, in front of a scripted model. */
    static final class Recording implements ModelClient {
        final ModelClient inner;
        final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

        Recording(ModelClient inner) {
            this.inner = inner;
        }

        public ModelResponse stream(ModelRequest r, ModelStreamListener l, CancellationToken c) {
            requests.add(r);
            return inner.stream(r, l, c);
        }

        public String provider() {
            return "recording";
        }
    }

    @BeforeEach
    void conversationWithAQuestion() {
        var session = new TestApi(port).devLogin("turn@t" + UUID.randomUUID().toString().substring(0, 8) + ".test");
        tenant = Tenant.of(session.orgId(), session.userId());
        conversation = tx.run(tenant, j -> j.sql("INSERT INTO conversations (organization_id, user_id, title) VALUES (:o, :u, 'T') RETURNING id")
                .param("o", tenant.orgId()).param("u", tenant.userId().get()).query(UUID.class).single());
        tx.execute(tenant, j -> j.sql("""
                INSERT INTO chat_messages (organization_id, conversation_id, user_id, role, content_blocks)
                VALUES (:o, :c, :u, 'user', CAST('[{"type":"text","text":"How is the pipeline?"}]' AS jsonb))
                """).param("o", tenant.orgId()).param("c", conversation).param("u", tenant.userId().get()).update());
    }

    TurnLoop loop(ModelClient model, int maxRounds, Tool... extra) {
        List<Tool> tools = new ArrayList<>(List.of(extra));
        tools.add(new ThinkTool());
        AgentProperties props = new AgentProperties(20, maxRounds, Duration.ofSeconds(30), Duration.ofSeconds(10), 1024);
        ModelRetry fastRetry = new ModelRetry(new ModelRetry.Policy(3, Duration.ofMillis(10), Duration.ofMillis(50), 0.1, Duration.ofSeconds(1)));
        return new TurnLoop(model, new ToolRegistry(tools), history, prompt, props, fastRetry, Clock.systemUTC());
    }

    TurnRequest request() {
        return new TurnRequest(tenant, conversation, UUID.randomUUID(), "How is the pipeline?", TurnSource.WEB,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aPlainAnswerStreamsTextAndSavesTheMessage() {
        var model = ScriptedModelClient.builder().turn(t -> t.text("The pipeline is healthy.")).build();
        RecordingSink sink = new RecordingSink();
        TurnOutcome outcome = loop(model, 25).run(request(), sink, new CancellationToken());
        assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
        assertThat(sink.text()).isEqualTo("The pipeline is healthy.");
        assertThat(sink.lastSaved()).singleElement().satisfies(b -> assertThat(b.get("text")).isEqualTo("The pipeline is healthy."));
    }

    @Nested
    class Tools {
        @Test
        void twoToolsInOneRoundRunConcurrentlyAndResultsKeepCallOrder() {
            var model = ScriptedModelClient.builder()
                    .turn(t -> t.toolCall("slow_a", "{}").toolCall("slow_b", "{}"))
                    .turn(t -> t.text("done")).build();
            RecordingSink sink = new RecordingSink();
            loop(model, 25, new SleepTool("slow_a", Duration.ofMillis(400), Duration.ofSeconds(5)),
                    new SleepTool("slow_b", Duration.ofMillis(400), Duration.ofSeconds(5)))
                    .run(request(), sink, new CancellationToken());
            var results = sink.ofType("tool_result");
            assertThat(results).extracting(c -> c.data().get("name")).containsExactly("slow_a", "slow_b");
            Instant aStart = Instant.parse((String) results.get(0).data().get("started_at"));
            Instant aEnd = Instant.parse((String) results.get(0).data().get("finished_at"));
            Instant bStart = Instant.parse((String) results.get(1).data().get("started_at"));
            assertThat(bStart).isBefore(aEnd); // b started before a finished: they overlapped
            assertThat(aStart).isBeforeOrEqualTo(bStart);
        }

        @Test
        void theAssistantMessageIsSavedWhenToolsStartWithARunningToolBlock() {
            var model = ScriptedModelClient.builder().turn(t -> t.text("Let me check.").toolCall("think", "{\"thought\":\"plan\"}"))
                    .turn(t -> t.text("Done.")).build();
            RecordingSink sink = new RecordingSink();
            loop(model, 25).run(request(), sink, new CancellationToken());
            assertThat(sink.saves.getFirst()).extracting(b -> b.get("type") + ":" + b.getOrDefault("status", ""))
                    .containsExactly("text:", "tool_use:running");
            assertThat(sink.lastSaved()).extracting(b -> b.get("type") + ":" + b.getOrDefault("status", ""))
                    .containsExactly("text:", "tool_use:completed", "text:");
        }

        @Test
        void aToolOverItsTimeoutGivesAnErrorAndTheTurnContinues() {
            var model = ScriptedModelClient.builder().turn(t -> t.toolCall("stuck", "{}")).turn(t -> t.text("It timed out, sorry.")).build();
            RecordingSink sink = new RecordingSink();
            long t0 = System.nanoTime();
            TurnOutcome outcome = loop(model, 25, new SleepTool("stuck", Duration.ofSeconds(20), Duration.ofMillis(300)))
                    .run(request(), sink, new CancellationToken());
            assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
            assertThat(sink.ofType("tool_result").getFirst().data().get("status")).isEqualTo("error");
            assertThat((String) sink.ofType("tool_result").getFirst().data().get("error")).contains("took longer");
            assertThat(sink.text()).endsWith("It timed out, sorry.");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }

        @Test
        void anUnknownToolOrInvalidJsonIsAToolErrorNotACrash() {
            var model = ScriptedModelClient.builder().turn(t -> t.toolCall("no_such_tool", "{}").toolCall("think", "{not json"))
                    .turn(t -> t.text("Recovered.")).build();
            Recording recording = new Recording(model);
            RecordingSink sink = new RecordingSink();
            TurnOutcome outcome = loop(recording, 25).run(request(), sink, new CancellationToken());
            assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
            assertThat(sink.ofType("tool_result")).extracting(c -> c.data().get("status")).containsExactly("error", "error");
            String secondRequest = recording.requests.get(1).messages().getLast().toString();
            assertThat(secondRequest).contains("no tool named", "not valid JSON");
        }

        @Test
        void schemaViolationsAreReturnedToTheModel() {
            var model = ScriptedModelClient.builder().turn(t -> t.toolCall("think", "{\"thought\": 42}")).turn(t -> t.text("ok")).build();
            RecordingSink sink = new RecordingSink();
            loop(model, 25).run(request(), sink, new CancellationToken());
            assertThat((String) sink.ofType("tool_result").getFirst().data().get("error")).contains("schema");
        }
    }

    @Nested
    class Limits {
        @Test
        void theRoundCapEndsTheTurnWithAClearMessage() {
            var model = ScriptedModelClient.builder()
                    .turn(t -> t.toolCall("think", "{\"thought\":\"1\"}")).turn(t -> t.toolCall("think", "{\"thought\":\"2\"}"))
                    .turn(t -> t.toolCall("think", "{\"thought\":\"3\"}")).turn(t -> t.toolCall("think", "{\"thought\":\"4\"}"))
                    .build();
            RecordingSink sink = new RecordingSink();
            TurnOutcome outcome = loop(model, 3).run(request(), sink, new CancellationToken());
            assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
            assertThat(sink.ofType("tool_result")).hasSize(3);
            assertThat(sink.text()).contains("I stopped after 3 rounds");
        }

        @Test
        void cancelStopsTheTurnAndTheModelStreamPromptly() throws Exception {
            var model = ScriptedModelClient.builder().turn(t -> t.text("Thinking").delay(Duration.ofSeconds(30)).text("never")).build();
            RecordingSink sink = new RecordingSink();
            CancellationToken cancel = new CancellationToken();
            var done = Executors.newVirtualThreadPerTaskExecutor().submit(() -> loop(model, 25).run(request(), sink, cancel));
            while (sink.ofType("text_delta").isEmpty()) Thread.sleep(10);
            long t0 = System.nanoTime();
            cancel.cancel();
            TurnOutcome outcome = done.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.CANCELLED);
            assertThat(sink.text()).doesNotContain("never");
        }

        @Test
        void cancelStopsRunningTools() throws Exception {
            var model = ScriptedModelClient.builder().turn(t -> t.toolCall("slow", "{}")).turn(t -> t.text("never")).build();
            RecordingSink sink = new RecordingSink();
            CancellationToken cancel = new CancellationToken();
            var done = Executors.newVirtualThreadPerTaskExecutor().submit(() ->
                    loop(model, 25, new SleepTool("slow", Duration.ofSeconds(30), Duration.ofSeconds(60))).run(request(), sink, cancel));
            while (sink.ofType("tool_call").isEmpty()) Thread.sleep(10);
            long t0 = System.nanoTime();
            cancel.cancel();
            assertThat(done.get(5, TimeUnit.SECONDS).status()).isEqualTo(TurnOutcome.Status.CANCELLED);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(sink.lastSaved().stream().filter(b -> "tool_use".equals(b.get("type"))).findFirst().orElseThrow()
                    .get("status")).isIn("cancelled", "error");
        }
    }

    @Nested
    class ModelFailures {
        @Test
        void anOverloadedModelIsRetriedAndTheAnswerArrives() {
            var model = ScriptedModelClient.builder()
                    .turn(t -> t.text("partial").fail(new ModelFailure.Overloaded("overloaded", Optional.empty()), 2).text("Full answer.")).build();
            RecordingSink sink = new RecordingSink();
            TurnOutcome outcome = loop(model, 25).run(request(), sink, new CancellationToken());
            assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
            assertThat(sink.chunks).anyMatch(c -> c.data().containsKey("reset_round"));
            assertThat(sink.lastSaved()).singleElement().satisfies(b -> assertThat((String) b.get("text")).isEqualTo("partialFull answer."));
        }

        @Test
        void aContextOverflowStripsOldToolPayloadsAndNeverDropsTheCurrentMessage() {
            var model = ScriptedModelClient.builder()
                    .turn(t -> t.fail(new ModelFailure.ContextOverflow("prompt is too long"), 1).text("Fits now.")).build();
            Recording recording = new Recording(model);
            RecordingSink sink = new RecordingSink();
            TurnOutcome outcome = loop(recording, 25).run(request(), sink, new CancellationToken());
            assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
            assertThat(recording.requests).hasSizeGreaterThanOrEqualTo(2);
            assertThat(recording.requests.getLast().messages().getLast().text()).isEqualTo("How is the pipeline?");
        }

        @Test
        void anUnconfiguredModelSaysWhichVariablesToSet() {
            var notConfigured = new io.revtops.agent.model.ModelSetup.ModelNotConfigured(
                    "No AI model is configured: set ANTHROPIC_API_KEY, or OPENAI_API_KEY with OPENAI_BASE_URL.",
                    List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY")).client();
            RecordingSink sink = new RecordingSink();
            TurnOutcome outcome = loop(notConfigured, 25).run(request(), sink, new CancellationToken());
            assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.FAILED);
            assertThat(sink.text()).contains("ANTHROPIC_API_KEY");
        }
    }
}
