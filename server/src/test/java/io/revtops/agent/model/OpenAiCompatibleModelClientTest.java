package io.revtops.agent.model;

import static io.revtops.agent.model.OpenAiSse.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.revtops.agent.model.StubHttpServer.Reply;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@link OpenAiCompatibleModelClient} against a stub that streams OpenAI chat completion chunks. */
class OpenAiCompatibleModelClientTest {

    private static final ToolSpec WEATHER = ToolSpec.of("get_weather", "Weather for a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

    private StubHttpServer stub;
    private OpenAiCompatibleModelClient client;

    @BeforeEach
    void start() throws Exception {
        stub = new StubHttpServer();
        client = OpenAiCompatibleModelClient.builder()
                .apiKey("sk-openai-test")
                .baseUrl(stub.baseUrl() + "/v1")
                .defaultModel("gpt-stub")
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
        void textArrivesInOrderWithUsageAndStopReason() {
            stub.enqueue(Reply.sse(textAnswer("Hel", "lo", "!")));
            RecordingListener listener = new RecordingListener();

            ModelResponse response = client.stream(ask("hi"), listener, CancellationToken.none());

            assertThat(listener.events()).containsExactly(
                    new ModelEvent.TextDelta("Hel"), new ModelEvent.TextDelta("lo"), new ModelEvent.TextDelta("!"),
                    new ModelEvent.Usage(9, 3), new ModelEvent.Done(StopReason.END_TURN));
            assertThat(response.content()).containsExactly(new ContentPart.Text("Hello!"));
            assertThat(response.usage()).isEqualTo(new TokenUsage(9, 3));
        }

        @Test
        void requestHasSystemMessageStreamingUsageAndBearerKey() {
            stub.enqueue(Reply.sse(textAnswer("ok")));

            client.stream(ask("How many deals?").toBuilder().temperature(0.5).maxTokens(300).build(),
                    ModelStreamListener.IGNORE, CancellationToken.none());

            StubHttpServer.Received sent = stub.received().getFirst();
            assertThat(sent.path()).isEqualTo("/v1/chat/completions");
            assertThat(sent.headers()).containsEntry("authorization", "Bearer sk-openai-test");
            JsonNode body = sent.json();
            assertThat(body.path("model").asString()).isEqualTo("gpt-stub");
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
            assertThat(body.path("max_tokens").asInt()).as("compatible servers get max_tokens").isEqualTo(300);
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
            assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
            assertThat(body.path("messages").get(0).path("content").asString()).isEqualTo("You are Penny.");
            assertThat(body.path("messages").get(1).path("role").asString()).isEqualTo("user");
            assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo("How many deals?");
        }

        @Test
        void reasoningContentIsReportedAsThinking() {
            stub.enqueue(Reply.sse(List.of(role(), reasoning("Count "), reasoning("them."), content("42"),
                    finish("stop"), done())));
            RecordingListener listener = new RecordingListener();

            ModelResponse response = client.stream(ask("q"), listener, CancellationToken.none());

            assertThat(listener.events()).startsWith(new ModelEvent.ThinkingDelta("Count "),
                    new ModelEvent.ThinkingDelta("them."), new ModelEvent.TextDelta("42"));
            assertThat(response.content()).containsExactly(new ContentPart.Thinking("Count them.", ""),
                    new ContentPart.Text("42"));
        }
    }

    @Nested
    class ToolCalls {

        @Test
        void toolCallsStreamedInPiecesAreReassembledPerIndex() {
            stub.enqueue(Reply.sse(List.of(role(),
                    toolCallStart(0, "call_A", "get_weather"),
                    toolCallArguments(0, "{\"ci"), toolCallArguments(0, "ty\": \"Par"),
                    toolCallStart(1, "call_B", "get_weather"),
                    toolCallArguments(1, "{\"city\":"), toolCallArguments(0, "is\"}"), toolCallArguments(1, " \"Oslo\"}"),
                    finish("tool_calls"), usage(30, 20), done())));
            RecordingListener listener = new RecordingListener();

            ModelResponse response = client.stream(ask("weather?").toBuilder().addTool(WEATHER).build(), listener,
                    CancellationToken.none());

            assertThat(listener.events(ModelEvent.ToolCallStart.class)).containsExactly(
                    new ModelEvent.ToolCallStart("call_A", "get_weather"), new ModelEvent.ToolCallStart("call_B", "get_weather"));
            assertThat(listener.events(ModelEvent.ToolCallInputDelta.class)).extracting(ModelEvent.ToolCallInputDelta::id)
                    .containsExactly("call_A", "call_A", "call_B", "call_A", "call_B");
            assertThat(listener.events(ModelEvent.ToolCall.class)).containsExactly(
                    new ModelEvent.ToolCall("call_A", "get_weather", "{\"city\":\"Paris\"}", true),
                    new ModelEvent.ToolCall("call_B", "get_weather", "{\"city\":\"Oslo\"}", true));
            assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
            assertThat(response.toolUses()).extracting(ContentPart.ToolUse::id).containsExactly("call_A", "call_B");
            assertThat(listener.events().getLast()).isEqualTo(new ModelEvent.Done(StopReason.TOOL_USE));
        }

        @Test
        void roundTripSendsFunctionToolsAssistantToolCallsAndToolMessages() {
            stub.enqueue(Reply.sse(List.of(role(), toolCallStart(0, "call_A", "get_weather"),
                    toolCallArguments(0, "{\"city\":\"Paris\"}"), finish("tool_calls"), done())));
            stub.enqueue(Reply.sse(textAnswer("Sunny.")));
            ModelRequest first = ask("weather in Paris?").toBuilder().addTool(WEATHER).build();

            ModelResponse call = client.stream(first, ModelStreamListener.IGNORE, CancellationToken.none());
            ModelResponse answer = client.stream(first.toBuilder()
                            .addMessage(call.toMessage())
                            .addMessage(ModelMessage.toolResults(List.of(
                                    new ContentPart.ToolResult("call_A", "{\"sky\":\"clear\"}", false))))
                            .build(),
                    ModelStreamListener.IGNORE, CancellationToken.none());

            assertThat(answer.text()).isEqualTo("Sunny.");
            JsonNode tool = stub.received().get(0).json().path("tools").get(0);
            assertThat(tool.path("type").asString()).isEqualTo("function");
            assertThat(tool.path("function").path("name").asString()).isEqualTo("get_weather");
            assertThat(tool.path("function").path("description").asString()).isEqualTo("Weather for a city");
            assertThat(tool.path("function").path("parameters").path("properties").path("city").path("type").asString())
                    .isEqualTo("string");
            JsonNode messages = stub.received().get(1).json().path("messages");
            assertThat(messages.size()).isEqualTo(4);
            JsonNode assistant = messages.get(2);
            assertThat(assistant.path("role").asString()).isEqualTo("assistant");
            JsonNode toolCall = assistant.path("tool_calls").get(0);
            assertThat(toolCall.path("id").asString()).isEqualTo("call_A");
            assertThat(toolCall.path("type").asString()).isEqualTo("function");
            assertThat(toolCall.path("function").path("name").asString()).isEqualTo("get_weather");
            assertThat(toolCall.path("function").path("arguments").asString()).isEqualTo("{\"city\":\"Paris\"}");
            JsonNode toolMessage = messages.get(3);
            assertThat(toolMessage.path("role").asString()).isEqualTo("tool");
            assertThat(toolMessage.path("tool_call_id").asString()).isEqualTo("call_A");
            assertThat(toolMessage.path("content").asString()).isEqualTo("{\"sky\":\"clear\"}");
        }

        @Test
        void invalidArgumentsAreReportedAsInvalid() {
            stub.enqueue(Reply.sse(List.of(role(), toolCallStart(0, "call_A", "get_weather"),
                    toolCallArguments(0, "{\"city\": Paris}"), finish("tool_calls"), done())));
            RecordingListener listener = new RecordingListener();

            ModelResponse response = client.stream(ask("q").toBuilder().addTool(WEATHER).build(), listener,
                    CancellationToken.none());

            assertThat(listener.events(ModelEvent.ToolCall.class)).containsExactly(
                    new ModelEvent.ToolCall("call_A", "get_weather", "{\"city\": Paris}", false));
            assertThat(response.toolUses().getFirst().inputValid()).isFalse();
        }

        @Test
        void toolCallsWithStopFinishReasonStillMeanToolUse() {
            stub.enqueue(Reply.sse(List.of(role(), toolCallStart(0, "call_A", "get_weather"),
                    toolCallArguments(0, "{}"), finish("stop"), done())));

            ModelResponse response = client.stream(ask("q"), ModelStreamListener.IGNORE, CancellationToken.none());

            assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        }

        @Test
        void lengthFinishReasonIsMaxTokens() {
            stub.enqueue(Reply.sse(List.of(role(), content("cut"), finish("length"), done())));

            ModelResponse response = client.stream(ask("q"), ModelStreamListener.IGNORE, CancellationToken.none());

            assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
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
        void contextLengthExceededIsContextOverflow() {
            ModelFailure failure = failureOf(Reply.json(400, errorBody("invalid_request_error", "context_length_exceeded",
                    "This model's maximum context length is 128000 tokens.")));

            assertThat(failure).isInstanceOf(ModelFailure.ContextOverflow.class);
            assertThat(failure.retryable()).isFalse();
        }

        @Test
        void wrongKeyIsAuthFailed() {
            ModelFailure failure = failureOf(Reply.json(401, errorBody("invalid_request_error", "invalid_api_key",
                    "Incorrect API key provided")));

            assertThat(failure).isEqualTo(new ModelFailure.AuthFailed(401, "Incorrect API key provided"));
        }

        @Test
        void rateLimitIsRetryableWithRetryAfterMs() {
            ModelFailure failure = failureOf(Reply.json(429, errorBody("requests", "rate_limit_exceeded", "Rate limit"))
                    .withHeader("retry-after-ms", "1500"));

            assertThat(failure).isEqualTo(new ModelFailure.RateLimited("Rate limit", Optional.of(Duration.ofMillis(1500))));
            assertThat(stub.received()).as("the SDK must not retry by itself").hasSize(1);
        }

        @Test
        void serviceUnavailableIsServerError() {
            ModelFailure failure = failureOf(Reply.json(503, errorBody("server_error", null, "busy")));

            assertThat(failure).isEqualTo(new ModelFailure.ServerError(503, "busy"));
            assertThat(failure.retryable()).isTrue();
        }

        @Test
        void chunkMissingARequiredFieldIsStreamErrorNotACrash() {
            stub.enqueue(Reply.sse(List.of(role(), "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\"}\n\n",
                    done())));

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ask("q"), ModelStreamListener.IGNORE, CancellationToken.none()));

            assertThat(e.failure()).isInstanceOfSatisfying(ModelFailure.StreamError.class,
                    f -> assertThat(f.errorType()).isEqualTo("invalid_response"));
        }

        @Test
        void errorChunkMidStreamIsStreamError() {
            stub.enqueue(Reply.sse(List.of(role(), content("Hel"), errorChunk("server_error", "The server had an error"))));
            RecordingListener listener = new RecordingListener();

            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> client.stream(ask("q"), listener, CancellationToken.none()));

            assertThat(e.failure()).isEqualTo(new ModelFailure.StreamError("server_error", "The server had an error"));
            assertThat(e.retryable()).isTrue();
            assertThat(listener.events()).containsExactly(new ModelEvent.TextDelta("Hel"));
        }
    }

    @Nested
    class Cancellation {

        @Test
        void cancelDuringASilentStreamClosesTheSocketAtOnce() throws Exception {
            try (SilentStreamServer silent = new SilentStreamServer(role() + content("Hel"))) {
                OpenAiCompatibleModelClient silentClient = OpenAiCompatibleModelClient.builder()
                        .baseUrl(silent.baseUrl() + "/v1").build();
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
        void cancelDuringSlowStreamReturnsPromptly() throws Exception {
            List<String> slow = textAnswer(Collections.nCopies(100, "tok ").toArray(String[]::new));
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

            ModelException e = catchThrowableOfType(ModelException.class, () -> client.stream(ask("q"), listener, cancel));
            long returnedAt = System.nanoTime();

            assertThat(e.isCancelled()).isTrue();
            assertThat(cancelledAt.get()).isPositive();
            assertThat(Duration.ofNanos(returnedAt - cancelledAt.get())).isLessThan(Duration.ofSeconds(5));
            assertThat(stub.awaitClientGone(Duration.ofSeconds(5))).as("the HTTP stream was closed").isTrue();
        }
    }
}
