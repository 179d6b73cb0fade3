package io.revtops.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How provider errors of the various OpenAI-compatible servers and Anthropic are classified. */
class FailureClassifierTest {

    private static FailureClassifier.ErrorBody body(Object json) {
        return FailureClassifier.ErrorBody.of(json);
    }

    @Test
    void vllmTopLevelContextErrorIsContextOverflow() {
        Object vllm = Map.of("object", "error", "type", "BadRequestError", "code", 400,
                "message", "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.");

        assertThat(FailureClassifier.fromHttp(400, body(vllm), Optional.empty()))
                .isInstanceOf(ModelFailure.ContextOverflow.class);
    }

    @Test
    void llamaCppContextErrorIsContextOverflow() {
        Object llama = Map.of("error", Map.of("code", 400, "type", "exceed_context_size_error",
                "message", "the request exceeds the available context size"));

        assertThat(FailureClassifier.fromHttp(400, body(llama), Optional.empty()))
                .isInstanceOf(ModelFailure.ContextOverflow.class);
    }

    @Test
    void anthropicRequestTooLargeIsContextOverflow() {
        Object tooLarge = Map.of("type", "error", "error", Map.of("type", "request_too_large", "message", "Request exceeds the maximum size"));

        assertThat(FailureClassifier.fromHttp(413, body(tooLarge), Optional.empty()))
                .isInstanceOf(ModelFailure.ContextOverflow.class);
    }

    @Test
    void ollamaStringErrorKeepsItsMessage() {
        assertThat(FailureClassifier.fromHttp(404, body(Map.of("error", "model \"llama9\" not found")), Optional.empty()))
                .isEqualTo(new ModelFailure.BadRequest(404, "model \"llama9\" not found"));
    }

    @Test
    void forbiddenIsAuthFailedAndUnreadableBodyFallsBackToTheStatus() {
        assertThat(FailureClassifier.fromHttp(403, body(null), Optional.empty()))
                .isEqualTo(new ModelFailure.AuthFailed(403, "HTTP 403"));
    }

    @Test
    void retryAfterAcceptsSecondsMillisecondsAndHttpDates() {
        assertThat(FailureClassifier.retryAfter(name -> name.equals("retry-after") ? List.of("2") : List.of()))
                .contains(Duration.ofSeconds(2));
        assertThat(FailureClassifier.retryAfter(name -> name.equals("retry-after-ms") ? List.of("250.0") : List.of("9")))
                .contains(Duration.ofMillis(250));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(FailureClassifier.retryAfter(name -> name.equals("retry-after") ? List.of(inTenSeconds) : List.of()))
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(11)));
        assertThat(FailureClassifier.retryAfter(name -> List.of())).isEmpty();
    }

    @Test
    void ioFailuresAreTimeoutOrConnectionFailed() {
        assertThat(FailureClassifier.fromThrowable(new RuntimeException(new SocketTimeoutException("read timed out"))))
                .isInstanceOf(ModelFailure.Timeout.class);
        assertThat(FailureClassifier.fromThrowable(new RuntimeException(new IOException("connection reset"))))
                .isInstanceOf(ModelFailure.ConnectionFailed.class);
        assertThat(FailureClassifier.fromThrowable(new IllegalStateException("garbage")))
                .isEqualTo(new ModelFailure.StreamError("invalid_response", "IllegalStateException: garbage"));
    }
}
