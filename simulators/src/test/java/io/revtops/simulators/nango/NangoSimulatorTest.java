package io.revtops.simulators.nango;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.common.TokenStatus;
import io.revtops.simulators.testing.Http;
import io.revtops.simulators.testing.Http.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NangoSimulatorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T09:00:00Z"));
    private final TokenRegistry tokens = new TokenRegistry(clock);
    private NangoSimulator nango;
    private Http http;

    @BeforeEach
    void start() {
        nango = new NangoSimulator(42, tokens, clock).tokenTtl(Duration.ofMinutes(30));
        nango.start("127.0.0.1", 0);
        nango.addConnection("conn-1", "hubspot", "hubspot", "hubspot", Map.of("portalId", 123));
        http = Http.bearer(nango.secretKey());
    }

    @AfterEach
    void stop() {
        nango.close();
    }

    private Reply connection(String query) {
        return http.get(nango.baseUrl() + "/connection/conn-1?provider_config_key=hubspot" + query);
    }

    @Nested
    class Credentials {

        @Test
        void connectionCarriesNangosShapeAndAValidToken() {
            JsonNode c = connection("").json();

            assertThat(c.path("connection_id").asString()).isEqualTo("conn-1");
            assertThat(c.path("provider_config_key").asString()).isEqualTo("hubspot");
            assertThat(c.path("provider").asString()).isEqualTo("hubspot");
            assertThat(c.path("connection_config").path("portalId").asInt()).isEqualTo(123);
            JsonNode credentials = c.path("credentials");
            assertThat(credentials.path("type").asString()).isEqualTo("OAUTH2");
            assertThat(Instant.parse(credentials.path("expires_at").asString()))
                    .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
            assertThat(credentials.path("raw").path("access_token").asString())
                    .isEqualTo(credentials.path("access_token").asString());
            assertThat(credentials.has("refresh_token")).isFalse();
            assertThat(tokens.check(credentials.path("access_token").asString(), "hubspot")).isEqualTo(TokenStatus.VALID);
        }

        @Test
        void expiredTokenIsRefreshedOnTheNextFetch() {
            String first = connection("").json().path("credentials").path("access_token").asString();

            clock.advance(Duration.ofMinutes(31));
            assertThat(tokens.check(first, "hubspot")).isEqualTo(TokenStatus.EXPIRED);
            String second = connection("").json().path("credentials").path("access_token").asString();

            assertThat(second).isNotEqualTo(first);
            assertThat(tokens.check(second, "hubspot")).isEqualTo(TokenStatus.VALID);
            assertThat(connection("").json().path("credentials").path("access_token").asString()).isEqualTo(second);
        }

        @Test
        void forceRefreshIssuesANewTokenAndRefreshTokenIsOnlyShownWhenAsked() {
            String first = connection("").json().path("credentials").path("access_token").asString();

            JsonNode refreshed = connection("&force_refresh=true&refresh_token=true").json().path("credentials");

            assertThat(refreshed.path("access_token").asString()).isNotEqualTo(first);
            assertThat(refreshed.path("refresh_token").asString()).isNotBlank();
        }

        @Test
        void deletedConnectionIs404WithNangosErrorBodyAndItsTokenIsRevoked() {
            String token = connection("").json().path("credentials").path("access_token").asString();

            Reply deleted = http.delete(nango.baseUrl() + "/connection/conn-1?provider_config_key=hubspot");
            Reply after = connection("");

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(after.status()).isEqualTo(404);
            assertThat(after.json().path("error").path("code").asString()).isEqualTo("unknown_connection");
            assertThat(tokens.check(token, "hubspot")).isEqualTo(TokenStatus.REVOKED);
        }

        @Test
        void revokedAtProviderCannotBeRefreshed() {
            nango.revokeAtProvider("conn-1", "hubspot");

            Reply reply = connection("&force_refresh=true");

            assertThat(reply.status()).isEqualTo(424);
            assertThat(reply.json().path("error").path("code").asString()).isEqualTo("refresh_token_external_error");
        }

        @Test
        void wrongSecretKeyIs401() {
            Reply reply = Http.bearer("not-the-key").get(nango.baseUrl() + "/connection/conn-1?provider_config_key=hubspot");

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().path("error").path("code").asString()).isEqualTo("unknown_account");
        }

        @Test
        void missingProviderConfigKeyIs400() {
            Reply reply = http.get(nango.baseUrl() + "/connection/conn-1");

            assertThat(reply.status()).isEqualTo(400);
        }
    }

    @Nested
    class ConnectSessions {

        @Test
        void sessionTokenIsIssuedAndCompletingItCreatesAConnection() {
            Reply created = http.post(nango.baseUrl() + "/connect/sessions", Map.of(
                    "end_user", Map.of("id", "user-1", "email", "maya.chen@acme-demo.test"),
                    "allowed_integrations", java.util.List.of("hubspot")));

            assertThat(created.status()).isEqualTo(201);
            String token = created.json().path("data").path("token").asString();
            assertThat(token).startsWith("nango_connect_session_");
            assertThat(Instant.parse(created.json().path("data").path("expires_at").asString()))
                    .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));

            Reply session = Http.bearer(token).get(nango.baseUrl() + "/connect/session");
            assertThat(session.json().path("data").path("end_user").path("id").asString()).isEqualTo("user-1");

            Reply completed = Http.anonymous().post(nango.baseUrl() + "/__sim/connect/complete",
                    Map.of("session_token", token, "provider_config_key", "hubspot", "connection_id", "conn-2"));
            assertThat(completed.status()).isEqualTo(201);
            JsonNode connection = http.get(nango.baseUrl() + "/connection/conn-2?provider_config_key=hubspot").json();
            assertThat(connection.path("end_user").path("id").asString()).isEqualTo("user-1");
        }

        @Test
        void sessionWithoutEndUserIsRejected() {
            Reply reply = http.post(nango.baseUrl() + "/connect/sessions", Map.of("allowed_integrations",
                    java.util.List.of("hubspot")));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().path("error").path("code").asString()).isEqualTo("invalid_body");
        }
    }
}
