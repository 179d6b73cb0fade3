package io.revtops.agent.model;

import static io.revtops.agent.model.AnthropicSse.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.revtops.agent.model.StubHttpServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@link AnthropicModelClient} against a stub that speaks Anthropic's documented SSE stream. */
class AnthropicModelClientTest {

    private static final ToolSpec SQL_TOOL = ToolSpec.of("run_sql_query", "Run one read-only SELECT",
            Map.of("type", "object",
                    "properties", Map.of("sql", Map.of("type", "string", "description", "the query")),
                    "required", List.of("sql")));

    private StubHttpServer stub;
    private AnthropicModelClient client;

    @BeforeEach
    void start() throws Exception {
        stub = new StubHttpServer();
        client = AnthropicModelClient.builder()
                .apiKey("sk-ant-test")
                .baseUrl(stub.baseUrl())
                .defaultModel("claude-stub")
                .build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static ModelRequest ask(String question) {
        return ModelRequest.builder().system("You are Penny.").addUserMessage(question).build();
    }

    @Nested
    class Streaming {

        @Test
        void textArrivesInOrderThenUsageThenDone() {
            stub.enqueue(Reply.sse(textAnswer("Hel", "lo", " world")));
            RecordingListener listener = new RecordingListener();

            ModelResponse response = client.stream(ask("hi"), listener, CancellationToken.none());

            assertThat(listener.events()).containsExactly(
                    new ModelEvent.TextDelta("Hel"), new ModelEvent.TextDelta("lo"), new ModelEvent.TextDelta(" world"),
                    new ModelEvent.Usage(12, 3), new ModelEvent.Done(StopReason.END_TURN));
            assertThat(response.content()).containsExactly(new ContentPart.Text("Hello world"));
            assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
            assertThat(response.usage()).isEqualTo(new TokenUsage(12, 3));
        }

        @Test
        void requestCarriesKeyModelSystemAndMessagesWithRetriesOff() {
            stub.enqueue(Reply.sse(textAnswer("ok")));

            client.stream(ask("How many deals?"), ModelStreamListener.IGNORE, CancellationToken.none());

            StubHttpServer.Received sent = stub.received().getFirst();
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/v1/messages");
            // SDK 3.x sends the key as a bearer credential; older versions used x-api-key
            assertThat(List.of(sent.headers().getOrDefault("x-api-key", ""), sent.headers().getOrDefault("authorization", "")))
                    .containsAnyOf("sk-ant-test", "Bearer sk-ant-test");
            assertThat(sent.headers()).containsKey("anthropic-version");
            assertThat(sent.headers().get("x-stainless-retry-count")).isIn(null, "0");
            JsonNode body = sent.json();
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("model").asString()).isEqualTo("claude-stub");
            assertThat(body.path("max_tokens").asInt()).isEqualTo(ModelRequest.DEFAULT_MAX_TOKENS);
            assertThat(body.path("system").asString()).isEqualTo("You are Penny.");
            assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("user");
            assertThat(body.path("messages").get(0).path("content").get(0).path("text").asString())
                    .isEqualTo("How many deals?");
            assertThat(body.has("thinking")).isFalse();
        }

        @Test
        void thinkingDeltasAndSignatureAreKeptBeforeTheAnswer() {
            stub.enqueue(Reply.sse(List.of(messageStart(20),
                    thinkingStart(0), thinkingDelta(0, "The user wants "), thinkingDelta(0, "a count."),
                    signatureDelta(0, "EqQBCgIYAhIM"), blockStop(0),
                    textStart(1), textDelta(1, "There are 42."), blockStop(1),
                    messageDelta("end_turn", 30), messageStop())));
            RecordingListener listener = new RecordingListener();
            ModelRequest request = ask("count deals").toBuilder().thinkingBudget(1024).temperature(0.3).build();

            ModelResponse response = client.stream(request, listener, CancellationToken.none());

            assertThat(listener.events()).startsWith(
                    new ModelEvent.ThinkingDelta("The user wants "), new ModelEvent.ThinkingDelta("a count."),
                    new ModelEvent.TextDelta("There are 42."));
            assertThat(response.content()).containsExactly(
                    new ContentPart.Thinking("The user wants a count.", "EqQBCgIYAhIM"),
                    new ContentPart.Text("There are 42."));
            JsonNode body = stub.received().getFirst().json();
            assertThat(body.path("thinking").path("type").asString()).isEqualTo("enabled");
            assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(1024);
            assertThat(body.has("temperature")).as("temperature is dropped when thinking is on").isFalse();
        }

        @Test
        void temperatureIsSentWithoutThinking() {
            stub.enqueue(Reply.sse(textAnswer("ok")));

            client.stream(ask("hi").toBuilder().temperature(0.25).build(), ModelStreamListener.IGNORE,
                    CancellationToken.none());

            assertThat(stub.received().getFirst().json().path("temperature").asDouble()).isEqualTo(0.25);
        }
    }

    @Nested
    class ToolUse {

        private List<String> toolCallTurn(String... jsonPieces) {
            List<String> events = new ArrayList<>(List.of(messageStart(50),
                    textStart(0), textDelta(0, "Let me check."), blockStop(0),
                    toolUseStart(1, "toolu_01A", "run_sql_query")));
            for (String piece : jsonPieces) {
                events.add(inputJsonDelta(1, piece));
            }
            events.addAll(List.of(blockStop(1), messageDelta("tool_use", 40), messageStop()));
            return events;
        }

        @Test
        void toolCallIsStreamedThenCompletedWithValidatedJson() {
            stub.enqueue(Reply.sse(toolCallTurn("", "{\"sql\": \"SELECT", " count(*) FROM deals\"}")));
            RecordingListener listener = new RecordingListener();

            ModelResponse response = client.stream(ask("How many deals?").toBuilder().addTool(SQL_TOOL).build(),
                    listener, CancellationToken.none());

            assertThat(listener.events()).containsExactly(
                    new ModelEvent.TextDelta("Let me check."),
                    new ModelEvent.ToolCallStart("toolu_01A", "run_sql_query"),
                    new ModelEvent.ToolCallInputDelta("toolu_01A", ""),
                    new ModelEvent.ToolCallInputDelta("toolu_01A", "{\"sql\": \"SELECT"),
                    new ModelEvent.ToolCallInputDelta("toolu_01A", " count(*) FROM deals\"}"),
                    new ModelEvent.ToolCall("toolu_01A", "run_sql_query", "{\"sql\":\"SELECT count(*) FROM deals\"}", true),
                    new ModelEvent.Usage(50, 40),
                    new ModelEvent.Done(StopReason.TOOL_USE));
            assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
            assertThat(response.toolUses()).containsExactly(new ContentPart.ToolUse("toolu_01A", "run_sql_query",
                    "{\"sql\":\"SELECT count(*) FROM deals\"}"));
        }

        @Test
        void roundTripSendsToolsToolUseAndToolResultBack() {
            stub.enqueue(Reply.sse(toolCallTurn("{\"sql\": \"SELECT 1\"}")));
            stub.enqueue(Reply.sse(textAnswer("There is ", "1 deal.")));
            ModelRequest first = ask("How many deals?").toBuilder().addTool(SQL_TOOL).build();

            ModelResponse call = client.stream(first, ModelStreamListener.IGNORE, CancellationToken.none());
            ModelRequest second = first.toBuilder()
                    .addMessage(call.toMessage())
                    .addMessage(ModelMessage.toolResults(List.of(
                            new ContentPart.ToolResult("toolu_01A", "{\"rows\":[[1]]}", false))))
                    .build();
            ModelResponse answer = client.stream(second, ModelStreamListener.IGNORE, CancellationToken.none());

            assertThat(answer.text()).isEqualTo("There is 1 deal.");
            JsonNode tool = stub.received().get(0).json().path("tools").get(0);
            assertThat(tool.path("name").asString()).isEqualTo("run_sql_query");
            assertThat(tool.path("description").asString()).isEqualTo("Run one read-only SELECT");
            assertThat(tool.path("input_schema").path("type").asString()).isEqualTo("object");
            assertThat(tool.path("input_schema").path("properties").path("sql").path("type").asString()).isEqualTo("string");
            assertThat(tool.path("input_schema").path("required").get(0).asString()).isEqualTo("sql");

            JsonNode messages = stub.received().get(1).json().path("messages");
            assertThat(messages.size()).isEqualTo(3);
            JsonNode assistant = messages.get(1);
            assertThat(assistant.path("role").asString()).isEqualTo("assistant");
            assertThat(assistant.path("content").get(0).path("text").asString()).isEqualTo("Let me check.");
            JsonNode toolUse = assistant.path("content").get(1);
            assertThat(toolUse.path("type").asString()).isEqualTo("tool_use");
            assertThat(toolUse.path("id").asString()).isEqualTo("toolu_01A");
            assertThat(toolUse.path("name").asString()).isEqualTo("run_sql_query");
            assertThat(toolUse.path("input").path("sql").asString()).isEqualTo("SELECT 1");
            JsonNode result = messages.get(2).path("content").get(0);
            assertThat(messages.get(2).path("role").asString()).isEqualTo("user");
            assertThat(result.path("type").asString()).isEqualTo("tool_result");
            assertThat(result.path("tool_use_id").asString()).isEqualTo("toolu_01A");
            assertThat(result.path("content").asString()).isEqualTo("{\"rows\":[[1]]}");
            assertThat(result.path("is_error").asBoolean()).isFalse();
        }

        @Test
        void thinkingWithSignatureIsSentBackUnchanged() {
            stub.enqueue(Reply.sse(textAnswer("done")));
            ModelRequest request = ask("q").toBuilder()
                    .addMessage(ModelMessage.assistant(new ContentPart.Thinking("hmm", "sig-1"),
                            new ContentPart.ToolUse("toolu_9", "think", "{}")))
                    .addMessage(ModelMessage.toolResults(List.of(new ContentPart.ToolResult("toolu_9", "boom", true))))
                    .thinkingBudget(1024)
                    .build();

            client.stream(request, ModelStreamListener.IGNORE, CancellationToken.none());

            JsonNode messages = stub.received().getFirst().json().path("messages");
            JsonNode thinking = messages.get(1).path("content").get(0);
            assertThat(thinking.path("type").asString()).isEqualTo("thinking");
            assertThat(thinking.path("thinking").asString()).isEqualTo("hmm");
            assertThat(thinking.path("signature").asString()).isEqualTo("sig-1");
            assertThat(messages.get(2).path("content").get(0).path("is_error").asBoolean()).isTrue();
        }

        @Test
        void invalidToolJsonIsReportedAsInvalidInsteadOfFailing() {
            stub.enqueue(Reply.sse(toolCallTurn("{\"sql\": \"SELECT 1\"")));
            RecordingListener listener = new RecordingListener();

            ModelResponse response = client.stream(ask("q").toBuilder().addTool(SQL_TOOL).build(), listener,
                    CancellationToken.none());

            assertThat(listener.events(ModelEvent.ToolCall.class)).containsExactly(
                    new ModelEvent.ToolCall("toolu_01A", "run_sql_query", "{\"sql\": \"SELECT 1\"", false));
            assertThat(response.toolUses().getFirst().inputValid()).isFalse();
            assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        }
    }

    @Nested
    class Failures {

        private ModelFailure failureOf(Reply reply) {
            stub.enqueue(reply);
            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ask("q"), ModelStreamListener.IGNORE, CancellationToken.none()));
            assertThat(e).as("the call must fail").isNotNull();
            return e.failure();
        }

        @Test
        void overloaded529IsRetryable() {
            ModelFailure failure = failureOf(Reply.json(529, errorBody("overloaded_error", "Overloaded")));

            assertThat(failure).isInstanceOf(ModelFailure.Overloaded.class);
            assertThat(failure.retryable()).isTrue();
            assertThat(stub.received()).as("the SDK must not retry by itself").hasSize(1);
        }

        @Test
        void rateLimitHonoursRetryAfter() {
            ModelFailure failure = failureOf(Reply.json(429, errorBody("rate_limit_error", "Slow down"))
                    .withHeader("retry-after", "7"));

            assertThat(failure).isEqualTo(new ModelFailure.RateLimited("Slow down", java.util.Optional.of(Duration.ofSeconds(7))));
            assertThat(failure.retryable()).isTrue();
        }

        @Test
        void unauthorizedIsAuthFailedAndNotRetryable() {
            ModelFailure failure = failureOf(Reply.json(401, errorBody("authentication_error", "invalid x-api-key")));

            assertThat(failure).isEqualTo(new ModelFailure.AuthFailed(401, "invalid x-api-key"));
            assertThat(failure.retryable()).isFalse();
        }

        @Test
        void promptTooLongIsContextOverflow() {
            ModelFailure failure = failureOf(Reply.json(400, errorBody("invalid_request_error",
                    "prompt is too long: 210345 tokens > 200000 maximum")));

            assertThat(failure).isInstanceOf(ModelFailure.ContextOverflow.class);
            assertThat(failure.retryable()).isFalse();
        }

        @Test
        void otherInvalidRequestIsBadRequest() {
            ModelFailure failure = failureOf(Reply.json(400, errorBody("invalid_request_error",
                    "messages: text content blocks must be non-empty")));

            assertThat(failure).isEqualTo(new ModelFailure.BadRequest(400,
                    "messages: text content blocks must be non-empty"));
        }

        @Test
        void internalServerErrorIsRetryableServerError() {
            ModelFailure failure = failureOf(Reply.json(500, errorBody("api_error", "Internal server error")));

            assertThat(failure).isEqualTo(new ModelFailure.ServerError(500, "Internal server error"));
            assertThat(failure.retryable()).isTrue();
        }

        @Test
        void errorEventMidStreamIsStreamErrorClassifiedByType() {
            stub.enqueue(Reply.sse(List.of(messageStart(5), textStart(0), textDelta(0, "Hel"),
                    error("overloaded_error", "Overloaded"))));
            RecordingListener listener = new RecordingListener();

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ask("q"), listener, CancellationToken.none()));

            assertThat(e.failure()).isEqualTo(new ModelFailure.StreamError("overloaded_error", "Overloaded"));
            assertThat(e.retryable()).isTrue();
            assertThat(listener.events()).containsExactly(new ModelEvent.TextDelta("Hel"));
        }

        @Test
        void invalidRequestErrorEventMidStreamIsNotRetryable() {
            stub.enqueue(Reply.sse(List.of(messageStart(5), error("invalid_request_error", "bad"))));

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ask("q"), ModelStreamListener.IGNORE, CancellationToken.none()));

            assertThat(e.failure()).isEqualTo(new ModelFailure.StreamError("invalid_request_error", "bad"));
            assertThat(e.retryable()).isFalse();
        }

        @Test
        void streamCutBeforeMessageStopIsConnectionFailed() {
            stub.enqueue(Reply.sse(List.of(messageStart(5), textStart(0), textDelta(0, "Hel"))));

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ask("q"), ModelStreamListener.IGNORE, CancellationToken.none()));

            assertThat(e.failure()).isInstanceOf(ModelFailure.ConnectionFailed.class);
            assertThat(e.retryable()).isTrue();
        }

        @Test
        void eventMissingARequiredFieldIsStreamErrorNotACrash() {
            stub.enqueue(Reply.sse(List.of(messageStart(5), textStart(0),
                    event("content_block_delta", Map.of("type", "content_block_delta", "index", 0,
                            "delta", Map.of("type", "text_delta"))),
                    blockStop(0), messageDelta("end_turn", 1), messageStop())));

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ask("q"), ModelStreamListener.IGNORE, CancellationToken.none()));

            assertThat(e.failure()).isInstanceOfSatisfying(ModelFailure.StreamError.class,
                    f -> assertThat(f.errorType()).isEqualTo("invalid_response"));
        }

        @Test
        void silentServerIsTimeout() throws Exception {
            AnthropicModelClient impatient = AnthropicModelClient.builder().apiKey("k").baseUrl(stub.baseUrl())
                    .readTimeout(Duration.ofMillis(300)).build();
            stub.enqueue(Reply.sse(textAnswer("late")).afterHeaderDelay(Duration.ofSeconds(5)));

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> impatient.stream(ask("q"), ModelStreamListener.IGNORE, CancellationToken.none()));

            assertThat(e.failure()).isInstanceOf(ModelFailure.Timeout.class);
            assertThat(e.retryable()).isTrue();
        }
    }

    @Nested
    class Cancellation {

        @Test
        void cancelDuringSlowStreamReturnsPromptlyAndClosesTheConnection() throws Exception {
            List<String> slow = textAnswer(java.util.Collections.nCopies(100, "tok ").toArray(String[]::new));
            stub.enqueue(Reply.sse(slow, Duration.ofMillis(300)));
            RecordingListener listener = new RecordingListener();
            CancellationToken cancel = new CancellationToken();
            AtomicLong cancelledAt = new AtomicLong();
            Thread.ofVirtual().start(() -> {
                try {
                    if (listener.awaitFirstText(Duration.ofSeconds(10))) {
                        cancelledAt.set(System.nanoTime());
                        cancel.cancel();
                    }
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ask("q"), listener, cancel));
            long returnedAt = System.nanoTime();

            assertThat(e).isNotNull();
            assertThat(e.isCancelled()).isTrue();
            assertThat(cancelledAt.get()).as("cancel was triggered").isPositive();
            assertThat(Duration.ofNanos(returnedAt - cancelledAt.get())).isLessThan(Duration.ofSeconds(5));
            assertThat(listener.events(ModelEvent.Done.class)).isEmpty();
            assertThat(stub.awaitClientGone(Duration.ofSeconds(5))).as("the HTTP stream was closed").isTrue();
        }

        @Test
        void cancelDuringASilentStreamClosesTheSocketAtOnce() throws Exception {
            try (SilentStreamServer silent = new SilentStreamServer(messageStart(3) + textStart(0) + textDelta(0, "Hel"))) {
                AnthropicModelClient silentClient = AnthropicModelClient.builder().apiKey("k").baseUrl(silent.baseUrl()).build();
                RecordingListener listener = new RecordingListener();
                CancellationToken cancel = new CancellationToken();
                Thread.ofVirtual().start(() -> {
                    try {
                        if (listener.awaitFirstText(Duration.ofSeconds(10))) {
                            cancel.cancel();
                        }
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                });

                ModelException e = catchThrowableOfType(ModelException.class,
                        () -> silentClient.stream(ask("q"), listener, cancel));

                assertThat(e.isCancelled()).isTrue();
                assertThat(silent.awaitClientClosed(Duration.ofSeconds(2))).as("socket closed without waiting for data")
                        .isTrue();
            }
        }

        @Test
        void cancelWhileWaitingForResponseHeadersReturnsPromptly() {
            stub.enqueue(Reply.sse(textAnswer("late")).afterHeaderDelay(Duration.ofSeconds(20)));
            CancellationToken cancel = new CancellationToken();
            AtomicLong cancelledAt = new AtomicLong();
            Thread.ofVirtual().start(() -> {
                while (stub.received().isEmpty()) {
                    Thread.onSpinWait();
                }
                cancelledAt.set(System.nanoTime());
                cancel.cancel();
            });

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ask("q"), ModelStreamListener.IGNORE, cancel));
            long returnedAt = System.nanoTime();

            assertThat(e.isCancelled()).isTrue();
            assertThat(Duration.ofNanos(returnedAt - cancelledAt.get())).isLessThan(Duration.ofSeconds(5));
        }

        @Test
        void alreadyCancelledTokenSendsNothing() {
            CancellationToken cancel = new CancellationToken();
            cancel.cancel();

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ask("q"), ModelStreamListener.IGNORE, cancel));

            assertThat(e.isCancelled()).isTrue();
            assertThat(stub.received()).isEmpty();
        }
    }
}
