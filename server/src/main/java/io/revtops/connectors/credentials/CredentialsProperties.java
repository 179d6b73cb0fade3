package io.revtops.connectors.credentials;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where connections' credentials come from: Nango ({@code NANGO_SECRET_KEY}, {@code NANGO_BASE_URL}) or our own store. */
@ConfigurationProperties(prefix = "revtops.credentials")
public record CredentialsProperties(Nango nango) {

    public CredentialsProperties {
        if (nango == null) nango = new Nango(null, null, null, null, 0);
    }

    /**
     * The Nango account: without a secret key, Nango connections cannot be used and connect sessions are refused.
     *
     * @param timeout      per request to Nango
     * @param retryBackoff first wait before retrying a 5xx/429/timeout; doubled (with jitter) per attempt
     * @param maxAttempts  attempts per call, the first included
     */
    public record Nango(String secretKey, URI baseUrl, Duration timeout, Duration retryBackoff, int maxAttempts) {
        public Nango {
            if (baseUrl == null || baseUrl.toString().isBlank()) baseUrl = URI.create("https://api.nango.dev");
            if (timeout == null) timeout = Duration.ofSeconds(15);
            if (retryBackoff == null) retryBackoff = Duration.ofMillis(300);
            if (maxAttempts <= 0) maxAttempts = 3;
        }

        public boolean configured() {
            return secretKey != null && !secretKey.isBlank();
        }

        /** {@code toString} without the secret. */
        @Override
        public String toString() {
            return "Nango[baseUrl=" + baseUrl + ", secretKey=" + (configured() ? "***" : "-") + "]";
        }
    }
}
