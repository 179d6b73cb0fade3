package io.revtops.connectors;

import java.time.Instant;
import java.util.Optional;

/**
 * A connection's secrets as the HTTP layer needs them: an OAuth access token or an API key, and for some vendors
 * the instance URL the token belongs to (Salesforce). Never logged; {@link #toString()} hides the values.
 */
public record Credentials(Optional<String> accessToken, Optional<String> apiKey, Optional<String> instanceUrl,
                          Optional<Instant> expiresAt) {

    public static Credentials token(String accessToken) {
        return new Credentials(Optional.of(accessToken), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Credentials apiKey(String key) {
        return new Credentials(Optional.empty(), Optional.of(key), Optional.empty(), Optional.empty());
    }

    public static Credentials none() {
        return new Credentials(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The secret to present: the access token when there is one, else the API key. */
    public Optional<String> secret() {
        return accessToken.or(() -> apiKey);
    }

    @Override
    public String toString() {
        return "Credentials[token=" + (accessToken.isPresent() ? "***" : "-") + ", apiKey=" + (apiKey.isPresent() ? "***" : "-")
                + ", instanceUrl=" + instanceUrl.orElse("-") + ", expiresAt=" + expiresAt.map(Object::toString).orElse("-") + "]";
    }
}
