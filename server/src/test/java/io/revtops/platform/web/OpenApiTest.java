package io.revtops.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The API documents itself: OpenAPI JSON and a browsable UI, without signing in. */
@RevtopsTest
class OpenApiTest {
    @LocalServerPort int port;

    @Test
    void theOpenApiDocumentListsTheEndpoints() {
        var doc = new TestApi(port).get("/api/openapi.json", Caller.anonymous());
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().path("openapi").asString()).startsWith("3.");
        assertThat(doc.json().path("paths").propertyNames())
                .contains("/api/auth/dev-login", "/api/auth/me", "/api/users/sync", "/api/organizations",
                        "/api/organizations/by-domain/{domain}", "/api/members", "/api/members/{userId}", "/health");
    }

    @Test
    void theSlackInteractivityEndpointIsDocumentedWithItsSignatureHeaders() {
        var doc = new TestApi(port).get("/api/openapi.json", Caller.anonymous()).json();
        var post = doc.path("paths").path("/api/slack/interactions").path("post");
        assertThat(post.path("summary").asString()).contains("Slack");
        assertThat(post.path("parameters").toString()).contains("X-Slack-Signature", "X-Slack-Request-Timestamp");
        assertThat(post.path("responses").has("401")).isTrue();
        assertThat(post.path("requestBody").path("content").has("application/x-www-form-urlencoded")).isTrue();
    }

    @Test
    void theDocsUiIsServed() {
        var ui = new TestApi(port).get("/api/docs", Caller.anonymous());
        assertThat(ui.status()).isEqualTo(302);
        String location = ui.headers().get("location").replaceFirst("^https?://[^/]+", "");
        var page = new TestApi(port).get(location, Caller.anonymous());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw()).containsIgnoringCase("swagger");
    }

    @Test
    void healthNeedsNoSignIn() {
        var health = new TestApi(port).get("/health", Caller.anonymous());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("database").asString()).isEqualTo("up");
        assertThat(health.json().path("migrations_pending").asInt()).isZero();
    }
}
