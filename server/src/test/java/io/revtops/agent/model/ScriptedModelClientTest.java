package io.revtops.agent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link ScriptedModelClient} and the {@link ModelScript} JSON format. */
class ScriptedModelClientTest {

    private static final String SQL = "{\"sql\":\"SELECT count(*) FROM deals\"}";

    @Nested
    class JsonScript {

        @Test
        void everyStepKindParsesToTheSameScriptAsTheJavaBuilder() {
            String json = """
                    {
                      "defaultReply": "no idea",
                      "tokensPerSecond": 20,
                      "turns": [
                        {"steps": [
                          {"thinking": "The user wants a count.", "signature": "sig-1"},
                          {"text": "Let me check.", "chunks": 3},
                          {"toolCall": {"name": "run_sql_query", "input": {"sql": "SELECT count(*) FROM deals"}}}
                        ]},
                        "There are 42 deals.",
                        {"matchUserMessage": "(?i)hello", "stopReason": "max_tokens", "tokensPerSecond": 50,
                         "steps": [{"tokens": 5}, {"delayMs": 250}]},
                        [{"error": "overloaded"},
                         {"error": {"kind": "rate_limited", "times": 2, "retryAfterMs": 1500, "message": "slow"}},
                         {"error": {"kind": "stream_error", "errorType": "api_error", "times": 0}},
                         {"toolCall": {"id": "toolu_x", "name": "search", "inputJson": "{not json"}}]
                      ]
                    }
                    """;
            ModelScript expected = ModelScript.builder()
                    .defaultReply("no idea")
                    .tokensPerSecond(20)
                    .turn(t -> t.thinking("The user wants a count.", "sig-1").text("Let me check.", 3)
                            .toolCall("run_sql_query", SQL))
                    .turn(t -> t.text("There are 42 deals."))
                    .whenUserSays("(?i)hello", t -> t.tokens(5).delay(Duration.ofMillis(250))
                            .stopReason(StopReason.MAX_TOKENS).tokensPerSecond(50))
                    .turn(t -> t.fail(new ModelFailure.Overloaded("Overloaded (scripted)", Optional.empty()))
                            .fail(new ModelFailure.RateLimited("slow", Optional.of(Duration.ofMillis(1500))), 2)
                            .fail(new ModelFailure.StreamError("api_error", "stream error (scripted)"), 0)
                            .toolCall("toolu_x", "search", "{not json"))
                    .build();

            assertThat(ModelScript.parse(json)).isEqualTo(expected);
        }

        @Test
        void mistakesAreRejectedWithTheirPath() {
            assertThatThrownBy(() -> ModelScript.parse("{\"turns\":[{\"steps\":[{\"txt\":\"x\"}]}]}"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.turns[0].steps[0]");
            assertThatThrownBy(() -> ModelScript.parse("{\"turns\":[[{\"error\":\"meltdown\"}]]}"))
                    .hasMessageContaining("$.turns[0][0].error").hasMessageContaining("meltdown");
            assertThatThrownBy(() -> ModelScript.parse("{\"turns\":[{\"matchUserMessage\":\"(\",\"steps\":[]}]}"))
                    .hasMessageContaining("$.turns[0].matchUserMessage");
            assertThatThrownBy(() -> ModelScript.parse("{\"turns\":[[{\"toolCall\":{\"name\":\"x\",\"input\":[1]}}]]}"))
                    .hasMessageContaining("$.turns[0][0].toolCall.input");
            assertThatThrownBy(() -> ModelScript.parse("{\"turns\": 3}")).hasMessageContaining("$.turns");
            assertThatThrownBy(() -> ModelScript.parse("{\"turn\": []}")).hasMessageContaining("unknown field \"turn\"");
            assertThatThrownBy(() -> ModelScript.parse("not json")).hasMessageContaining("not valid JSON");
        }

        @Test
        void fromJsonPlaysTheScript() {
            ScriptedModelClient client = ScriptedModelClient.fromJson("{\"turns\": [\"Hi there\"]}");

            assertThat(client.complete(ModelRequest.builder().addUserMessage("hi").build()).text()).isEqualTo("Hi there");
        }
    }

    @Nested
    class Playing {

        private final ScriptedModelClient sqlThenAnswer = ScriptedModelClient.builder()
                .turn(t -> t.text("Let me check.").toolCall("run_sql_query", SQL))
                .turn(t -> t.text("There are 42 deals."))
                .defaultReply("That is all I know.")
                .build();

        @Test
        void turnsFollowTheNumberOfAssistantMessagesInTheHistory() {
            RecordingListener first = new RecordingListener();
            ModelRequest ask = ModelRequest.builder().addUserMessage("How many deals?").build();

            ModelResponse call = sqlThenAnswer.stream(ask, first, CancellationToken.none());

            assertThat(first.events()).containsExactly(
                    new ModelEvent.TextDelta("Let "), new ModelEvent.TextDelta("me "), new ModelEvent.TextDelta("check."),
                    new ModelEvent.ToolCallStart("toolu_s0_1", "run_sql_query"),
                    new ModelEvent.ToolCallInputDelta("toolu_s0_1", SQL),
                    new ModelEvent.ToolCall("toolu_s0_1", "run_sql_query", SQL, true),
                    new ModelEvent.Usage(4, 4), new ModelEvent.Done(StopReason.TOOL_USE));
            assertThat(call.content()).containsExactly(new ContentPart.Text("Let me check."),
                    new ContentPart.ToolUse("toolu_s0_1", "run_sql_query", SQL));

            ModelRequest withResult = ask.toBuilder().addMessage(call.toMessage())
                    .addMessage(ModelMessage.toolResults(List.of(new ContentPart.ToolResult("toolu_s0_1", "42", false))))
                    .build();
            ModelResponse answer = sqlThenAnswer.complete(withResult);
            assertThat(answer.text()).isEqualTo("There are 42 deals.");
            assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);

            ModelResponse beyond = sqlThenAnswer.complete(withResult.toBuilder().addMessage(answer.toMessage())
                    .addUserMessage("And accounts?").build());
            assertThat(beyond.text()).isEqualTo("That is all I know.");
        }

        @Test
        void textIsSplitIntoWordsOrIntoTheGivenNumberOfChunks() {
            ScriptedModelClient client = ScriptedModelClient.builder()
                    .turn(t -> t.text("Hello big world").text("abcdefg", 3))
                    .build();
            RecordingListener listener = new RecordingListener();

            ModelResponse response = client.stream(ModelRequest.builder().addUserMessage("q").build(), listener,
                    CancellationToken.none());

            assertThat(listener.events(ModelEvent.TextDelta.class)).extracting(ModelEvent.TextDelta::text)
                    .containsExactly("Hello ", "big ", "world", "abc", "de", "fg");
            assertThat(response.content()).containsExactly(new ContentPart.Text("Hello big worldabcdefg"));
        }

        @Test
        void branchesFollowTheLatestUserMessageAndItsToolRounds() {
            ScriptedModelClient client = ScriptedModelClient.builder()
                    .whenUserSays("(?i)deals", t -> t.toolCall("run_sql_query", SQL))
                    .turn(t -> t.text("42 deals."))
                    .whenUserSays("(?i)hello", t -> t.text("Hi!"))
                    .defaultReply("Sorry?")
                    .build();
            List<ModelMessage> history = new ArrayList<>();
            history.add(ModelMessage.user("hello there"));

            ModelResponse hi = client.complete(ModelRequest.builder().messages(history).build());
            history.add(hi.toMessage());
            history.add(ModelMessage.user("How many DEALS do we have?"));
            ModelResponse toolCall = client.complete(ModelRequest.builder().messages(history).build());
            history.add(toolCall.toMessage());
            history.add(ModelMessage.toolResults(List.of(new ContentPart.ToolResult(
                    toolCall.toolUses().getFirst().id(), "42", false))));
            ModelResponse answer = client.complete(ModelRequest.builder().messages(history).build());
            history.add(answer.toMessage());
            history.add(ModelMessage.user("what's the weather"));
            ModelResponse unknown = client.complete(ModelRequest.builder().messages(history).build());

            assertThat(hi.text()).isEqualTo("Hi!");
            assertThat(toolCall.toolUses()).extracting(ContentPart.ToolUse::name).containsExactly("run_sql_query");
            assertThat(answer.text()).isEqualTo("42 deals.");
            assertThat(unknown.text()).isEqualTo("Sorry?");
        }

        @Test
        void invalidScriptedToolJsonIsReportedInvalid() {
            ScriptedModelClient client = ScriptedModelClient.builder().turn(t -> t.toolCall("t1", "search", "{oops")).build();
            RecordingListener listener = new RecordingListener();

            client.stream(ModelRequest.builder().addUserMessage("q").build(), listener, CancellationToken.none());

            assertThat(listener.events(ModelEvent.ToolCall.class))
                    .containsExactly(new ModelEvent.ToolCall("t1", "search", "{oops", false));
        }

        @Test
        void errorStepFailsOnceThenTheSameCallSucceeds() {
            ScriptedModelClient client = ScriptedModelClient.builder()
                    .turn(t -> t.fail(new ModelFailure.Overloaded("Overloaded", Optional.empty())).text("recovered"))
                    .build();
            ModelRequest request = ModelRequest.builder().addUserMessage("q").conversationKey("c-1").build();

            ModelException first = catchThrowableOfType(ModelException.class, () -> client.complete(request));
            ModelResponse second = client.complete(request);

            assertThat(first.failure()).isInstanceOf(ModelFailure.Overloaded.class);
            assertThat(second.text()).isEqualTo("recovered");
        }

        @Test
        void errorStepWithTimesZeroFailsEveryTime() {
            ScriptedModelClient client = ScriptedModelClient.fromJson(
                    "{\"turns\":[[{\"error\":{\"kind\":\"auth_failed\",\"times\":0}}]]}");
            ModelRequest request = ModelRequest.builder().addUserMessage("q").build();

            for (int i = 0; i < 3; i++) {
                ModelException e = catchThrowableOfType(ModelException.class, () -> client.complete(request));
                assertThat(e.failure()).isEqualTo(new ModelFailure.AuthFailed(401, "invalid api key (scripted)"));
            }
        }

        @Test
        void delayIsCutShortByCancel() {
            ScriptedModelClient client = ScriptedModelClient.builder()
                    .turn(t -> t.text("wait").delay(Duration.ofSeconds(30)).text("never")).build();
            RecordingListener listener = new RecordingListener();
            CancellationToken cancel = new CancellationToken();
            AtomicLong cancelledAt = new AtomicLong();
            Thread.ofVirtual().start(() -> {
                try {
                    listener.awaitFirstText(Duration.ofSeconds(5));
                    cancelledAt.set(System.nanoTime());
                    cancel.cancel();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ModelRequest.builder().addUserMessage("q").build(), listener, cancel));

            assertThat(e.isCancelled()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt.get())).isLessThan(Duration.ofSeconds(5));
            assertThat(listener.text()).isEqualTo("wait");
        }

        @Test
        void tokensPerSecondPacesANumberedTokenStream() {
            ScriptedModelClient client = ScriptedModelClient.builder().tokensPerSecond(50).turn(t -> t.tokens(11)).build();
            RecordingListener listener = new RecordingListener();

            long start = System.nanoTime();
            client.stream(ModelRequest.builder().addUserMessage("q").build(), listener, CancellationToken.none());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(listener.text()).isEqualTo("t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 t11");
            assertThat(took).as("10 intervals of 20 ms").isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Nested
    class Concurrency {

        @Test
        void hundredConcurrentConversationsEachGetTheirOwnPositionAndErrorBudget() throws Exception {
            ScriptedModelClient client = ScriptedModelClient.builder()
                    .turn(t -> t.fail(new ModelFailure.Overloaded("busy", Optional.empty())).text("first answer"))
                    .turn(t -> t.text("second answer"))
                    .build();
            int conversations = 100;
            ConcurrentHashMap<Integer, List<String>> transcripts = new ConcurrentHashMap<>();
            AtomicInteger failures = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < conversations; c++) {
                    int id = c;
                    done.add(pool.submit(() -> {
                        go.await();
                        List<ModelMessage> history = new ArrayList<>(List.of(ModelMessage.user("conversation " + id)));
                        List<String> replies = new ArrayList<>();
                        for (int call = 0; call < 2; call++) {
                            // no conversationKey: the client must tell conversations apart by their history
                            ModelRequest request = ModelRequest.builder().messages(history).build();
                            ModelResponse response;
                            try {
                                response = client.complete(request);
                            } catch (ModelException e) {
                                failures.incrementAndGet();
                                response = client.complete(request);
                            }
                            replies.add(response.text());
                            history.add(response.toMessage());
                            history.add(ModelMessage.user("more " + id));
                        }
                        transcripts.put(id, replies);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            }

            assertThat(transcripts).hasSize(conversations);
            assertThat(transcripts.values()).allSatisfy(replies ->
                    assertThat(replies).containsExactly("first answer", "second answer"));
            assertThat(failures.get()).as("each conversation hit the scripted 529 exactly once").isEqualTo(conversations);
        }
    }
}
