package io.revtops.agent.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a {@link ScriptedModelClient} answers: a list of turns (one turn = one model call), built in Java
 * with {@link #builder()} or read from JSON with {@link #parse(String)}. The JSON format is described
 * in {@link ScriptedModelClient} and in {@code docs/scripted-model.md}.
 *
 * @param turns the scripted model calls, in order
 * @param defaultReply text answered when the script has no turn for a call
 * @param tokensPerSecond pacing of streamed pieces for all turns (0 = as fast as possible)
 */
public record ModelScript(List<Turn> turns, String defaultReply, double tokensPerSecond) {

    /** The reply used when a script does not set one. */
    public static final String DEFAULT_REPLY =
            "(scripted model) I have no scripted answer for that. Set REVTOPS_MODEL_SCRIPT to a script file, "
                    + "or configure a real model with ANTHROPIC_API_KEY or OPENAI_API_KEY.";

    public ModelScript {
        turns = List.copyOf(turns);
        Objects.requireNonNull(defaultReply, "defaultReply");
        if (tokensPerSecond < 0) {
            throw new IllegalArgumentException("tokensPerSecond must not be negative");
        }
    }

    /**
     * One model call.
     *
     * @param matchUserMessage a regex (Java syntax, {@code find()} semantics) on the latest user text;
     *     a turn that has one starts a branch, continued by the unguarded turns after it
     * @param stopReason overrides the stop reason ({@code tool_use} when the turn calls tools, else {@code end_turn})
     * @param tokensPerSecond overrides the script's pacing for this turn
     */
    public record Turn(Optional<String> matchUserMessage, List<Step> steps, Optional<StopReason> stopReason,
            Optional<Double> tokensPerSecond) {
        public Turn {
            Objects.requireNonNull(matchUserMessage);
            steps = List.copyOf(steps);
            Objects.requireNonNull(stopReason);
            Objects.requireNonNull(tokensPerSecond);
            matchUserMessage.ifPresent(Pattern::compile); // fail early on a bad regex
        }

        /** Whether any step calls a tool. */
        public boolean callsTools() {
            return steps.stream().anyMatch(Step.ToolCall.class::isInstance);
        }
    }

    /** One thing a turn does, in order. */
    public sealed interface Step {

        /** Streams {@code text} as {@code chunks} pieces (0 = one piece per word). */
        record Text(String text, int chunks) implements Step {
            public Text {
                Objects.requireNonNull(text);
                if (chunks < 0) {
                    throw new IllegalArgumentException("chunks must not be negative");
                }
            }
        }

        /** Streams {@code count} numbered tokens {@code "t1", " t2", …} — a load-test token stream. */
        record Tokens(int count) implements Step {
            public Tokens {
                if (count < 0) {
                    throw new IllegalArgumentException("count must not be negative");
                }
            }
        }

        /** Streams extended thinking, one piece per word. */
        record Thinking(String text, String signature) implements Step {
            public Thinking {
                Objects.requireNonNull(text);
                Objects.requireNonNull(signature);
            }
        }

        /** Calls a tool; {@code inputJson} is sent as-is, so it may be deliberately invalid. */
        record ToolCall(Optional<String> id, String name, String inputJson) implements Step {
            public ToolCall {
                Objects.requireNonNull(id);
                Objects.requireNonNull(name);
                Objects.requireNonNull(inputJson);
            }
        }

        /** Waits (cancellable). */
        record Delay(Duration duration) implements Step {
            public Delay {
                Objects.requireNonNull(duration);
            }
        }

        /**
         * Fails the call with {@code failure} the first {@code times} times this point is reached for the
         * same conversation and position (0 = every time); afterwards the step is skipped.
         */
        record Fail(ModelFailure failure, int times) implements Step {
            public Fail {
                Objects.requireNonNull(failure);
                if (times < 0) {
                    throw new IllegalArgumentException("times must not be negative");
                }
            }
        }
    }

    /** Starts an empty script. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- Java builder -------------------------------------------------------------------------------

    /** Builds a {@link ModelScript}. */
    public static final class Builder {
        private final List<Turn> turns = new ArrayList<>();
        private String defaultReply = DEFAULT_REPLY;
        private double tokensPerSecond;

        private Builder() { }

        /** Adds an unguarded turn (sequential, or the next round of the branch above it). */
        public Builder turn(Consumer<TurnBuilder> steps) {
            TurnBuilder turn = new TurnBuilder(Optional.empty());
            steps.accept(turn);
            turns.add(turn.build());
            return this;
        }

        /** Adds a turn that starts a branch taken when the latest user text matches {@code regex}. */
        public Builder whenUserSays(String regex, Consumer<TurnBuilder> steps) {
            TurnBuilder turn = new TurnBuilder(Optional.of(regex));
            steps.accept(turn);
            turns.add(turn.build());
            return this;
        }

        public Builder defaultReply(String reply) {
            this.defaultReply = Objects.requireNonNull(reply);
            return this;
        }

        public Builder tokensPerSecond(double tokensPerSecond) {
            this.tokensPerSecond = tokensPerSecond;
            return this;
        }

        public ModelScript build() {
            return new ModelScript(turns, defaultReply, tokensPerSecond);
        }
    }

    /** Collects the steps of one turn. */
    public static final class TurnBuilder {
        private final Optional<String> match;
        private final List<Step> steps = new ArrayList<>();
        private Optional<StopReason> stopReason = Optional.empty();
        private Optional<Double> tokensPerSecond = Optional.empty();

        private TurnBuilder(Optional<String> match) {
            this.match = match;
        }

        /** Streams the text one word at a time. */
        public TurnBuilder text(String text) {
            return text(text, 0);
        }

        /** Streams the text as {@code chunks} pieces. */
        public TurnBuilder text(String text, int chunks) {
            steps.add(new Step.Text(text, chunks));
            return this;
        }

        public TurnBuilder tokens(int count) {
            steps.add(new Step.Tokens(count));
            return this;
        }

        public TurnBuilder thinking(String text, String signature) {
            steps.add(new Step.Thinking(text, signature));
            return this;
        }

        /** Calls a tool with a generated, deterministic id. */
        public TurnBuilder toolCall(String name, String inputJson) {
            steps.add(new Step.ToolCall(Optional.empty(), name, inputJson));
            return this;
        }

        public TurnBuilder toolCall(String id, String name, String inputJson) {
            steps.add(new Step.ToolCall(Optional.of(id), name, inputJson));
            return this;
        }

        public TurnBuilder delay(Duration duration) {
            steps.add(new Step.Delay(duration));
            return this;
        }

        /** Fails once, then the step is skipped. */
        public TurnBuilder fail(ModelFailure failure) {
            return fail(failure, 1);
        }

        public TurnBuilder fail(ModelFailure failure, int times) {
            steps.add(new Step.Fail(failure, times));
            return this;
        }

        public TurnBuilder stopReason(StopReason reason) {
            this.stopReason = Optional.of(reason);
            return this;
        }

        public TurnBuilder tokensPerSecond(double tokensPerSecond) {
            this.tokensPerSecond = Optional.of(tokensPerSecond);
            return this;
        }

        Turn build() {
            return new Turn(match, steps, stopReason, tokensPerSecond);
        }
    }

    // ---- JSON ---------------------------------------------------------------------------------------

    /**
     * Reads a script from JSON text.
     *
     * @throws IllegalArgumentException naming the offending place when the JSON is not a valid script
     */
    public static ModelScript parse(String json) {
        JsonNode root;
        try {
            root = Json.tree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("model script is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("model script must be a JSON object with \"turns\"");
        }
        allowOnly(root, "$", Set.of("turns", "defaultReply", "tokensPerSecond"));
        List<Turn> turns = new ArrayList<>();
        JsonNode list = root.path("turns");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new IllegalArgumentException("$.turns must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            turns.add(parseTurn(list.get(i), "$.turns[" + i + "]"));
        }
        String defaultReply = root.has("defaultReply") ? string(root.get("defaultReply"), "$.defaultReply") : DEFAULT_REPLY;
        double tps = root.has("tokensPerSecond") ? number(root.get("tokensPerSecond"), "$.tokensPerSecond") : 0;
        return new ModelScript(turns, defaultReply, tps);
    }

    private static Turn parseTurn(JsonNode node, String path) {
        if (node.isString()) { // shorthand: a plain text reply
            return new Turn(Optional.empty(), List.of(new Step.Text(node.asString(), 0)), Optional.empty(), Optional.empty());
        }
        if (node.isArray()) { // shorthand: just the steps
            return new Turn(Optional.empty(), parseSteps(node, path), Optional.empty(), Optional.empty());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object, an array of steps or a string");
        }
        allowOnly(node, path, Set.of("matchUserMessage", "steps", "stopReason", "tokensPerSecond"));
        Optional<String> match = node.has("matchUserMessage")
                ? Optional.of(string(node.get("matchUserMessage"), path + ".matchUserMessage"))
                : Optional.empty();
        match.ifPresent(regex -> {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(path + ".matchUserMessage is not a valid regex: " + e.getDescription(), e);
            }
        });
        JsonNode steps = node.path("steps");
        if (!steps.isArray()) {
            throw new IllegalArgumentException(path + ".steps must be an array");
        }
        Optional<StopReason> stop = node.has("stopReason")
                ? Optional.of(stopReason(string(node.get("stopReason"), path + ".stopReason"), path + ".stopReason"))
                : Optional.empty();
        Optional<Double> tps = node.has("tokensPerSecond")
                ? Optional.of(number(node.get("tokensPerSecond"), path + ".tokensPerSecond"))
                : Optional.empty();
        return new Turn(match, parseSteps(steps, path + ".steps"), stop, tps);
    }

    private static List<Step> parseSteps(JsonNode steps, String path) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(parseStep(steps.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static Step parseStep(JsonNode node, String path) {
        if (node.isString()) {
            return new Step.Text(node.asString(), 0);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object or a string");
        }
        if (node.has("text")) {
            allowOnly(node, path, Set.of("text", "chunks"));
            return new Step.Text(string(node.get("text"), path + ".text"),
                    node.has("chunks") ? integer(node.get("chunks"), path + ".chunks") : 0);
        }
        if (node.has("tokens")) {
            allowOnly(node, path, Set.of("tokens"));
            return new Step.Tokens(integer(node.get("tokens"), path + ".tokens"));
        }
        if (node.has("thinking")) {
            allowOnly(node, path, Set.of("thinking", "signature"));
            return new Step.Thinking(string(node.get("thinking"), path + ".thinking"),
                    node.has("signature") ? string(node.get("signature"), path + ".signature") : "");
        }
        if (node.has("toolCall")) {
            allowOnly(node, path, Set.of("toolCall"));
            JsonNode call = node.get("toolCall");
            String callPath = path + ".toolCall";
            if (!call.isObject()) {
                throw new IllegalArgumentException(callPath + " must be an object");
            }
            allowOnly(call, callPath, Set.of("id", "name", "input", "inputJson"));
            if (!call.has("name")) {
                throw new IllegalArgumentException(callPath + ".name is required");
            }
            String input;
            if (call.has("inputJson")) {
                input = string(call.get("inputJson"), callPath + ".inputJson");
            } else if (call.has("input")) {
                if (!call.get("input").isObject()) {
                    throw new IllegalArgumentException(callPath + ".input must be an object (use inputJson for raw text)");
                }
                input = call.get("input").toString();
            } else {
                input = "{}";
            }
            Optional<String> id = call.has("id") ? Optional.of(string(call.get("id"), callPath + ".id")) : Optional.empty();
            return new Step.ToolCall(id, string(call.get("name"), callPath + ".name"), input);
        }
        if (node.has("delayMs")) {
            allowOnly(node, path, Set.of("delayMs"));
            return new Step.Delay(Duration.ofMillis(integer(node.get("delayMs"), path + ".delayMs")));
        }
        if (node.has("error")) {
            allowOnly(node, path, Set.of("error"));
            return parseError(node.get("error"), path + ".error");
        }
        throw new IllegalArgumentException(path + " is not a step: expected one of text, tokens, thinking, toolCall, "
                + "delayMs, error");
    }

    private static Step.Fail parseError(JsonNode node, String path) {
        if (node.isString()) {
            return new Step.Fail(failure(node.asString(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), path), 1);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be a kind name or an object");
        }
        allowOnly(node, path, Set.of("kind", "message", "times", "retryAfterMs", "status", "errorType"));
        if (!node.has("kind")) {
            throw new IllegalArgumentException(path + ".kind is required");
        }
        Optional<String> message = node.has("message") ? Optional.of(string(node.get("message"), path + ".message")) : Optional.empty();
        Optional<Duration> retryAfter = node.has("retryAfterMs")
                ? Optional.of(Duration.ofMillis(integer(node.get("retryAfterMs"), path + ".retryAfterMs")))
                : Optional.empty();
        Optional<Integer> status = node.has("status") ? Optional.of(integer(node.get("status"), path + ".status")) : Optional.empty();
        Optional<String> errorType = node.has("errorType")
                ? Optional.of(string(node.get("errorType"), path + ".errorType"))
                : Optional.empty();
        int times = node.has("times") ? integer(node.get("times"), path + ".times") : 1;
        return new Step.Fail(failure(string(node.get("kind"), path + ".kind"), message, retryAfter, status, errorType, path), times);
    }

    /** The failure kinds a script can name, in JSON. */
    static final List<String> FAILURE_KINDS = List.of("rate_limited", "overloaded", "server_error", "timeout",
            "connection_failed", "context_overflow", "auth_failed", "bad_request", "stream_error");

    private static ModelFailure failure(String kind, Optional<String> message, Optional<Duration> retryAfter,
            Optional<Integer> status, Optional<String> errorType, String path) {
        return switch (kind) {
            case "rate_limited" -> new ModelFailure.RateLimited(message.orElse("rate limited (scripted)"), retryAfter);
            case "overloaded" -> new ModelFailure.Overloaded(message.orElse("Overloaded (scripted)"), retryAfter);
            case "server_error" -> new ModelFailure.ServerError(status.orElse(500), message.orElse("server error (scripted)"));
            case "timeout" -> new ModelFailure.Timeout(message.orElse("timeout (scripted)"));
            case "connection_failed" -> new ModelFailure.ConnectionFailed(message.orElse("connection failed (scripted)"));
            case "context_overflow" -> new ModelFailure.ContextOverflow(message.orElse("prompt is too long (scripted)"));
            case "auth_failed" -> new ModelFailure.AuthFailed(status.orElse(401), message.orElse("invalid api key (scripted)"));
            case "bad_request" -> new ModelFailure.BadRequest(status.orElse(400), message.orElse("bad request (scripted)"));
            case "stream_error" -> new ModelFailure.StreamError(errorType.orElse("overloaded_error"),
                    message.orElse("stream error (scripted)"));
            default -> throw new IllegalArgumentException(path + ": unknown error kind \"" + kind + "\"; expected one of "
                    + FAILURE_KINDS);
        };
    }

    private static StopReason stopReason(String name, String path) {
        for (StopReason reason : StopReason.values()) {
            if (reason.wireName().equals(name)) {
                return reason;
            }
        }
        throw new IllegalArgumentException(path + ": unknown stop reason \"" + name + "\"");
    }

    private static void allowOnly(JsonNode node, String path, Set<String> allowed) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(path + ": unknown field \"" + key + "\"; allowed: " + allowed);
            }
        }
    }

    private static String string(JsonNode node, String path) {
        if (!node.isString()) {
            throw new IllegalArgumentException(path + " must be a string");
        }
        return node.asString();
    }

    private static int integer(JsonNode node, String path) {
        if (!node.isIntegralNumber() || node.asInt() < 0) {
            throw new IllegalArgumentException(path + " must be a non-negative integer");
        }
        return node.asInt();
    }

    private static double number(JsonNode node, String path) {
        if (!node.isNumber() || node.asDouble() < 0) {
            throw new IllegalArgumentException(path + " must be a non-negative number");
        }
        return node.asDouble();
    }
}
