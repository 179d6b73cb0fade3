package io.revtops.agent.model;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link ModelClient} for any OpenAI-compatible Chat Completions endpoint (OpenAI, Azure OpenAI, Ollama
 * {@code http://localhost:11434/v1}, vLLM, llama.cpp server) through the official {@code openai-java}
 * SDK, streaming with function tools. The SDK's own retries are off (see {@link ModelRetry}).
 *
 * <p>Mapping: the system prompt becomes a {@code system} message; tool results become {@code tool}
 * messages (placed before any text of the same user message); thinking parts are not sent back.
 * Streamed {@code tool_calls} deltas are accumulated per index (id and name arrive first, arguments in
 * pieces). A server's {@code reasoning_content}/{@code reasoning} deltas are reported as thinking.
 */
public final class OpenAiCompatibleModelClient implements ModelClient {

    /** OpenAI's public endpoint, used when no base URL is configured. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** Model used when neither the request nor the configuration names one. */
    public static final String DEFAULT_MODEL = "gpt-4.1-mini";

    private final OpenAIClient client;
    private final String defaultModel;
    private final boolean useMaxCompletionTokens;
    private final boolean requestUsage;

    private OpenAiCompatibleModelClient(Builder b) {
        this.defaultModel = b.defaultModel;
        this.useMaxCompletionTokens = b.useMaxCompletionTokens.orElseGet(() -> isOpenAi(b.baseUrl));
        this.requestUsage = b.requestUsage;
        this.client = OpenAIOkHttpClient.builder()
                // local servers (Ollama, vLLM) need no key, but the SDK wants one
                .apiKey(b.apiKey.filter(k -> !k.isBlank()).orElse("not-needed"))
                .baseUrl(b.baseUrl)
                .maxRetries(0)
                .timeout(com.openai.core.Timeout.builder()
                        .connect(b.connectTimeout)
                        .read(b.readTimeout)
                        .write(b.readTimeout)
                        .request(b.requestTimeout)
                        .build())
                .build();
    }

    /** Starts a builder; everything has a default (OpenAI's endpoint, no key). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String provider() {
        return "openai";
    }

    @Override
    public ModelResponse stream(ModelRequest request, ModelStreamListener listener, CancellationToken cancel) {
        ChatCompletionCreateParams params = toParams(request);
        TurnAssembler turn = new TurnAssembler(listener);
        StreamPump.<ChatCompletionChunk>run("openai", () -> {
            StreamResponse<ChatCompletionChunk> response = client.chat().completions().createStreaming(params);
            return new StreamPump.Source<>() {
                @Override
                public Iterator<ChatCompletionChunk> iterator() {
                    return response.stream().iterator();
                }

                @Override
                public void close() {
                    response.close();
                }
            };
        }, chunk -> {
            try {
                turn.accept(chunk);
            } catch (OpenAIInvalidDataException e) { // a chunk without a field the API promises
                throw new ModelException(new ModelFailure.StreamError("invalid_response", String.valueOf(e.getMessage())), e);
            }
        }, cancel, OpenAiCompatibleModelClient::classify);
        return turn.finish();
    }

    // ---- request mapping ----------------------------------------------------------------------------

    ChatCompletionCreateParams toParams(ModelRequest request) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(request.model().orElse(defaultModel));
        if (useMaxCompletionTokens) {
            params.maxCompletionTokens(request.maxTokens());
        } else {
            params.maxTokens(request.maxTokens());
        }
        if (requestUsage) {
            params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        request.temperature().ifPresent(params::temperature);
        if (!request.system().isBlank()) {
            params.addSystemMessage(request.system());
        }
        for (ModelMessage message : request.messages()) {
            if (message.role() == ModelMessage.Role.USER) {
                addUser(params, message);
            } else {
                addAssistant(params, message);
            }
        }
        for (ToolSpec tool : request.tools()) {
            params.addTool(toTool(tool));
        }
        return params.build();
    }

    private static void addUser(ChatCompletionCreateParams.Builder params, ModelMessage message) {
        StringBuilder text = new StringBuilder();
        for (ContentPart part : message.content()) {
            switch (part) {
                case ContentPart.ToolResult result -> params.addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(result.toolUseId())
                        .content(result.isError() ? "Error: " + result.contentText() : result.contentText())
                        .build());
                case ContentPart.Text t -> text.append(t.text());
                case ContentPart.Thinking ignored -> { }
                case ContentPart.RedactedThinking ignored -> { }
                case ContentPart.ToolUse ignored -> { }
            }
        }
        if (!text.isEmpty()) {
            params.addUserMessage(text.toString());
        }
    }

    private static void addAssistant(ChatCompletionCreateParams.Builder params, ModelMessage message) {
        ChatCompletionAssistantMessageParam.Builder assistant = ChatCompletionAssistantMessageParam.builder();
        StringBuilder text = new StringBuilder();
        boolean hasToolCalls = false;
        for (ContentPart part : message.content()) {
            switch (part) {
                case ContentPart.Text t -> text.append(t.text());
                case ContentPart.ToolUse use -> {
                    hasToolCalls = true;
                    assistant.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                            .id(use.id())
                            .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                    .name(use.name())
                                    .arguments(use.inputValid() ? use.inputJson() : "{}")
                                    .build())
                            .build());
                }
                case ContentPart.Thinking ignored -> { }
                case ContentPart.RedactedThinking ignored -> { }
                case ContentPart.ToolResult ignored -> { }
            }
        }
        if (!text.isEmpty()) {
            assistant.content(text.toString());
        } else if (!hasToolCalls) {
            return; // nothing to send
        }
        params.addMessage(assistant.build());
    }

    private static ChatCompletionFunctionTool toTool(ToolSpec spec) {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        spec.inputSchema().forEach((key, value) -> parameters.putAdditionalProperty(key, JsonValue.from(value)));
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name(spec.name())
                        .description(spec.description())
                        .parameters(parameters.build())
                        .build())
                .build();
    }

    private static boolean isOpenAi(String baseUrl) {
        try {
            String host = URI.create(baseUrl).getHost();
            return host != null && host.endsWith("openai.com");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- failures -----------------------------------------------------------------------------------

    static ModelFailure classify(Throwable t) {
        if (t instanceof SseException sse) {
            return FailureClassifier.fromStreamError(errorBody(sse));
        }
        if (t instanceof OpenAIServiceException service) {
            return FailureClassifier.fromHttp(service.statusCode(), errorBody(service),
                    FailureClassifier.retryAfter(name -> service.headers().values(name)));
        }
        return FailureClassifier.fromThrowable(t);
    }

    /** The error fields from the body, completed by what the SDK already parsed (type, code). */
    private static FailureClassifier.ErrorBody errorBody(OpenAIServiceException e) {
        FailureClassifier.ErrorBody parsed = FailureClassifier.ErrorBody.of(toJava(e.body()));
        return new FailureClassifier.ErrorBody(parsed.type().or(e::type), parsed.code().or(e::code),
                parsed.message());
    }

    private static Object toJava(JsonValue value) {
        try {
            return value == null ? null : value.convert(Object.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---- response assembly --------------------------------------------------------------------------

    /** Accumulates chunks into {@link ModelEvent}s and the final {@link ModelResponse}. */
    private static final class TurnAssembler {
        private final ModelStreamListener listener;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder thinking = new StringBuilder();
        private final TreeMap<Long, PendingCall> calls = new TreeMap<>();
        private Optional<String> finishReason = Optional.empty();
        private long inputTokens;
        private long outputTokens;

        TurnAssembler(ModelStreamListener listener) {
            this.listener = listener;
        }

        void accept(ChatCompletionChunk chunk) {
            chunk.usage().ifPresent(usage -> {
                inputTokens = usage.promptTokens();
                outputTokens = usage.completionTokens();
            });
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                if (choice.index() != 0) {
                    continue; // we never ask for n > 1
                }
                ChatCompletionChunk.Choice.Delta delta = choice.delta();
                reasoning(delta._additionalProperties()).ifPresent(piece -> {
                    thinking.append(piece);
                    listener.onEvent(new ModelEvent.ThinkingDelta(piece));
                });
                delta.content().filter(s -> !s.isEmpty()).ifPresent(piece -> {
                    text.append(piece);
                    listener.onEvent(new ModelEvent.TextDelta(piece));
                });
                delta.refusal().filter(s -> !s.isEmpty()).ifPresent(piece -> {
                    text.append(piece);
                    listener.onEvent(new ModelEvent.TextDelta(piece));
                });
                delta.toolCalls().ifPresent(pieces -> pieces.forEach(this::toolCallDelta));
                choice.finishReason().ifPresent(reason -> finishReason = Optional.of(reason.asString()));
            }
        }

        private static Optional<String> reasoning(Map<String, JsonValue> extra) {
            for (String key : List.of("reasoning_content", "reasoning")) {
                JsonValue value = extra.get(key);
                // JsonValue extends the raw JsonField type, so asString() comes back as a raw Optional
                Object piece = value == null ? null : value.asString().orElse(null);
                if (piece instanceof String s && !s.isEmpty()) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        private void toolCallDelta(ChatCompletionChunk.Choice.Delta.ToolCall piece) {
            PendingCall call = calls.computeIfAbsent(piece.index(), PendingCall::new);
            piece.id().filter(s -> !s.isEmpty()).ifPresent(id -> {
                if (call.id.isEmpty()) {
                    call.id = id;
                }
            });
            piece.function().ifPresent(function -> {
                function.name().filter(s -> !s.isEmpty()).ifPresent(name -> call.name += name);
                function.arguments().filter(s -> !s.isEmpty()).ifPresent(args -> {
                    call.arguments.append(args);
                    call.startIfNamed();
                    listener.onEvent(new ModelEvent.ToolCallInputDelta(call.id(), args));
                });
            });
            call.startIfNamed();
        }

        ModelResponse finish() {
            List<ContentPart> content = new ArrayList<>();
            if (!thinking.isEmpty()) {
                content.add(new ContentPart.Thinking(thinking.toString(), ""));
            }
            if (!text.isEmpty()) {
                content.add(new ContentPart.Text(text.toString()));
            }
            for (PendingCall call : calls.values()) {
                call.startIfNamed();
                ModelEvent.ToolCall complete = ToolCalls.complete(call.id(), call.name, call.arguments.toString());
                listener.onEvent(complete);
                content.add(new ContentPart.ToolUse(complete.id(), complete.name(), complete.inputJson()));
            }
            StopReason reason = finishReason.map(OpenAiCompatibleModelClient::stopReason)
                    .orElse(calls.isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE);
            if (reason == StopReason.END_TURN && !calls.isEmpty()) {
                reason = StopReason.TOOL_USE; // some servers (older Ollama) say "stop" after tool calls
            }
            listener.onEvent(new ModelEvent.Usage(inputTokens, outputTokens));
            listener.onEvent(new ModelEvent.Done(reason));
            return new ModelResponse(content, reason, new TokenUsage(inputTokens, outputTokens));
        }

        private final class PendingCall {
            private final long index;
            private String id = "";
            private String name = "";
            private final StringBuilder arguments = new StringBuilder();
            private boolean started;

            PendingCall(long index) {
                this.index = index;
            }

            String id() {
                return id.isEmpty() ? "call_" + index : id; // some local servers send no ids
            }

            void startIfNamed() {
                if (!started && !name.isEmpty()) {
                    started = true;
                    listener.onEvent(new ModelEvent.ToolCallStart(id(), name));
                }
            }
        }
    }

    static StopReason stopReason(String finishReason) {
        return switch (finishReason) {
            case "stop" -> StopReason.END_TURN;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "length" -> StopReason.MAX_TOKENS;
            case "content_filter" -> StopReason.REFUSAL;
            default -> StopReason.OTHER;
        };
    }

    /** Configures an {@link OpenAiCompatibleModelClient}. */
    public static final class Builder {
        private Optional<String> apiKey = Optional.empty();
        private String baseUrl = DEFAULT_BASE_URL;
        private String defaultModel = DEFAULT_MODEL;
        private Optional<Boolean> useMaxCompletionTokens = Optional.empty();
        private boolean requestUsage = true;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);
        private Duration requestTimeout = Duration.ofMinutes(10);

        private Builder() { }

        /** The API key ({@code OPENAI_API_KEY}); local servers need none. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Optional.of(apiKey);
            return this;
        }

        /** The base URL including {@code /v1} ({@code OPENAI_BASE_URL}), e.g. {@code http://localhost:11434/v1}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl);
            return this;
        }

        /** Model used when a request names none. */
        public Builder defaultModel(String model) {
            this.defaultModel = Objects.requireNonNull(model);
            return this;
        }

        /**
         * Send the limit as {@code max_completion_tokens} (newer OpenAI models require it) instead of
         * {@code max_tokens} (what most compatible servers understand). Default: only for openai.com.
         */
        public Builder useMaxCompletionTokens(boolean use) {
            this.useMaxCompletionTokens = Optional.of(use);
            return this;
        }

        /** Ask for a final usage chunk ({@code stream_options.include_usage}); default true. */
        public Builder requestUsage(boolean request) {
            this.requestUsage = request;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Longest silence between two bytes of the stream. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Longest a whole call, stream included, may take. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public OpenAiCompatibleModelClient build() {
            return new OpenAiCompatibleModelClient(this);
        }
    }
}
