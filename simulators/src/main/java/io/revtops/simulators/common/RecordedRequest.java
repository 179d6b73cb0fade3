package io.revtops.simulators.common;

import java.time.Instant;
import java.util.Map;

/**
 * A request a simulator received and the status it answered. Headers exclude credentials
 * (Authorization, X-Api-Key, cookies) and {@code api_key} values in the body are masked.
 * {@code replayed} is true when the answer was replayed for a repeated {@code Idempotency-Key}.
 */
public record RecordedRequest(
        long sequence,
        Instant at,
        String method,
        String path,
        String query,
        Map<String, String> headers,
        String body,
        int status,
        boolean replayed) {
}
