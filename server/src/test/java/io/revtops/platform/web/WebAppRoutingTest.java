package io.revtops.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The web app is served at / and at every app page (history-API routing); server paths keep their JSON 404s. */
@RevtopsTest
class WebAppRoutingTest {
    @LocalServerPort int port;
    final HttpClient http = HttpClient.newHttpClient();

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    HttpResponse<String> get(String path, String accept) throws Exception {
        return get(path, accept, null);
    }

    HttpResponse<String> get(String path, String accept, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (accept != null) b.header("Accept", accept);
        if (token != null) b.header("Authorization", "Bearer " + token);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootServesTheApp() throws Exception {
        var r = get("/", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("<html").contains("Revtops");
    }

    @Test
    void anAppPageReloadedByTheBrowserServesTheApp() throws Exception {
        var r = get("/chat/3f0e2a4c-0000-4000-8000-000000000000", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Revtops");
        assertThat(get("/data/deals", "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownApiPathsStayJson404sEvenForBrowsers() throws Exception {
        String token = new TestApi(port).devLogin("web@routing" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".test").token();
        var r = get("/api/no-such-thing", BROWSER, token);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("\"error\"");
        assertThat(get("/api/no-such-thing", BROWSER).statusCode()).isEqualTo(401);
        assertThat(get("/ws/nothing", BROWSER).statusCode()).isEqualTo(404);
    }

    @Test
    void missingFilesAndNonBrowserRequestsAre404s() throws Exception {
        assertThat(get("/assets/missing-1234.js", "*/*").statusCode()).isEqualTo(404);
        assertThat(get("/logo.png", "text/html").statusCode()).isEqualTo(404);
        assertThat(get("/chat", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void healthIsStillServed() throws Exception {
        var r = get("/health", BROWSER);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("<html");
    }
}
