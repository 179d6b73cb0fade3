package io.revtops.connectors.testing;

import io.revtops.connectors.ApiClient;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.CredentialSource;
import io.revtops.connectors.Credentials;
import io.revtops.connectors.http.HttpApiClientFactory;
import io.revtops.connectors.http.HttpSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.mock.env.MockEnvironment;

/** Connector test wiring: the real HTTP layer pointed at a simulator, with fixed credentials. */
public final class Connectors {
    private Connectors() {}

    /** Quick retries and generous rate limits, so tests spend their time on behaviour, not waiting. */
    public static HttpSettings fastSettings(String slug) {
        return HttpSettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                .withRequestTimeout(Duration.ofSeconds(10))
                .withRateLimits(Map.of(slug, Map.of("default", "1000/1s", "search", "1000/1s")));
    }

    /** Credentials that never change; {@link #refreshes} counts how often the HTTP layer asked for fresh ones. */
    public static final class FixedCredentials implements CredentialSource {
        private final Credentials credentials;
        public final AtomicInteger refreshes = new AtomicInteger();

        public FixedCredentials(Credentials credentials) {
            this.credentials = credentials;
        }

        @Override
        public Credentials current() {
            return credentials;
        }

        @Override
        public Credentials refreshed() {
            refreshes.incrementAndGet();
            return credentials;
        }
    }

    public static ApiClient client(ConnectorMeta meta, String baseUrl, CredentialSource credentials, HttpSettings settings) {
        return new HttpApiClientFactory(settings, new MockEnvironment())
                .create(meta, UUID.randomUUID(), credentials, Optional.of(URI.create(baseUrl)));
    }

    public static ConnectorContext context(ApiClient http, Map<String, Object> config, Clock clock) {
        return new ConnectorContext(UUID.randomUUID(), UUID.randomUUID(), Optional.empty(), http, config, clock, () -> false);
    }
}
