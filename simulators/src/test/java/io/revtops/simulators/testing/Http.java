package io.revtops.simulators.testing;

import io.revtops.simulators.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A small java.net.http client for the simulator tests: one call, one {@link Reply}. */
public final class Http {

    /** A received answer. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public JsonNode json() {
            return Json.read(body);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst();
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

    public static Http bearer(String token) {
        Http http = new Http();
        http.defaultHeaders.put("Authorization", "Bearer " + token);
        return http;
    }

    public static Http anonymous() {
        return new Http();
    }

    public Http header(String name, String value) {
        Http copy = new Http();
        copy.defaultHeaders.putAll(defaultHeaders);
        copy.defaultHeaders.put(name, value);
        return copy;
    }

    public Reply get(String url) {
        return send("GET", url, null);
    }

    public Reply delete(String url) {
        return send("DELETE", url, null);
    }

    public Reply post(String url, Object body) {
        return send("POST", url, body);
    }

    public Reply patch(String url, Object body) {
        return send("PATCH", url, body);
    }

    public Reply put(String url, Object body) {
        return send("PUT", url, body);
    }

    /** Sends a request; {@code body} is a JSON string or an object written as JSON. */
    public Reply send(String method, String url, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        defaultHeaders.forEach(builder::header);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : Json.write(body);
            builder.header("Content-Type", "application/json");
            builder.method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k, String.join(",", v)));
            return new Reply(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + url + " interrupted", e);
        }
    }
}
