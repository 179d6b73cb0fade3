package io.revtops.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.revtops.connectors.ApiClient;
import io.revtops.connectors.ApiRequest;
import io.revtops.connectors.ApiResponse;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.CredentialSource;
import io.revtops.connectors.Credentials;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.env.MockEnvironment;

class HttpApiClientTest {

    static final String TOKEN = "tok-SECRET-1234567890";
    static final String FRESH_TOKEN = "tok-FRESH-0987654321";

    FakeVendor vendor;
    MockEnvironment env;
    HttpSettings settings;
    UUID integration;
    CountingCredentials credentials;

    @BeforeEach
    void start() throws Exception {
        vendor = new FakeVendor();
        env = new MockEnvironment();
        settings = HttpSettings.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .withRequestTimeout(Duration.ofSeconds(5));
        integration = UUID.randomUUID();
        credentials = new CountingCredentials(Credentials.token(TOKEN), Credentials.token(FRESH_TOKEN));
    }

    @AfterEach
    void stop() {
        vendor.close();
    }

    static ConnectorMeta meta(ConnectorMeta.AuthStyle style, String defaultBase) {
        return new ConnectorMeta("testvendor", "TestVendor", ConnectorMeta.AuthType.OAUTH2, style,
                ConnectorMeta.Scope.ORGANIZATION, List.of(), Set.of(), List.of(), List.of(), List.of(), "", defaultBase,
                Optional.empty());
    }

    ApiClient client() {
        return client(settings);
    }

    ApiClient client(HttpSettings s) {
        return new HttpApiClientFactory(s, env).create(meta(new ConnectorMeta.AuthStyle.Bearer(), "https://api.example.invalid"),
                integration, credentials, Optional.of(vendor.base()));
    }

    static final class CountingCredentials implements CredentialSource {
        final AtomicInteger current = new AtomicInteger();
        final AtomicInteger refreshed = new AtomicInteger();
        final Credentials first;
        final Credentials fresh;

        CountingCredentials(Credentials first, Credentials fresh) {
            this.first = first;
            this.fresh = fresh;
        }

        @Override
        public Credentials current() {
            current.incrementAndGet();
            return refreshed.get() > 0 ? fresh : first;
        }

        @Override
        public Credentials refreshed() {
            refreshed.incrementAndGet();
            return fresh;
        }
    }

    @Nested
    class Retries {
        @Test
        void rateLimitedAnswerIsRetriedAfterTheVendorsRetryAfter() {
            vendor.then(FakeVendor.Answer.of(429, "{\"message\":\"You have reached your ten_secondly_rolling limit.\"}")
                    .header("Retry-After", "1"));
            vendor.then(200, "{\"ok\":true}");
            long start = System.nanoTime();
            ApiResponse r = client().get("/things", Map.of());
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(r.json().path("ok").asBoolean()).isTrue();
            assertThat(vendor.received()).hasSize(2);
            long gap = Duration.ofNanos(vendor.received().get(1).atNanos() - vendor.received().get(0).atNanos()).toMillis();
            assertThat(gap).as("waited Retry-After (1 s), not the 20 ms backoff").isGreaterThanOrEqualTo(950);
            assertThat(ms).isGreaterThanOrEqualTo(950);
        }

        @Test
        void retryAfterMayBeAnHttpDate() {
            Instant now = Instant.parse("2026-01-01T10:00:00Z");
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(7), ZoneOffset.UTC));
            assertThat(VendorErrors.retryAfter(Optional.of(date), now)).contains(Duration.ofSeconds(7));
            assertThat(VendorErrors.retryAfter(Optional.of("3"), now)).contains(Duration.ofSeconds(3));
            assertThat(VendorErrors.retryAfter(Optional.of("soon"), now)).isEmpty();
            assertThat(VendorErrors.retryAfter(Optional.of(date), now.plusSeconds(60))).contains(Duration.ZERO);
        }

        @Test
        void aBurstOfServerErrorsIsSurvived() {
            vendor.then(503, "{}").then(500, "{\"message\":\"internal\"}").then(502, "<html>bad gateway</html>");
            vendor.then(200, "{\"n\":1}");
            assertThat(client().get("/x", Map.of()).json().path("n").asInt()).isEqualTo(1);
            assertThat(vendor.received()).hasSize(4);
        }

        @Test
        void serverErrorsBeyondTheAttemptsAreUnavailable() {
            for (int i = 0; i < 3; i++) vendor.then(500, "{\"message\":\"An internal error occurred.\"}");
            assertThatThrownBy(() -> client(settings.withMaxAttempts(3)).get("/x", Map.of()))
                    .isInstanceOf(ConnectorException.Unavailable.class)
                    .hasMessageContaining("An internal error occurred.");
            assertThat(vendor.received()).hasSize(3);
        }

        @Test
        void aTimeoutIsRetried() {
            vendor.then(FakeVendor.Answer.of(200, "{\"slow\":true}").delayed(Duration.ofSeconds(2)));
            vendor.then(200, "{\"slow\":false}");
            ApiResponse r = client(settings.withRequestTimeout(Duration.ofMillis(600))).get("/x", Map.of());
            assertThat(r.json().path("slow").asBoolean()).isFalse();
            assertThat(vendor.received()).hasSize(2);
        }

        @Test
        void timeoutsBeyondTheAttemptsAreUnavailable() {
            for (int i = 0; i < 2; i++) vendor.then(FakeVendor.Answer.of(200, "{}").delayed(Duration.ofSeconds(2)));
            assertThatThrownBy(() -> client(settings.withRequestTimeout(Duration.ofMillis(600)).withMaxAttempts(2)).get("/x", Map.of()))
                    .isInstanceOf(ConnectorException.Unavailable.class).hasMessageContaining("did not answer in time");
        }

        @Test
        void rateLimitedBeyondTheAttemptsIsRateLimitedWithTheVendorsWait() {
            for (int i = 0; i < 2; i++) vendor.then(FakeVendor.Answer.of(429, "{\"message\":\"slow down\"}").header("Retry-After", "0"));
            assertThatThrownBy(() -> client(settings.withMaxAttempts(2)).get("/x", Map.of()))
                    .isInstanceOfSatisfying(ConnectorException.RateLimited.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ZERO))
                    .hasMessageContaining("slow down");
            assertThat(vendor.received()).hasSize(2);
        }

        @Test
        void aRetryAfterLongerThanWeWaitEndsTheCallAtOnce() {
            vendor.then(FakeVendor.Answer.of(429, "{}").header("Retry-After", "3600"));
            assertThatThrownBy(() -> client().get("/x", Map.of()))
                    .isInstanceOfSatisfying(ConnectorException.RateLimited.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
            assertThat(vendor.received()).hasSize(1);
        }

        @Test
        void aSpentDailyQuotaIsNotRetried() {
            vendor.then(429, "{\"status\":\"error\",\"message\":\"You have reached your daily limit.\",\"policyName\":\"DAILY\"}");
            assertThatThrownBy(() -> client().get("/x", Map.of())).isInstanceOf(ConnectorException.RateLimited.class)
                    .hasMessageContaining("daily limit");
            vendor.then(403, "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
            assertThatThrownBy(() -> client().get("/x", Map.of())).isInstanceOf(ConnectorException.RateLimited.class)
                    .hasMessageContaining("REQUEST_LIMIT_EXCEEDED");
            assertThat(vendor.received()).hasSize(2);
        }
    }

    @Nested
    class Authentication {
        @Test
        void aRefusedTokenIsRefreshedOnceThenTheUserMustReconnect() {
            vendor.then(401, "{\"message\":\"expired\"}").then(401, "{\"message\":\"revoked\"}");
            assertThatThrownBy(() -> client().get("/x", Map.of()))
                    .isInstanceOf(ConnectorException.NeedsReconnect.class)
                    .hasMessage("Reconnect TestVendor");
            assertThat(vendor.received()).hasSize(2);
            assertThat(credentials.refreshed.get()).isEqualTo(1);
            assertThat(vendor.received().get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(vendor.received().get(1).header("Authorization")).isEqualTo("Bearer " + FRESH_TOKEN);
        }

        @Test
        void aRefreshedTokenThatWorksCompletesTheCall() {
            vendor.then(401, "{}").then(200, "{\"ok\":true}");
            assertThat(client().get("/x", Map.of()).json().path("ok").asBoolean()).isTrue();
            assertThat(vendor.received()).hasSize(2);
        }

        @Test
        void forbiddenIsNotRetriedAndKeepsTheVendorsMessage() {
            vendor.then(403, "{\"status\":\"error\",\"message\":\"This app hasn't been granted all required scopes\",\"category\":\"MISSING_SCOPES\"}");
            assertThatThrownBy(() -> client().get("/x", Map.of()))
                    .isInstanceOfSatisfying(ConnectorException.Rejected.class, e -> assertThat(e.status()).isEqualTo(403))
                    .hasMessageContaining("required scopes");
            assertThat(vendor.received()).hasSize(1);
            assertThat(credentials.refreshed.get()).isZero();
        }

        @Test
        void missingCredentialsNeedAReconnectBeforeAnyCall() {
            credentials = new CountingCredentials(Credentials.none(), Credentials.none());
            assertThatThrownBy(() -> client().get("/x", Map.of())).isInstanceOf(ConnectorException.NeedsReconnect.class);
            assertThat(vendor.received()).isEmpty();
        }

        @Test
        void anApiKeyGoesInTheConnectorsHeader() {
            credentials = new CountingCredentials(Credentials.apiKey("key-123"), Credentials.apiKey("key-123"));
            ApiClient c = new HttpApiClientFactory(settings, env).create(meta(new ConnectorMeta.AuthStyle.Header("X-Api-Key"), "https://x.invalid"),
                    integration, credentials, Optional.of(vendor.base()));
            c.get("/x", Map.of());
            assertThat(vendor.received().get(0).header("X-Api-Key")).isEqualTo("key-123");
            assertThat(vendor.received().get(0).header("Authorization")).isNull();
        }
    }

    @Nested
    class VendorRefusals {
        @Test
        void aValidationErrorIsRejectedWithTheVendorsMessage() {
            vendor.then(400, "{\"status\":\"error\",\"message\":\"Property values were not valid: amount must be a number\","
                    + "\"correlationId\":\"x\",\"category\":\"VALIDATION_ERROR\"}");
            assertThatThrownBy(() -> client().postJson("/deals", Map.of("properties", Map.of("amount", "lots"))))
                    .isInstanceOfSatisfying(ConnectorException.Rejected.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).isEqualTo("Property values were not valid: amount must be a number");
                        assertThat(e.vendorBody()).contains("VALIDATION_ERROR");
                    });
            assertThat(vendor.received()).hasSize(1);
        }

        @Test
        void commonErrorShapesGiveTheirMessage() {
            assertThat(VendorErrors.message(400, "[{\"message\":\"No such column 'Foo' on entity 'Account'\",\"errorCode\":\"INVALID_FIELD\"}]"))
                    .isEqualTo("INVALID_FIELD: No such column 'Foo' on entity 'Account'");
            assertThat(VendorErrors.message(422, "{\"error\":\"Invalid domain\"}")).isEqualTo("Invalid domain");
            assertThat(VendorErrors.message(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired\"}")).isEqualTo("expired");
            assertThat(VendorErrors.message(400, "{\"error\":{\"message\":\"bad\",\"type\":\"x\"}}")).isEqualTo("bad");
            assertThat(VendorErrors.message(400, "{\"errors\":[{\"message\":\"a\"},{\"message\":\"b\"}]}")).isEqualTo("a; b");
            assertThat(VendorErrors.message(404, "")).isEqualTo("HTTP 404");
            assertThat(VendorErrors.message(502, "<html>x</html>")).isEqualTo("HTTP 502");
            assertThat(VendorErrors.message(400, "{\"message\":\"" + "x".repeat(5000) + "\"}")).hasSizeLessThan(1100);
        }
    }

    @Nested
    class Requests {
        @Test
        void jsonBodyQueryAndIdempotencyKeyAreSent() {
            vendor.then(201, "{\"id\":\"9\"}");
            ApiResponse r = client().send(new ApiRequest("POST", "/crm/v3/objects/deals", Map.of("a b", "c&d"), Map.of(),
                    Optional.of(Map.of("properties", Map.of("dealname", "Big one"))), "default", Optional.of("op-42")));
            assertThat(r.status()).isEqualTo(201);
            FakeVendor.Received got = vendor.received().get(0);
            assertThat(got.method()).isEqualTo("POST");
            assertThat(got.path()).isEqualTo("/crm/v3/objects/deals");
            assertThat(got.query()).isEqualTo("a%20b=c%26d");
            assertThat(got.header("Idempotency-Key")).isEqualTo("op-42");
            assertThat(got.header("Content-Type")).isEqualTo("application/json");
            assertThat(got.body()).isEqualTo("{\"properties\":{\"dealname\":\"Big one\"}}");
        }

        @Test
        void anAbsolutePagingLinkOnTheSameHostIsFollowed() {
            client().get(vendor.base() + "/next?cursor=abc", Map.of("limit", "10"));
            assertThat(vendor.received().get(0).path()).isEqualTo("/next");
            assertThat(vendor.received().get(0).query()).isEqualTo("cursor=abc&limit=10");
        }

        @Test
        void anAbsoluteLinkToAnotherHostIsRefusedWithoutSendingAnything() {
            assertThatThrownBy(() -> client().get("http://evil.example.com:" + vendor.base().getPort() + "/steal", Map.of()))
                    .isInstanceOf(ConnectorException.InvalidRequest.class).hasMessageContaining("evil.example.com");
            assertThatThrownBy(() -> client().get("https://127.0.0.1:" + vendor.base().getPort() + "/x", Map.of()))
                    .isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThatThrownBy(() -> client().get("http://127.0.0.1:1/x", Map.of()))
                    .isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThat(vendor.received()).isEmpty();
        }
    }

    @Nested
    class BaseUrl {
        ConnectorMeta meta = meta(new ConnectorMeta.AuthStyle.Bearer(), "https://default.example.com");

        @Test
        void theIntegrationsSettingWinsThenTheEnvironmentThenTheInstanceUrlThenTheDefault() {
            env.setProperty("REVTOPS_TESTVENDOR_BASE_URL", "http://env.example.com:8080");
            var withInstance = new CountingCredentials(new Credentials(Optional.of("t"), Optional.empty(),
                    Optional.of("https://acme.my.salesforce.com"), Optional.empty()), Credentials.token("t"));
            HttpApiClientFactory f = new HttpApiClientFactory(settings, env);
            assertThat(f.create(meta, integration, withInstance, Optional.of(URI.create("http://setting.example.com"))).baseUrl())
                    .isEqualTo(URI.create("http://setting.example.com"));
            assertThat(f.create(meta, integration, withInstance, Optional.empty()).baseUrl())
                    .isEqualTo(URI.create("http://env.example.com:8080"));
            HttpApiClientFactory noEnv = new HttpApiClientFactory(settings, new MockEnvironment());
            assertThat(noEnv.create(meta, integration, withInstance, Optional.empty()).baseUrl())
                    .isEqualTo(URI.create("https://acme.my.salesforce.com"));
            assertThat(noEnv.create(meta, integration, credentials, Optional.empty()).baseUrl())
                    .isEqualTo(URI.create("https://default.example.com"));
        }

        @Test
        void aMalformedBaseUrlIsAClearConfigurationError() {
            env.setProperty("REVTOPS_TESTVENDOR_BASE_URL", "not a url");
            assertThatThrownBy(() -> new HttpApiClientFactory(settings, env).create(meta, integration, credentials, Optional.empty()))
                    .isInstanceOf(ConnectorException.InvalidRequest.class)
                    .hasMessageContaining("REVTOPS_TESTVENDOR_BASE_URL");
            assertThatThrownBy(() -> new HttpApiClientFactory(settings, new MockEnvironment())
                    .create(meta, integration, credentials, Optional.of(URI.create("ftp://files.example.com"))))
                    .isInstanceOf(ConnectorException.InvalidRequest.class).hasMessageContaining("absolute http(s) URL");
        }

        @Test
        void aBasePathPrefixIsKept() {
            ApiClient c = new HttpApiClientFactory(settings, env).create(meta, integration, credentials,
                    Optional.of(URI.create(vendor.base() + "/prefix/")));
            c.get("/v1/items", Map.of());
            assertThat(vendor.received().get(0).path()).isEqualTo("/prefix/v1/items");
        }
    }

    @Nested
    class RateLimiting {
        @Test
        void callsOfOneIntegrationAreSpreadOverTheConfiguredPeriod() throws Exception {
            HttpSettings limited = settings.withRateLimits(Map.of("testvendor", Map.of("default", "2/200ms")));
            HttpApiClientFactory f = new HttpApiClientFactory(limited, env);
            ConnectorMeta m = meta(new ConnectorMeta.AuthStyle.Bearer(), "https://x.invalid");
            // two clients of the same integration share the bucket
            ApiClient a = f.create(m, integration, credentials, Optional.of(vendor.base()));
            ApiClient b = f.create(m, integration, credentials, Optional.of(vendor.base()));
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    ApiClient c = i % 2 == 0 ? a : b;
                    calls.add(pool.submit(() -> c.get("/x", Map.of())));
                }
                for (Future<?> call : calls) call.get();
            }
            List<Long> at = vendor.received().stream().map(FakeVendor.Received::atNanos).sorted().toList();
            assertThat(at).hasSize(10);
            long spanMs = Duration.ofNanos(at.get(9) - at.get(0)).toMillis();
            assertThat(spanMs).as("10 calls at 2 per 200 ms need at least 4 more periods").isGreaterThanOrEqualTo(700);
        }

        @Test
        void anotherIntegrationHasItsOwnBucket() {
            HttpSettings limited = settings.withRateLimits(Map.of("testvendor", Map.of("default", "1/10s")));
            HttpApiClientFactory f = new HttpApiClientFactory(limited, env);
            ConnectorMeta m = meta(new ConnectorMeta.AuthStyle.Bearer(), "https://x.invalid");
            long start = System.nanoTime();
            f.create(m, UUID.randomUUID(), credentials, Optional.of(vendor.base())).get("/x", Map.of());
            f.create(m, UUID.randomUUID(), credentials, Optional.of(vendor.base())).get("/x", Map.of());
            assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(5_000);
            assertThat(vendor.received()).hasSize(2);
        }

        /** Settings where the first permit of a bucket is free and a second within the hour fails at once. */
        HttpSettings onePerHourWithoutWaiting() {
            HttpSettings d = settings.withRateLimits(Map.of("testvendor", Map.of("default", "1/1h")));
            return new HttpSettings(d.connectTimeout(), d.requestTimeout(), d.maxAttempts(), d.backoffBase(), d.backoffMultiplier(),
                    d.backoffCap(), d.maxRetryAfter(), Duration.ZERO, d.rateLimits());
        }

        @Test
        void aClientOfAnInProcessSimulatorUsesTheSimulatorBudget() {
            HttpApiClientFactory f = new HttpApiClientFactory(onePerHourWithoutWaiting(), env);
            f.useSimulatorRateLimits(List.of(vendor.base() + "/"), Map.of("testvendor", Map.of("default", "100/1s")));
            ApiClient c = f.create(meta(new ConnectorMeta.AuthStyle.Bearer(), "https://x.invalid"), integration, credentials,
                    Optional.of(URI.create(vendor.base() + "/api")));
            c.get("/x", Map.of());
            c.get("/x", Map.of());
            assertThat(vendor.received()).hasSize(2);
        }

        @Test
        void aClientOfAnyOtherBaseUrlKeepsTheVendorBudget() throws Exception {
            HttpApiClientFactory f = new HttpApiClientFactory(onePerHourWithoutWaiting(), env);
            try (FakeVendor simulator = new FakeVendor()) {
                f.useSimulatorRateLimits(List.of(simulator.base().toString()), Map.of("testvendor", Map.of("default", "100/1s")));
                ApiClient c = f.create(meta(new ConnectorMeta.AuthStyle.Bearer(), "https://x.invalid"), integration, credentials,
                        Optional.of(vendor.base()));
                c.get("/x", Map.of());
                assertThatThrownBy(() -> c.get("/x", Map.of())).isInstanceOf(ConnectorException.RateLimited.class);
            }
            assertThat(vendor.received()).hasSize(1);
        }

        @Test
        void simulatorBudgetsAreRefusedForABaseUrlOffThisMachine() {
            HttpApiClientFactory f = new HttpApiClientFactory(settings, env);
            assertThatThrownBy(() -> f.useSimulatorRateLimits(List.of("https://slack.com/api"), Map.of("slack", Map.of("default", "100/1s"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slack.com");
        }

        @Test
        void aMalformedSimulatorBudgetIsRefused() {
            HttpApiClientFactory f = new HttpApiClientFactory(settings, env);
            assertThatThrownBy(() -> f.useSimulatorRateLimits(List.of(vendor.base().toString()), Map.of("slack", Map.of("default", "fast"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fast");
        }

        @Test
        void vendorBudgetsHaveDefaultsAndOverrides() {
            RateLimitTable t = new RateLimitTable(Map.of("hubspot", Map.of("search", "3/s")));
            assertThat(t.limit("hubspot", "default")).isEqualTo(new RateLimitTable.Limit(100, Duration.ofSeconds(10)));
            assertThat(t.limit("hubspot", "search")).isEqualTo(new RateLimitTable.Limit(3, Duration.ofSeconds(1)));
            assertThat(t.limit("salesforce", "anything")).isEqualTo(new RateLimitTable.Limit(25, Duration.ofSeconds(1)));
            assertThat(t.limit("unknown", "default")).isEqualTo(RateLimitTable.FALLBACK);
            assertThat(RateLimitTable.parse("300/1m")).isEqualTo(new RateLimitTable.Limit(300, Duration.ofMinutes(1)));
            assertThatThrownBy(() -> RateLimitTable.parse("fast")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Logging {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(HttpApiClient.class);

        @BeforeEach
        void capture() {
            logs.start();
            logger.addAppender(logs);
        }

        @AfterEach
        void release() {
            logger.detachAppender(logs);
        }

        @Test
        void callsAreLoggedWithoutCredentialsQueriesOrBodies() {
            vendor.then(FakeVendor.Answer.of(429, "{}").header("Retry-After", "0"));
            vendor.then(200, "{\"secretPayload\":\"body-text\"}");
            vendor.then(400, "{\"message\":\"nope\"}");
            vendor.then(401, "{}").then(401, "{}");
            client().get("/things", Map.of("email", "pat@example.com"));
            assertThatThrownBy(() -> client().postJson("/things", Map.of("note", "confidential body"), "idem-1"));
            assertThatThrownBy(() -> client().get("/things", Map.of()));

            List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).anySatisfy(l -> assertThat(l)
                    .contains("event=http_call connector=testvendor integration=" + integration + " method=GET path=/things")
                    .contains("status=429").contains("attempt=1"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("status=200").contains("attempt=2"));
            assertThat(String.join("\n", lines)).doesNotContain(TOKEN).doesNotContain(FRESH_TOKEN)
                    .doesNotContainIgnoringCase("authorization").doesNotContain("pat@example.com")
                    .doesNotContain("confidential").doesNotContain("body-text").doesNotContain("Bearer");
        }
    }
}
