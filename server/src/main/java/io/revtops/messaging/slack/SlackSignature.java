package io.revtops.messaging.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing (v0): {@code X-Slack-Signature = "v0=" + hex(HMAC-SHA256(signing secret,
 * "v0:" + X-Slack-Request-Timestamp + ":" + raw body))}. A request is genuine when the signature matches (compared in
 * constant time) and its timestamp is at most {@code maxAge} from now, so a captured request cannot be replayed later.
 */
final class SlackSignature {
    private SlackSignature() {}

    /** Why a request was refused, or empty when it is genuine. */
    static Optional<String> problem(String secret, Optional<String> timestamp, Optional<String> signature, byte[] body,
                                    Instant now, Duration maxAge) {
        if (secret == null || secret.isBlank()) return Optional.of("Slack interactivity is not configured (SLACK_SIGNING_SECRET)");
        if (timestamp.isEmpty() || signature.isEmpty()) return Optional.of("missing X-Slack-Request-Timestamp or X-Slack-Signature");
        long ts;
        try {
            ts = Long.parseLong(timestamp.get().strip());
        } catch (NumberFormatException e) {
            return Optional.of("X-Slack-Request-Timestamp is not a number");
        }
        if (Math.abs(now.getEpochSecond() - ts) > maxAge.toSeconds()) return Optional.of("the request is too old (or from the future)");
        byte[] expected = ("v0=" + sign(secret, timestamp.get().strip(), body)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.get().strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.empty() : Optional.of("the signature does not match");
    }

    /** The hex HMAC of {@code v0:<timestamp>:<body>}. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
