package io.revtops.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: real requests to the server on its port, JSON answers as trees. */
public final class TestApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public TestApi(int port) {
        this("http://localhost:" + port);
    }

    public TestApi(String base) {
        this.base = base;
    }

    /** A response: status, the raw body and the body parsed as JSON (a missing node if it isn't JSON). */
    public record Response(int status, String raw, JsonNode json, Map<String, String> headers) {
        public String errorCode() {
            return json.path("error").path("code").asString();
        }
    }

    /** Who calls: a bearer token and the organization header, either may be null. */
    public record Caller(String token, String orgId) {
        public static Caller anonymous() {
            return new Caller(null, null);
        }

        public Caller inOrg(Object org) {
            return new Caller(token, org == null ? null : org.toString());
        }
    }

    /** A signed-in user: token, user id and the organization their first sign-in put them in. */
    public record Session(String token, UUID userId, UUID orgId) {
        public Caller caller() {
            return new Caller(token, orgId.toString());
        }
    }

    public Session devLogin(String email) {
        Response r = post("/api/auth/dev-login", Caller.anonymous(), Map.of("email", email));
        if (r.status() != 200) throw new IllegalStateException("dev login failed: " + r.status() + " " + r.raw());
        return new Session(r.json().path("token").asString(),
                UUID.fromString(r.json().path("me").path("user").path("id").asString()),
                UUID.fromString(r.json().path("me").path("organizations").path(0).path("id").asString()));
    }

    public Response get(String path, Caller caller) {
        return send(request(path, caller).GET());
    }

    public Response delete(String path, Caller caller) {
        return send(request(path, caller).DELETE());
    }

    public Response post(String path, Caller caller, Object body) {
        return sendJson("POST", path, caller, body);
    }

    public Response patch(String path, Caller caller, Object body) {
        return sendJson("PATCH", path, caller, body);
    }

    public Response put(String path, Caller caller, Object body) {
        return sendJson("PUT", path, caller, body);
    }

    /** Sends a body exactly as given (for malformed JSON and oversized bodies). */
    public Response sendRaw(String method, String path, Caller caller, String rawBody) {
        return send(request(path, caller).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(rawBody)));
    }

    private Response sendJson(String method, String path, Caller caller, Object body) {
        String raw = body instanceof String s ? s : JSON.writeValueAsString(body);
        return sendRaw(method, path, caller, raw);
    }

    private HttpRequest.Builder request(String path, Caller caller) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (caller.token() != null) b.header("Authorization", "Bearer " + caller.token());
        if (caller.orgId() != null) b.header("X-Organization-Id", caller.orgId());
        return b;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = r.body().isBlank() ? JSON.missingNode() : JSON.readTree(r.body());
            } catch (RuntimeException notJson) {
                json = JSON.missingNode();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            return new Response(r.statusCode(), r.body(), json, headers);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonMapper json() {
        return JSON;
    }
}
