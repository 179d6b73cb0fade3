package io.revtops.agent;

import io.revtops.agent.history.ConversationHistory;
import io.revtops.agent.model.CancellationToken;
import io.revtops.agent.model.ContentPart;
import io.revtops.agent.model.ModelClient;
import io.revtops.agent.model.ModelEvent;
import io.revtops.agent.model.ModelException;
import io.revtops.agent.model.ModelFailure;
import io.revtops.agent.model.ModelMessage;
import io.revtops.agent.model.ModelRequest;
import io.revtops.agent.model.ModelResponse;
import io.revtops.agent.model.ModelRetry;
import io.revtops.agent.model.ToolSpec;
import io.revtops.agent.prompt.SystemPrompt;
import io.revtops.agent.tools.Tool;
import io.revtops.agent.tools.ToolContext;
import io.revtops.agent.tools.ToolOutcome;
import io.revtops.agent.tools.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One turn of Penny (SPEC §4): the last messages of the conversation, the system prompt, the model with the tools
 * the context allows; while the model asks for tools, that round's calls run concurrently (each with a timeout)
 * and their results go back in call order. Transient model failures retry with backoff; a context overflow first
 * strips old tool payloads, then drops the oldest half of history, never the current message. The assistant
 * message is saved when tools start and updated in place. Rounds are capped; cancel stops at once.
 */
@Component
public class TurnLoop {
    private static final Logger log = LoggerFactory.getLogger(TurnLoop.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TRIMMED = "[tool output removed to fit the context window]";

    private final ModelClient model;
    private final ToolRegistry tools;
    private final ConversationHistory history;
    private final SystemPrompt prompt;
    private final AgentProperties props;
    private final ModelRetry retry;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public TurnLoop(ModelClient model, ToolRegistry tools, ConversationHistory history, SystemPrompt prompt, AgentProperties props) {
        this(model, tools, history, prompt, props, ModelRetry.withDefaults(), Clock.systemUTC());
    }

    TurnLoop(ModelClient model, ToolRegistry tools, ConversationHistory history, SystemPrompt prompt, AgentProperties props,
             ModelRetry retry, Clock clock) {
        this.model = model;
        this.tools = tools;
        this.history = history;
        this.prompt = prompt;
        this.props = props;
        this.retry = retry;
        this.clock = clock;
    }

    public TurnOutcome run(TurnRequest req, TurnSink sink, CancellationToken cancel) {
        return run(req, sink, cancel, model);
    }

    /** Runs a turn with a specific model client (a workflow's override, a test's script). */
    public TurnOutcome run(TurnRequest req, TurnSink sink, CancellationToken cancel, ModelClient client) {
        TurnSink serialized = serialized(sink); // tools of a round emit from their own threads
        ToolContext toolCtx = new ToolContext(req.tenant(), req.conversationId(), req.taskId(), req.source(), req.workflowRunId(),
                cancel, req.workflowGrants(), serialized::emit);
        Turn turn = new Turn(req, serialized, cancel, client, toolCtx);
        try {
            return turn.run();
        } catch (ModelException e) {
            if (e.isCancelled() || cancel.isCancelled()) return finish(turn, TurnOutcome.cancelled());
            String message = userMessageFor(e.failure());
            log.warn("event=turn_failed task_id={} failure={}", req.taskId(), e.failure().getClass().getSimpleName());
            turn.addText(turn.blocks.isEmpty() ? message : "\n\n" + message, true);
            return finish(turn, TurnOutcome.failed(message));
        } catch (RuntimeException e) {
            if (cancel.isCancelled()) return finish(turn, TurnOutcome.cancelled());
            log.error("event=turn_crashed task_id={}", req.taskId(), e);
            String message = "Something went wrong on our side while answering; it has been logged. Please try again.";
            turn.addText("\n\n" + message, true);
            return finish(turn, TurnOutcome.failed(message));
        }
    }

    /** A sink that hands it one call at a time, whichever thread emits. */
    static TurnSink serialized(TurnSink sink) {
        return new TurnSink() {
            @Override
            public synchronized void emit(String type, Map<String, Object> data) {
                sink.emit(type, data);
            }

            @Override
            public synchronized void saveAssistantMessage(List<Map<String, Object>> contentBlocks) {
                sink.saveAssistantMessage(contentBlocks);
            }
        };
    }

    private static TurnOutcome finish(Turn turn, TurnOutcome outcome) {
        turn.markUnfinishedTools(outcome.status() == TurnOutcome.Status.CANCELLED ? "cancelled" : "error");
        turn.save();
        return outcome;
    }

    static String userMessageFor(ModelFailure f) {
        return switch (f) {
            case ModelFailure.NotConfigured n -> n.message();
            case ModelFailure.AuthFailed a -> "The AI model refused our credentials. An admin should check ANTHROPIC_API_KEY / OPENAI_API_KEY.";
            case ModelFailure.ContextOverflow c -> "This conversation is too long for the model even after trimming; start a new conversation.";
            case ModelFailure.RateLimited r -> "The AI model is rate-limiting us right now; please try again in a minute.";
            case ModelFailure.Overloaded o -> "The AI model is overloaded right now; please try again in a minute.";
            default -> "The AI model failed to answer (" + f.message() + "); please try again.";
        };
    }

    /** The state of one turn across its rounds. */
    private final class Turn {
        final TurnRequest req;
        final TurnSink sink;
        final CancellationToken cancel;
        final ModelClient client;
        final ToolContext toolCtx;
        final List<Map<String, Object>> blocks = new ArrayList<>();
        boolean saved;
        int round;

        Turn(TurnRequest req, TurnSink sink, CancellationToken cancel, ModelClient client, ToolContext toolCtx) {
            this.req = req;
            this.sink = sink;
            this.cancel = cancel;
            this.client = client;
            this.toolCtx = toolCtx;
        }

        TurnOutcome run() {
            List<ModelMessage> messages = new ArrayList<>(history.load(req.tenant(), req.conversationId(), props.historyMessages()));
            if (messages.isEmpty() || messages.getLast().role() != ModelMessage.Role.USER) {
                messages.add(ModelMessage.user(req.userMessage())); // the current message is always last
            }
            int current = messages.size() - 1; // index of the current user message: never trimmed away
            String system = prompt.build(req, clock.instant());
            List<ToolSpec> specs = tools.specs(toolCtx);
            for (round = 1; round <= props.maxRounds(); round++) {
                cancel.throwIfCancelled();
                RoundCall call = callModel(system, messages, specs, current);
                messages = call.messages();
                current = call.current();
                ModelResponse response = call.response();
                List<ContentPart.ToolUse> uses = response.toolUses();
                if (uses.isEmpty()) {
                    save();
                    return TurnOutcome.completed();
                }
                List<ContentPart.ToolResult> results = runTools(uses);
                messages.add(response.toMessage());
                messages.add(ModelMessage.toolResults(results));
            }
            String capped = "I stopped after " + props.maxRounds() + " rounds of tool calls without reaching an answer. "
                    + "Ask me to continue, or narrow the question.";
            addText("\n\n" + capped, true);
            save();
            return TurnOutcome.completed();
        }

        /** The model's answer for this round, plus the history it was given (trimmed if it had to be). */
        record RoundCall(ModelResponse response, List<ModelMessage> messages, int current) {}

        RoundCall callModel(String system, List<ModelMessage> messages, List<ToolSpec> specs, int current) {
            List<ModelMessage> attempt = messages;
            int currentIndex = current;
            for (int trim = 0; ; trim++) {
                ModelRequest request = ModelRequest.builder().system(system).messages(attempt).tools(specs)
                        .maxTokens(props.maxTokens()).conversationKey(req.conversationId().toString()).build();
                if (req.model().isPresent()) request = request.toBuilder().model(req.model().get()).build();
                int textStart = blocks.size();
                try {
                    ModelResponse response = retry.stream(client, request, this::onEvent, cancel, (n, failure, wait) -> {
                        // the failed attempt's streamed text is discarded; tell clients to drop it
                        while (blocks.size() > textStart) blocks.removeLast();
                        sink.emit("text_delta", Map.of("text", "", "reset_round", round, "retry", n));
                    });
                    return new RoundCall(response, attempt, currentIndex);
                } catch (ModelException e) {
                    if (!(e.failure() instanceof ModelFailure.ContextOverflow) || trim >= 2) throw e;
                    while (blocks.size() > textStart) blocks.removeLast();
                    if (trim == 0) {
                        attempt = stripToolPayloads(attempt, currentIndex);
                    } else {
                        List<ModelMessage> dropped = dropOldestHalf(attempt, currentIndex);
                        currentIndex -= attempt.size() - dropped.size();
                        attempt = dropped;
                    }
                    log.info("event=context_trimmed task_id={} stage={} messages={}", req.taskId(), trim + 1, attempt.size());
                }
            }
        }

        void onEvent(ModelEvent event) {
            switch (event) {
                case ModelEvent.TextDelta t -> {
                    addText(t.text(), false);
                    sink.emit("text_delta", Map.of("text", t.text()));
                }
                case ModelEvent.ThinkingDelta t -> sink.emit("thinking_delta", Map.of("text", t.text()));
                case ModelEvent.ToolCallStart s -> sink.emit("tool_call_start", Map.of("id", s.id(), "name", s.name()));
                case ModelEvent.Usage u -> sink.emit("context_usage", Map.of("input_tokens", u.inputTokens(),
                        "output_tokens", u.outputTokens()));
                case ModelEvent.ToolCallInputDelta d -> { }
                case ModelEvent.ToolCall c -> { }
                case ModelEvent.Done d -> { }
            }
        }

        void addText(String text, boolean emit) {
            if (!blocks.isEmpty() && "text".equals(blocks.getLast().get("type")) && Integer.valueOf(round).equals(blocks.getLast().get("round"))) {
                blocks.getLast().put("text", blocks.getLast().get("text") + text);
            } else {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("type", "text");
                b.put("text", text);
                b.put("round", round);
                blocks.add(b);
            }
            if (emit) sink.emit("text_delta", Map.of("text", text));
        }

        List<ContentPart.ToolResult> runTools(List<ContentPart.ToolUse> uses) {
            List<ToolRegistry.Prepared> prepared = new ArrayList<>();
            List<Map<String, Object>> toolBlocks = new ArrayList<>();
            for (ContentPart.ToolUse use : uses) {
                ToolRegistry.Prepared p = tools.prepare(toolCtx, use.name(), use.inputJson(), use.inputValid());
                prepared.add(p);
                Map<String, Object> b = new LinkedHashMap<>();
                b.put("type", "tool_use");
                b.put("id", use.id());
                b.put("name", use.name());
                b.put("input", p.input() != null ? JSON.convertValue(p.input(), Object.class) : rawInput(use.inputJson()));
                b.put("status", "running");
                b.put("status_text", p.tool() == null ? "Using " + use.name() : p.tool().statusText(p.input() == null ? JSON.createObjectNode() : p.input()));
                b.put("hidden", p.tool() != null && p.tool().hidden());
                b.put("round", round);
                toolBlocks.add(b);
                blocks.add(b);
                sink.emit("tool_call", new LinkedHashMap<>(b));
            }
            save(); // saved as soon as tools start, so a reconnecting client sees progress
            List<Future<ToolOutcome>> futures = new ArrayList<>();
            List<Instant> started = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (ToolRegistry.Prepared p : prepared) {
                    started.add(clock.instant());
                    futures.add(pool.submit(() -> tools.run(toolCtx, p)));
                }
                var registration = cancel.onCancel(() -> futures.forEach(f -> f.cancel(true)));
                List<ContentPart.ToolResult> results = new ArrayList<>();
                for (int i = 0; i < uses.size(); i++) {
                    Finished finished = await(futures.get(i), prepared.get(i).tool(), started.get(i));
                    Map<String, Object> b = toolBlocks.get(i);
                    b.put("started_at", started.get(i).toString());
                    b.put("finished_at", finished.at().toString());
                    ToolOutcome o = finished.outcome();
                    String resultText;
                    switch (o) {
                        case ToolOutcome.Ok ok -> {
                            b.put("status", "completed");
                            b.put("result", JSON.convertValue(ok.content(), Object.class));
                            b.put("summary", ok.summary());
                            resultText = JSON.writeValueAsString(ok.content());
                        }
                        case ToolOutcome.Error err -> {
                            b.put("status", "error");
                            b.put("error", err.message() + (err.hint() == null ? "" : " Hint: " + err.hint()));
                            resultText = b.get("error").toString();
                        }
                    }
                    Map<String, Object> chunk = new LinkedHashMap<>();
                    chunk.put("id", b.get("id"));
                    chunk.put("name", b.get("name"));
                    chunk.put("status", b.get("status"));
                    chunk.put("started_at", b.get("started_at"));
                    chunk.put("finished_at", b.get("finished_at"));
                    if (b.containsKey("summary")) chunk.put("summary", b.get("summary"));
                    if (b.containsKey("error")) chunk.put("error", b.get("error"));
                    chunk.put("result", b.getOrDefault("result", null) == null ? Map.of() : b.get("result"));
                    sink.emit("tool_result", chunk);
                    results.add(new ContentPart.ToolResult(uses.get(i).id(), resultText, o instanceof ToolOutcome.Error));
                }
                registration.close();
                cancel.throwIfCancelled();
                save();
                return results;
            }
        }

        /** A tool outcome and when it finished. */
        record Finished(ToolOutcome outcome, Instant at) {}

        Finished await(Future<ToolOutcome> future, Tool tool, Instant startedAt) {
            Duration timeout = tool == null ? Duration.ofSeconds(1) : min(tool.timeout(), props.toolTimeout());
            long remaining = Duration.between(clock.instant(), startedAt.plus(timeout)).toMillis();
            try {
                ToolOutcome o = future.get(Math.max(1, remaining), TimeUnit.MILLISECONDS);
                return new Finished(o, clock.instant());
            } catch (TimeoutException e) {
                future.cancel(true);
                return new Finished(ToolOutcome.error((tool == null ? "The tool" : tool.name()) + " took longer than " + timeout.toSeconds() + " s and was stopped.",
                        "Ask for less (filters, a LIMIT) or try another way."), clock.instant());
            } catch (java.util.concurrent.CancellationException e) {
                return new Finished(ToolOutcome.error("Stopped.", "The turn was cancelled."), clock.instant());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException(new ModelFailure.Cancelled());
            } catch (java.util.concurrent.ExecutionException e) {
                return new Finished(ToolOutcome.error("The tool failed.", "Try another way."), clock.instant());
            }
        }

        void markUnfinishedTools(String status) {
            for (Map<String, Object> b : blocks) {
                if ("tool_use".equals(b.get("type")) && "running".equals(b.get("status"))) {
                    b.put("status", status);
                    b.put("error", status.equals("cancelled") ? "Cancelled." : "Not finished.");
                }
            }
        }

        void save() {
            if (blocks.isEmpty() && !saved) return;
            List<Map<String, Object>> copy = new ArrayList<>();
            for (Map<String, Object> b : blocks) copy.add(new LinkedHashMap<>(b));
            sink.saveAssistantMessage(copy);
            saved = true;
        }
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static Object rawInput(String inputJson) {
        return Map.of("raw", inputJson == null ? "" : inputJson.length() > 2000 ? inputJson.substring(0, 2000) : inputJson);
    }

    /** History with every tool result and tool input outside the current exchange replaced by a short marker. */
    static List<ModelMessage> stripToolPayloads(List<ModelMessage> messages, int current) {
        List<ModelMessage> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ModelMessage m = messages.get(i);
            if (i >= current) {
                out.add(m);
                continue;
            }
            List<ContentPart> parts = new ArrayList<>();
            for (ContentPart p : m.content()) {
                parts.add(switch (p) {
                    case ContentPart.ToolResult r -> new ContentPart.ToolResult(r.toolUseId(), TRIMMED, r.isError());
                    case ContentPart.ToolUse u -> new ContentPart.ToolUse(u.id(), u.name(), "{}");
                    default -> p;
                });
            }
            out.add(new ModelMessage(m.role(), parts));
        }
        return out;
    }

    /**
     * History without its oldest half (before the current message), starting again at a user message that is not
     * a tool result, so every remaining tool call keeps its result.
     */
    static List<ModelMessage> dropOldestHalf(List<ModelMessage> messages, int current) {
        int cut = current / 2;
        while (cut < current && (messages.get(cut).role() != ModelMessage.Role.USER
                || messages.get(cut).content().stream().anyMatch(p -> p instanceof ContentPart.ToolResult))) {
            cut++;
        }
        return new ArrayList<>(messages.subList(cut, messages.size()));
    }
}
