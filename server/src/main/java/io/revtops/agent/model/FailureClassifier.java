package io.revtops.agent.model;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Turns provider HTTP statuses, error bodies and I/O exceptions into {@link ModelFailure}s. */
final class FailureClassifier {

    /** Phrases providers use for "the prompt does not fit the context window" (lower case). */
    private static final List<String> CONTEXT_OVERFLOW_PHRASES = List.of(
            "prompt is too long",                 // Anthropic
            "exceed context limit",               // Anthropic: input length and max_tokens exceed context limit
            "context_length_exceeded",            // OpenAI code
            "maximum context length",             // OpenAI, vLLM
            "exceeds the context window",
            "exceed_context_size",                // llama.cpp server
            "exceeds the available context size"); // llama.cpp server

    private FailureClassifier() { }

    /** The error fields of a provider's JSON error body, whatever its shape. */
    record ErrorBody(Optional<String> type, Optional<String> code, String message) {
        static final ErrorBody EMPTY = new ErrorBody(Optional.empty(), Optional.empty(), "");

        /**
         * Reads {@code {"error":{"type","code","message"}}} (Anthropic, OpenAI), {@code {"error":"text"}}
         * (Ollama) or top-level {@code type/code/message} (vLLM) from a parsed body.
         */
        static ErrorBody of(Object body) {
            if (!(body instanceof Map<?, ?> map)) {
                return body instanceof String s ? new ErrorBody(Optional.empty(), Optional.empty(), s) : EMPTY;
            }
            Object error = map.get("error");
            if (error instanceof String s) {
                return new ErrorBody(Optional.empty(), Optional.empty(), s);
            }
            Map<?, ?> fields = error instanceof Map<?, ?> e ? e : map;
            return new ErrorBody(string(fields.get("type")), string(fields.get("code")),
                    string(fields.get("message")).orElse(""));
        }

        private static Optional<String> string(Object value) {
            return value == null ? Optional.empty() : Optional.of(String.valueOf(value)).filter(s -> !s.isBlank());
        }
    }

    /** Classifies an HTTP error response. */
    static ModelFailure fromHttp(int status, ErrorBody body, Optional<Duration> retryAfter) {
        String message = body.message().isBlank() ? "HTTP " + status : body.message();
        String type = body.type().orElse("");
        if (status == 429 || type.equals("rate_limit_error")) {
            return new ModelFailure.RateLimited(message, retryAfter);
        }
        if (status == 529 || type.equals("overloaded_error")) {
            return new ModelFailure.Overloaded(message, retryAfter);
        }
        if (status == 401 || status == 403) {
            return new ModelFailure.AuthFailed(status, message);
        }
        if (status == 408) {
            return new ModelFailure.Timeout(message);
        }
        if (status == 413 || (status >= 400 && status < 500 && isContextOverflow(body))) {
            return new ModelFailure.ContextOverflow(message);
        }
        if (status >= 500) {
            return new ModelFailure.ServerError(status, message);
        }
        return new ModelFailure.BadRequest(status, message);
    }

    /** Classifies an error reported inside a stream that had already started. */
    static ModelFailure fromStreamError(ErrorBody body) {
        String type = body.type().or(body::code).orElse("stream_error");
        String message = body.message().isBlank() ? type : body.message();
        if (isContextOverflow(body)) {
            return new ModelFailure.ContextOverflow(message);
        }
        return new ModelFailure.StreamError(type, message);
    }

    static boolean isContextOverflow(ErrorBody body) {
        String haystack = (body.message() + " " + body.code().orElse("") + " " + body.type().orElse(""))
                .toLowerCase(Locale.ROOT);
        return CONTEXT_OVERFLOW_PHRASES.stream().anyMatch(haystack::contains);
    }

    /** Classifies a client-side exception (I/O, timeouts, unreadable data) by its cause chain. */
    static ModelFailure fromThrowable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedIOException) {
                return new ModelFailure.Timeout(describe(c));
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return new ModelFailure.ConnectionFailed(describe(c));
            }
        }
        return new ModelFailure.StreamError("invalid_response", describe(t));
    }

    /** Reads {@code retry-after-ms} or {@code retry-after} (seconds or an HTTP date). */
    static Optional<Duration> retryAfter(Function<String, List<String>> header) {
        Optional<String> ms = first(header.apply("retry-after-ms"));
        if (ms.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms.get().trim())));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        Optional<String> value = first(header.apply("retry-after"));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get().trim();
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> first(List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.getFirst());
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
