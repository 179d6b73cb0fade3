package io.revtops.agent.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A deterministic {@link ModelClient} for tests, demos without an API key, and load tests.
 *
 * <p>It plays a {@link ModelScript}: a list of turns, one turn per model call. Which turn answers a call
 * is derived from the request's history alone, so one instance serves any number of concurrent
 * conversations without shared position state:
 * <ul>
 *   <li>{@code n} = number of assistant messages in the history (the conversation's call index);</li>
 *   <li>{@code u} = the latest user message that has text (tool results don't count);
 *       {@code r} = number of assistant messages after it (the tool round within that user turn).</li>
 *   <li>A turn with {@code matchUserMessage} starts a <em>branch</em> made of that turn and the unguarded
 *       turns right after it. If some branch's regex is found in {@code u}, the first such branch plays
 *       its turn {@code r}; otherwise the unguarded turns before the first branch play turn {@code n}.
 *       When the chosen list has no such turn, the model answers {@code defaultReply}.</li>
 * </ul>
 *
 * <h2>JSON script</h2>
 * <pre>{@code
 * {
 *   "defaultReply": "Sorry, no scripted answer.",      // optional
 *   "tokensPerSecond": 20,                             // optional pacing of streamed pieces; 0 = no pacing
 *   "turns": [
 *     { "steps": [                                     // call 0 of a conversation
 *         {"thinking": "The user wants a count.", "signature": "sig-1"},
 *         {"text": "Let me check.", "chunks": 3},          // 3 pieces; without chunks: one piece per word
 *         {"toolCall": {"name": "run_sql_query", "input": {"sql": "SELECT count(*) FROM deals"}}}
 *     ]},
 *     "There are 42 deals.",                           // call 1: shorthand for one text step
 *     { "matchUserMessage": "(?i)hello",                // branch: latest user text contains "hello"
 *       "steps": [{"text": "Hi!"}] },
 *     { "tokensPerSecond": 50, "stopReason": "max_tokens",
 *       "steps": [{"tokens": 200}] },                  // round 1 of the "hello" branch: "t1", " t2", … " t200"
 *     { "matchUserMessage": "flaky",
 *       "steps": [
 *         {"error": {"kind": "overloaded", "times": 1}},  // 529 once per conversation, then skipped
 *         {"delayMs": 500},                             // cancellable wait
 *         {"toolCall": {"id": "toolu_x", "name": "search", "inputJson": "{not json"}}  // deliberately invalid
 *     ]}
 *   ]
 * }
 * }</pre>
 * A turn is an object ({@code steps}, optional {@code matchUserMessage}, {@code stopReason},
 * {@code tokensPerSecond}), an array of steps, or a string (one text step). A step is one of
 * {@code {"text", "chunks"?}}, {@code {"tokens": n}}, {@code {"thinking", "signature"?}},
 * {@code {"toolCall": {"name", "input"? | "inputJson"?, "id"?}}}, {@code {"delayMs": n}},
 * {@code {"error": KIND | {"kind", "message"?, "times"?, "retryAfterMs"?, "status"?, "errorType"?}}} with
 * KIND one of {@code rate_limited, overloaded, server_error, timeout, connection_failed,
 * context_overflow, auth_failed, bad_request, stream_error}; or a string (a text step). Unknown fields
 * are rejected with the path of the mistake.
 *
 * <p>Errors: an error step throws its {@link ModelFailure} the first {@code times} times (default 1;
 * 0 = always) it is reached for the same conversation and call index — the conversation being the
 * request's {@link ModelRequest#conversationKey()} or, when absent, a hash of its history — and is
 * skipped afterwards, so "529 once, then succeed" works under a retrying caller.
 *
 * <p>Stop reason: {@code tool_use} when the turn calls a tool, else {@code end_turn}, unless the turn
 * says otherwise. Tool ids default to {@code toolu_s<n>_<i>}. Usage: input tokens ≈ request characters / 4,
 * output tokens = streamed pieces.
 */
public final class ScriptedModelClient implements ModelClient {

    private static final int MAX_REMEMBERED_ATTEMPTS = 100_000;

    private final ModelScript script;
    private final List<ModelScript.Turn> sequential;
    private final List<Branch> branches;
    /** Error-step attempts per (conversation, call index, step): the only mutable state. */
    private final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    private record Branch(Pattern pattern, List<ModelScript.Turn> turns) { }

    /** Plays {@code script}. */
    public ScriptedModelClient(ModelScript script) {
        this.script = Objects.requireNonNull(script, "script");
        List<ModelScript.Turn> seq = new ArrayList<>();
        List<Branch> br = new ArrayList<>();
        List<ModelScript.Turn> current = null;
        for (ModelScript.Turn turn : script.turns()) {
            if (turn.matchUserMessage().isPresent()) {
                current = new ArrayList<>();
                br.add(new Branch(Pattern.compile(turn.matchUserMessage().get()), current));
            }
            (current == null ? seq : current).add(turn);
        }
        this.sequential = List.copyOf(seq);
        this.branches = br.stream().map(b -> new Branch(b.pattern(), List.copyOf(b.turns()))).toList();
    }

    /** A client playing the script in {@code json} (format above). */
    public static ScriptedModelClient fromJson(String json) {
        return new ScriptedModelClient(ModelScript.parse(json));
    }

    /** A client playing the JSON script in {@code file}. */
    public static ScriptedModelClient fromFile(Path file) {
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model script " + file, e);
        }
    }

    /** Starts a Java script; finish with {@link ScriptBuilder#build()}. */
    public static ScriptBuilder builder() {
        return new ScriptBuilder();
    }

    /** The script being played. */
    public ModelScript script() {
        return script;
    }

    @Override
    public String provider() {
        return "scripted";
    }

    @Override
    public ModelResponse stream(ModelRequest request, ModelStreamListener listener, CancellationToken cancel) {
        cancel.throwIfCancelled();
        Position position = position(request);
        ModelScript.Turn turn = position.turn().orElseGet(() -> new ModelScript.Turn(Optional.empty(),
                List.of(new ModelScript.Step.Text(script.defaultReply(), 0)), Optional.empty(), Optional.empty()));
        double tps = turn.tokensPerSecond().orElse(script.tokensPerSecond());
        Player player = new Player(listener, cancel, tps);
        List<ModelScript.Step> steps = turn.steps();
        for (int i = 0; i < steps.size(); i++) {
            cancel.throwIfCancelled();
            switch (steps.get(i)) {
                case ModelScript.Step.Text text -> player.text(split(text.text(), text.chunks()));
                case ModelScript.Step.Tokens tokens -> player.text(tokens(tokens.count()));
                case ModelScript.Step.Thinking thinking -> player.thinking(split(thinking.text(), 0), thinking.signature());
                case ModelScript.Step.ToolCall call -> player.toolCall(
                        call.id().orElse("toolu_s" + position.callIndex() + "_" + i), call.name(), call.inputJson());
                case ModelScript.Step.Delay delay -> cancel.sleep(delay.duration());
                case ModelScript.Step.Fail fail -> failIfDue(fail, attemptKey(request, position, i));
            }
        }
        StopReason stop = turn.stopReason().orElse(player.calledTools ? StopReason.TOOL_USE : StopReason.END_TURN);
        TokenUsage usage = new TokenUsage(inputTokens(request), player.pieces);
        listener.onEvent(new ModelEvent.Usage(usage.inputTokens(), usage.outputTokens()));
        listener.onEvent(new ModelEvent.Done(stop));
        return new ModelResponse(player.finish(), stop, usage);
    }

    // ---- which turn -------------------------------------------------------------------------------

    private record Position(int callIndex, Optional<ModelScript.Turn> turn) { }

    private Position position(ModelRequest request) {
        List<ModelMessage> messages = request.messages();
        int callIndex = 0;
        int lastUserText = -1;
        for (int i = 0; i < messages.size(); i++) {
            ModelMessage m = messages.get(i);
            if (m.role() == ModelMessage.Role.ASSISTANT) {
                callIndex++;
            } else if (m.hasText()) {
                lastUserText = i;
            }
        }
        int round = 0;
        for (int i = lastUserText + 1; i < messages.size(); i++) {
            if (messages.get(i).role() == ModelMessage.Role.ASSISTANT) {
                round++;
            }
        }
        String userText = request.lastUserText();
        for (Branch branch : branches) {
            if (branch.pattern().matcher(userText).find()) {
                return new Position(callIndex, round < branch.turns().size()
                        ? Optional.of(branch.turns().get(round)) : Optional.empty());
            }
        }
        return new Position(callIndex, callIndex < sequential.size()
                ? Optional.of(sequential.get(callIndex)) : Optional.empty());
    }

    private static String attemptKey(ModelRequest request, Position position, int step) {
        String conversation = request.conversationKey()
                .orElseGet(() -> "h" + Integer.toHexString(Objects.hash(request.system(), request.messages())));
        return conversation + "#" + position.callIndex() + "#" + step;
    }

    private void failIfDue(ModelScript.Step.Fail fail, String key) {
        if (attempts.size() > MAX_REMEMBERED_ATTEMPTS) {
            attempts.clear(); // a bound for endless load tests; worst case an error step fires again
        }
        int attempt = attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (fail.times() == 0 || attempt <= fail.times()) {
            throw new ModelException(fail.failure());
        }
    }

    private static long inputTokens(ModelRequest request) {
        long chars = request.system().length();
        for (ModelMessage m : request.messages()) {
            for (ContentPart part : m.content()) {
                chars += switch (part) {
                    case ContentPart.Text t -> t.text().length();
                    case ContentPart.Thinking t -> t.text().length();
                    case ContentPart.RedactedThinking t -> t.data().length();
                    case ContentPart.ToolUse t -> t.inputJson().length();
                    case ContentPart.ToolResult t -> t.contentText().length();
                };
            }
        }
        return chars / 4 + 1;
    }

    // ---- streaming ----------------------------------------------------------------------------------

    /** Splits text into {@code chunks} near-equal pieces, or one piece per word (with its following space) when 0. */
    static List<String> split(String text, int chunks) {
        if (text.isEmpty()) {
            return List.of();
        }
        if (chunks <= 0) {
            return List.of(text.split("(?<=\\s)(?=\\S)"));
        }
        int n = Math.min(chunks, text.length());
        List<String> pieces = new ArrayList<>(n);
        int size = text.length() / n;
        int extra = text.length() % n;
        int at = 0;
        for (int i = 0; i < n; i++) {
            int len = size + (i < extra ? 1 : 0);
            pieces.add(text.substring(at, at + len));
            at += len;
        }
        return pieces;
    }

    static List<String> tokens(int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            out.add(i == 1 ? "t1" : " t" + i);
        }
        return out;
    }

    /** Emits events with pacing and collects the content parts of one turn. */
    private static final class Player {
        private final ModelStreamListener listener;
        private final CancellationToken cancel;
        private final long intervalNanos;
        private final long startNanos = System.nanoTime();
        private final List<ContentPart> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private long pieces;
        private boolean calledTools;

        Player(ModelStreamListener listener, CancellationToken cancel, double tokensPerSecond) {
            this.listener = listener;
            this.cancel = cancel;
            this.intervalNanos = tokensPerSecond > 0 ? (long) (1_000_000_000L / tokensPerSecond) : 0;
        }

        /** Waits until piece number {@code pieces} is due, so pacing doesn't drift. */
        private void pace() {
            if (intervalNanos > 0) {
                long due = startNanos + pieces * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    cancel.sleep(Duration.ofNanos(wait));
                }
            }
            cancel.throwIfCancelled();
            pieces++;
        }

        void text(List<String> chunks) {
            for (String chunk : chunks) {
                pace();
                text.append(chunk);
                listener.onEvent(new ModelEvent.TextDelta(chunk));
            }
        }

        void thinking(List<String> chunks, String signature) {
            flushText();
            StringBuilder thought = new StringBuilder();
            for (String chunk : chunks) {
                pace();
                thought.append(chunk);
                listener.onEvent(new ModelEvent.ThinkingDelta(chunk));
            }
            parts.add(new ContentPart.Thinking(thought.toString(), signature));
        }

        void toolCall(String id, String name, String inputJson) {
            flushText();
            calledTools = true;
            listener.onEvent(new ModelEvent.ToolCallStart(id, name));
            pace();
            listener.onEvent(new ModelEvent.ToolCallInputDelta(id, inputJson));
            ModelEvent.ToolCall call = ToolCalls.complete(id, name, inputJson);
            listener.onEvent(call);
            parts.add(new ContentPart.ToolUse(id, name, call.inputJson()));
        }

        private void flushText() {
            if (!text.isEmpty()) {
                parts.add(new ContentPart.Text(text.toString()));
                text.setLength(0);
            }
        }

        List<ContentPart> finish() {
            flushText();
            return parts;
        }
    }

    /** Builds a {@link ScriptedModelClient} in Java. */
    public static final class ScriptBuilder {
        private final ModelScript.Builder script = ModelScript.builder();

        private ScriptBuilder() { }

        /** Adds an unguarded turn (see the class description for how turns are chosen). */
        public ScriptBuilder turn(Consumer<ModelScript.TurnBuilder> steps) {
            script.turn(steps);
            return this;
        }

        /** Adds a turn starting a branch for user messages in which {@code regex} is found. */
        public ScriptBuilder whenUserSays(String regex, Consumer<ModelScript.TurnBuilder> steps) {
            script.whenUserSays(regex, steps);
            return this;
        }

        public ScriptBuilder defaultReply(String reply) {
            script.defaultReply(reply);
            return this;
        }

        public ScriptBuilder tokensPerSecond(double tokensPerSecond) {
            script.tokensPerSecond(tokensPerSecond);
            return this;
        }

        public ScriptedModelClient build() {
            return new ScriptedModelClient(script.build());
        }
    }
}
