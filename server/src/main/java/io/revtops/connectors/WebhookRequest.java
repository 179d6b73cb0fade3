package io.revtops.connectors;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A webhook as received: headers (lower-case names), the exact body bytes (signatures cover them) and when. */
public record WebhookRequest(Map<String, String> headers, byte[] body, Instant receivedAt) {
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }
}
