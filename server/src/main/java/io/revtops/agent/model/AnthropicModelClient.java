package io.revtops.agent.model;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.RawContentBlockDelta;
import com.anthropic.models.messages.RawContentBlockStartEvent;
import com.anthropic.models.messages.RawMessageDeltaEvent;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ThinkingBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link ModelClient} for the Anthropic Messages API (streaming, tool use, extended thinking) through the
 * official {@code anthropic-java} SDK. The SDK's own retries are off: failures are classified and
 * thrown once (see {@link ModelRetry}).
 */
public final class AnthropicModelClient implements ModelClient {

    /** Anthropic's public endpoint, used when no base URL is configured. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    /** Model used when neither the request nor the configuration names one. */
    public static final String DEFAULT_MODEL = "claude-sonnet-4-5";

    private final AnthropicClient client;
    private final String defaultModel;

    private AnthropicModelClient(Builder b) {
        this.defaultModel = b.defaultModel;
        this.client = AnthropicOkHttpClient.builder()
                .apiKey(b.apiKey)
                .baseUrl(b.baseUrl)
                .maxRetries(0)
                .timeout(com.anthropic.core.Timeout.builder()
                        .connect(b.connectTimeout)
                        .read(b.readTimeout)
                        .write(b.readTimeout)
                        .request(b.requestTimeout)
                        .build())
                .build();
    }

    /** Starts a builder; {@link Builder#apiKey} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String provider() {
        return "anthropic";
    }

    @Override
    public ModelResponse stream(ModelRequest request, ModelStreamListener listener, CancellationToken cancel) {
        MessageCreateParams params = toParams(request);
        TurnAssembler turn = new TurnAssembler(listener);
        StreamPump.<RawMessageStreamEvent>run("anthropic", () -> {
            StreamResponse<RawMessageStreamEvent> response = client.messages().createStreaming(params);
            return new StreamPump.Source<>() {
                @Override
                public Iterator<RawMessageStreamEvent> iterator() {
                    return response.stream().iterator();
                }

                @Override
                public void close() {
                    response.close();
                }
            };
        }, event -> {
            try {
                turn.accept(event);
            } catch (AnthropicInvalidDataException e) { // an event without a field the API promises
                throw new ModelException(new ModelFailure.StreamError("invalid_response", String.valueOf(e.getMessage())), e);
            }
        }, cancel, AnthropicModelClient::classify);
        return turn.finish();
    }

    // ---- request mapping ----------------------------------------------------------------------------

    MessageCreateParams toParams(ModelRequest request) {
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(request.model().orElse(defaultModel))
                .maxTokens(request.maxTokens());
        if (!request.system().isBlank()) {
            params.system(request.system());
        }
        for (ModelMessage message : request.messages()) {
            List<ContentBlockParam> blocks = new ArrayList<>();
            for (ContentPart part : message.content()) {
                toBlock(part).ifPresent(blocks::add);
            }
            if (blocks.isEmpty()) {
                continue; // the API rejects empty messages
            }
            params.addMessage(message.role() == ModelMessage.Role.USER
                    ? MessageParam.ofUserOfContentBlockParams(blocks)
                    : MessageParam.ofAssistantOfContentBlockParams(blocks));
        }
        for (ToolSpec tool : request.tools()) {
            params.addTool(toTool(tool));
        }
        request.thinkingBudget().ifPresent(budget -> params.enabledThinking(budget));
        if (request.thinkingBudget().isEmpty()) {
            // the API accepts no temperature other than the default together with thinking; this SDK
            // version has no typed setter for it, so it goes in as a plain body property
            request.temperature().ifPresent(t -> params.putAdditionalBodyProperty("temperature", JsonValue.from(t)));
        }
        return params.build();
    }

    private static Optional<ContentBlockParam> toBlock(ContentPart part) {
        return switch (part) {
            case ContentPart.Text text -> text.text().isEmpty()
                    ? Optional.empty() // "text content blocks must be non-empty"
                    : Optional.of(ContentBlockParam.ofText(TextBlockParam.builder().text(text.text()).build()));
            case ContentPart.Thinking thinking -> Optional.of(ContentBlockParam.ofThinking(
                    ThinkingBlockParam.builder().thinking(thinking.text()).signature(thinking.signature()).build()));
            case ContentPart.RedactedThinking redacted ->
                    Optional.of(ContentBlockParam.ofRedactedThinking(redacted.data()));
            case ContentPart.ToolUse use -> {
                ToolUseBlockParam.Input.Builder input = ToolUseBlockParam.Input.builder();
                Json.objectOrEmpty(use.inputJson()).forEach((k, v) -> input.putAdditionalProperty(k, JsonValue.from(v)));
                yield Optional.of(ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                        .id(use.id()).name(use.name()).input(input.build()).build()));
            }
            case ContentPart.ToolResult result -> Optional.of(ContentBlockParam.ofToolResult(
                    ToolResultBlockParam.builder()
                            .toolUseId(result.toolUseId())
                            .content(result.contentText())
                            .isError(result.isError())
                            .build()));
        };
    }

    private static Tool toTool(ToolSpec spec) {
        Map<String, Object> schema = spec.inputSchema();
        Tool.InputSchema.Builder input = Tool.InputSchema.builder();
        schema.forEach((key, value) -> {
            switch (key) {
                case "type" -> { } // always "object"; the SDK writes it
                case "properties" -> {
                    Tool.InputSchema.Properties.Builder properties = Tool.InputSchema.Properties.builder();
                    if (value instanceof Map<?, ?> map) {
                        map.forEach((name, prop) -> properties.putAdditionalProperty(String.valueOf(name), JsonValue.from(prop)));
                    }
                    input.properties(properties.build());
                }
                case "required" -> {
                    if (value instanceof List<?> names) {
                        input.required(names.stream().map(String::valueOf).toList());
                    }
                }
                default -> input.putAdditionalProperty(key, JsonValue.from(value));
            }
        });
        return Tool.builder()
                .name(spec.name())
                .description(spec.description())
                .inputSchema(input.build())
                .build();
    }

    // ---- failures -----------------------------------------------------------------------------------

    static ModelFailure classify(Throwable t) {
        if (t instanceof SseException sse) {
            return FailureClassifier.fromStreamError(FailureClassifier.ErrorBody.of(toJava(sse.body())));
        }
        if (t instanceof AnthropicServiceException service) {
            return FailureClassifier.fromHttp(service.statusCode(),
                    FailureClassifier.ErrorBody.of(toJava(service.body())),
                    FailureClassifier.retryAfter(name -> service.headers().values(name)));
        }
        return FailureClassifier.fromThrowable(t);
    }

    private static Object toJava(JsonValue value) {
        try {
            return value == null ? null : value.convert(Object.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---- response assembly --------------------------------------------------------------------------

    /** Turns Anthropic stream events into {@link ModelEvent}s and the final {@link ModelResponse}. */
    private static final class TurnAssembler {
        private final ModelStreamListener listener;
        private final Map<Long, Block> open = new HashMap<>();
        private final TreeMap<Long, ContentPart> done = new TreeMap<>();
        private long inputTokens;
        private long outputTokens;
        private Optional<String> stopReason = Optional.empty();
        private boolean stopped;

        TurnAssembler(ModelStreamListener listener) {
            this.listener = listener;
        }

        void accept(RawMessageStreamEvent event) {
            if (event.isMessageStart()) {
                var usage = event.asMessageStart().message().usage();
                inputTokens = usage.inputTokens()
                        + usage.cacheCreationInputTokens().orElse(0L)
                        + usage.cacheReadInputTokens().orElse(0L);
                outputTokens = usage.outputTokens();
            } else if (event.isContentBlockStart()) {
                var start = event.asContentBlockStart();
                startBlock(start.index(), start.contentBlock());
            } else if (event.isContentBlockDelta()) {
                var delta = event.asContentBlockDelta();
                Block block = open.get(delta.index());
                if (block != null) {
                    block.delta(delta.delta());
                }
            } else if (event.isContentBlockStop()) {
                long index = event.asContentBlockStop().index();
                Block block = open.remove(index);
                if (block != null) {
                    done.put(index, block.finish());
                }
            } else if (event.isMessageDelta()) {
                RawMessageDeltaEvent delta = event.asMessageDelta();
                delta.delta().stopReason().ifPresent(reason -> stopReason = Optional.of(reason.asString()));
                outputTokens = delta.usage().outputTokens();
                delta.usage().inputTokens().ifPresent(tokens -> inputTokens = Math.max(inputTokens, tokens));
            } else if (event.isMessageStop()) {
                stopped = true;
            }
        }

        private void startBlock(long index, RawContentBlockStartEvent.ContentBlock block) {
            if (block.isText()) {
                Block text = new TextBlock();
                open.put(index, text);
                String initial = block.asText().text();
                if (!initial.isEmpty()) {
                    ((TextBlock) text).append(initial);
                }
            } else if (block.isThinking()) {
                ThinkingBlock thinking = new ThinkingBlock();
                open.put(index, thinking);
                block.asThinking()._thinking().asString().filter(s -> !s.isEmpty()).ifPresent(thinking::append);
                block.asThinking()._signature().asString().ifPresent(s -> thinking.signature = s);
            } else if (block.isRedactedThinking()) {
                done.put(index, new ContentPart.RedactedThinking(block.asRedactedThinking().data()));
            } else if (block.isToolUse()) {
                var use = block.asToolUse();
                open.put(index, new ToolBlock(use.id(), use.name()));
                listener.onEvent(new ModelEvent.ToolCallStart(use.id(), use.name()));
            }
            // server tools (web search etc.) are not requested by this client; ignore their blocks
        }

        ModelResponse finish() {
            if (!stopped) {
                throw new ModelException(new ModelFailure.ConnectionFailed("stream ended before message_stop"));
            }
            List<ContentPart> content = new ArrayList<>(done.values());
            StopReason reason = stopReason.map(AnthropicModelClient::stopReason).orElse(StopReason.OTHER);
            listener.onEvent(new ModelEvent.Usage(inputTokens, outputTokens));
            listener.onEvent(new ModelEvent.Done(reason));
            return new ModelResponse(content, reason, new TokenUsage(inputTokens, outputTokens));
        }

        private interface Block {
            void delta(RawContentBlockDelta delta);

            ContentPart finish();
        }

        private final class TextBlock implements Block {
            private final StringBuilder text = new StringBuilder();

            void append(String piece) {
                text.append(piece);
                listener.onEvent(new ModelEvent.TextDelta(piece));
            }

            @Override
            public void delta(RawContentBlockDelta delta) {
                if (delta.isText()) {
                    append(delta.asText().text());
                }
            }

            @Override
            public ContentPart finish() {
                return new ContentPart.Text(text.toString());
            }
        }

        private final class ThinkingBlock implements Block {
            private final StringBuilder text = new StringBuilder();
            private String signature = "";

            void append(String piece) {
                text.append(piece);
                listener.onEvent(new ModelEvent.ThinkingDelta(piece));
            }

            @Override
            public void delta(RawContentBlockDelta delta) {
                if (delta.isThinking()) {
                    append(delta.asThinking().thinking());
                } else if (delta.isSignature()) {
                    signature = signature + delta.asSignature().signature();
                }
            }

            @Override
            public ContentPart finish() {
                return new ContentPart.Thinking(text.toString(), signature);
            }
        }

        private final class ToolBlock implements Block {
            private final String id;
            private final String name;
            private final StringBuilder json = new StringBuilder();

            ToolBlock(String id, String name) {
                this.id = id;
                this.name = name;
            }

            @Override
            public void delta(RawContentBlockDelta delta) {
                if (delta.isInputJson()) {
                    String piece = delta.asInputJson().partialJson();
                    json.append(piece);
                    listener.onEvent(new ModelEvent.ToolCallInputDelta(id, piece));
                }
            }

            @Override
            public ContentPart finish() {
                ModelEvent.ToolCall call = ToolCalls.complete(id, name, json.toString());
                listener.onEvent(call);
                return new ContentPart.ToolUse(id, name, call.inputJson());
            }
        }
    }

    static StopReason stopReason(String wire) {
        return switch (wire) {
            case "end_turn" -> StopReason.END_TURN;
            case "tool_use" -> StopReason.TOOL_USE;
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "refusal" -> StopReason.REFUSAL;
            default -> StopReason.OTHER;
        };
    }

    /** Configures an {@link AnthropicModelClient}. */
    public static final class Builder {
        private String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private String defaultModel = DEFAULT_MODEL;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(120);
        private Duration requestTimeout = Duration.ofMinutes(10);

        private Builder() { }

        /** The API key ({@code ANTHROPIC_API_KEY}). */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey);
            return this;
        }

        /** The API base URL ({@code ANTHROPIC_BASE_URL}); defaults to {@link #DEFAULT_BASE_URL}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl);
            return this;
        }

        /** Model used when a request names none. */
        public Builder defaultModel(String model) {
            this.defaultModel = Objects.requireNonNull(model);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Longest silence between two bytes of the stream (the API pings while the model works). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Longest a whole call, stream included, may take. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public AnthropicModelClient build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalStateException("AnthropicModelClient needs an API key (ANTHROPIC_API_KEY)");
            }
            return new AnthropicModelClient(this);
        }
    }
}
