package io.revtops.connectors.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.Credentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credentials from Nango's API: fetched, cached until shortly before expiry, refreshed on demand, revocation detected. */
class NangoClientTest {
    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    NangoClient nango;

    record Answer(int status, String body) {}

    @BeforeEach
    void fakeNango() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        nango = new NangoClient(new CredentialsProperties(new CredentialsProperties.Nango("nango-secret",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5), Duration.ofMillis(1), 3)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    void handle(HttpExchange ex) throws IOException {
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
        authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
        if (ex.getRequestMethod().equals("POST")) ex.getRequestBody().readAllBytes();
        Answer a = answers.poll();
        if (a == null) a = new Answer(500, "{}");
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(a.status(), body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    static Answer oauth(String token, Instant expiresAt) {
        return new Answer(200, """
                {"connection_id":"conn-1","provider_config_key":"salesforce","provider":"salesforce",
                 "connection_config":{"instance_url":"https://acme.my.salesforce.com"},
                 "credentials":{"type":"OAUTH2","access_token":"%s","expires_at":"%s","raw":{"instance_url":"https://raw.example"}}}
                """.formatted(token, expiresAt));
    }

    NangoCredentialSource source(Clock clock) {
        return new NangoCredentialSource(nango, "salesforce", "conn-1", "Salesforce", clock);
    }

    @Test
    void fetchesTheConnectionsTokenAndInstanceUrl() {
        answers.add(oauth("tok-1", Instant.parse("2030-01-01T00:00:00Z")));
        Credentials c = nango.credentials("salesforce", "conn-1", false, "Salesforce");
        assertThat(c.accessToken()).contains("tok-1");
        assertThat(c.instanceUrl()).contains("https://acme.my.salesforce.com");
        assertThat(c.expiresAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(requests).containsExactly("GET /connection/conn-1?provider_config_key=salesforce");
        assertThat(authorizations).containsExactly("Bearer nango-secret");
    }

    @Test
    void readsApiKeyConnections() {
        answers.add(new Answer(200, "{\"credentials\":{\"type\":\"API_KEY\",\"apiKey\":\"key-9\"}}"));
        assertThat(nango.credentials("apollo", "c", false, "Apollo").apiKey()).contains("key-9");
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void cachesTheTokenUntilShortlyBeforeItExpires() {
        Instant start = Instant.parse("2026-05-01T12:00:00Z");
        MovingClock clock = new MovingClock(start);
        NangoCredentialSource s = source(clock);
        answers.add(oauth("tok-1", start.plus(Duration.ofMinutes(30))));
        answers.add(oauth("tok-2", start.plus(Duration.ofMinutes(90))));
        assertThat(s.current().accessToken()).contains("tok-1");
        clock.now = start.plus(Duration.ofMinutes(28));
        assertThat(s.current().accessToken()).contains("tok-1");
        assertThat(requests).hasSize(1);
        // within the last minute before expiry the token is fetched again
        clock.now = start.plus(Duration.ofSeconds(29 * 60 + 30));
        assertThat(s.current().accessToken()).contains("tok-2");
        assertThat(requests).hasSize(2);
    }

    @Test
    void aRefreshAsksNangoToRefreshNow() {
        answers.add(oauth("tok-1", Instant.parse("2030-01-01T00:00:00Z")));
        answers.add(oauth("tok-2", Instant.parse("2030-01-01T01:00:00Z")));
        NangoCredentialSource s = source(Clock.systemUTC());
        s.current();
        assertThat(s.refreshed().accessToken()).contains("tok-2");
        assertThat(requests.get(1)).isEqualTo("GET /connection/conn-1?provider_config_key=salesforce&force_refresh=true");
        assertThat(s.current().accessToken()).contains("tok-2");
    }

    @Test
    void aMissingOrRevokedConnectionMeansReconnect() {
        answers.add(new Answer(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"Failed to find connection\"}}"));
        assertThatThrownBy(() -> nango.credentials("salesforce", "gone", false, "Salesforce"))
                .isInstanceOf(ConnectorException.NeedsReconnect.class).hasMessage("Reconnect Salesforce");
        answers.add(new Answer(400, "{\"error\":{\"code\":\"invalid_credentials\",\"message\":\"refresh failed\"}}"));
        assertThatThrownBy(() -> nango.credentials("salesforce", "revoked", true, "Salesforce"))
                .isInstanceOf(ConnectorException.NeedsReconnect.class);
        assertThat(requests).hasSize(2);
    }

    @Test
    void serverErrorsAreRetriedThenReportedAsUnavailable() {
        answers.add(new Answer(503, "{}"));
        answers.add(oauth("tok-1", Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(nango.credentials("salesforce", "conn-1", false, "Salesforce").accessToken()).contains("tok-1");
        requests.clear();
        for (int i = 0; i < 3; i++) answers.add(new Answer(502, "{}"));
        assertThatThrownBy(() -> nango.credentials("salesforce", "conn-1", false, "Salesforce"))
                .isInstanceOf(ConnectorException.Unavailable.class);
        assertThat(requests).hasSize(3);
    }

    @Test
    void createsConnectSessionsForTheWebUi() {
        answers.add(new Answer(201, "{\"data\":{\"token\":\"nango_connect_session_abc\",\"connect_link\":\"https://connect.nango.dev?session_token=x\",\"expires_at\":\"2026-05-01T12:30:00.000Z\"}}"));
        NangoClient.ConnectSession s = nango.createConnectSession("user-1", "ada@acme.test", "org-1", null, List.of("hubspot"));
        assertThat(s.token()).isEqualTo("nango_connect_session_abc");
        assertThat(s.expiresAt()).contains(Instant.parse("2026-05-01T12:30:00Z"));
        assertThat(requests).containsExactly("POST /connect/sessions");
    }

    @Test
    void withoutASecretKeyNothingIsSent() {
        NangoClient unconfigured = new NangoClient(new CredentialsProperties(null));
        assertThat(unconfigured.configured()).isFalse();
        assertThatThrownBy(() -> unconfigured.credentials("x", "y", false, "X"))
                .isInstanceOf(ConnectorException.InvalidRequest.class).hasMessageContaining("NANGO_SECRET_KEY");
        assertThat(requests).isEmpty();
    }
}
