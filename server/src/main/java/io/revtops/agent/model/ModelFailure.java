package io.revtops.agent.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a model call failed, normalized across providers, with whether retrying may help.
 *
 * <p>Retryable: {@link RateLimited}, {@link Overloaded}, {@link ServerError}, {@link Timeout},
 * {@link ConnectionFailed}, and a {@link StreamError} whose provider error type is transient.
 * Everything else needs a different request ({@link ContextOverflow}, {@link BadRequest}), a different
 * configuration ({@link AuthFailed}, {@link NotConfigured}) or is final ({@link Cancelled}).
 */
public sealed interface ModelFailure {

    /** A human-readable explanation (provider message where there is one; never a secret). */
    String message();

    /** Whether the same request may succeed if sent again later. */
    boolean retryable();

    /** How long the provider asked us to wait before retrying, when it said so. */
    default Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /** HTTP 429. */
    record RateLimited(String message, Optional<Duration> retryAfter) implements ModelFailure {
        public RateLimited {
            Objects.requireNonNull(message);
            Objects.requireNonNull(retryAfter);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** HTTP 529 or an {@code overloaded_error}: the provider is temporarily over capacity. */
    record Overloaded(String message, Optional<Duration> retryAfter) implements ModelFailure {
        public Overloaded {
            Objects.requireNonNull(message);
            Objects.requireNonNull(retryAfter);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** HTTP 5xx other than 529. */
    record ServerError(int status, String message) implements ModelFailure {
        public ServerError {
            Objects.requireNonNull(message);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The request or the stream timed out (connect, read, overall, or HTTP 408). */
    record Timeout(String message) implements ModelFailure {
        public Timeout {
            Objects.requireNonNull(message);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The connection could not be made or broke before the turn was complete. */
    record ConnectionFailed(String message) implements ModelFailure {
        public ConnectionFailed {
            Objects.requireNonNull(message);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /**
     * The prompt does not fit the model's context window (Anthropic 400 "prompt is too long", OpenAI
     * {@code context_length_exceeded}, HTTP 413). Retry only after trimming history.
     */
    record ContextOverflow(String message) implements ModelFailure {
        public ContextOverflow {
            Objects.requireNonNull(message);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** HTTP 401/403: the API key is missing, wrong or lacks permission. */
    record AuthFailed(int status, String message) implements ModelFailure {
        public AuthFailed {
            Objects.requireNonNull(message);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** Any other 4xx: the request itself is wrong (unknown model, bad parameter, …). */
    record BadRequest(int status, String message) implements ModelFailure {
        public BadRequest {
            Objects.requireNonNull(message);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /**
     * The provider reported an error inside an already-started stream (Anthropic {@code event: error},
     * an OpenAI {@code data: {"error":…}} chunk) or sent something unreadable.
     *
     * @param errorType the provider's error type, e.g. {@code overloaded_error}, {@code api_error},
     *     or {@code invalid_response} for unreadable data
     */
    record StreamError(String errorType, String message) implements ModelFailure {
        private static final List<String> TRANSIENT_TYPES = List.of(
                "overloaded_error", "api_error", "rate_limit_error", "timeout_error", "server_error",
                "internal_server_error", "service_unavailable");

        public StreamError {
            Objects.requireNonNull(errorType);
            Objects.requireNonNull(message);
        }

        @Override
        public boolean retryable() {
            return TRANSIENT_TYPES.contains(errorType);
        }
    }

    /** No model provider is configured; {@code variables} names the environment variables to set. */
    record NotConfigured(String message, List<String> variables) implements ModelFailure {
        public NotConfigured {
            Objects.requireNonNull(message);
            variables = List.copyOf(variables);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** The caller cancelled the call. */
    record Cancelled() implements ModelFailure {
        @Override
        public String message() {
            return "cancelled";
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }
}
