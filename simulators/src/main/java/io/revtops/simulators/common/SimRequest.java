package io.revtops.simulators.common;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** An incoming request as a simulator route sees it, independent of the HTTP server. */
public final class SimRequest {

    private final String method;
    private final String path;
    private final String queryString;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final String body;
    private String token = "";
    private JsonNode json;

    public SimRequest(String method, String path, String queryString, Map<String, String> pathParams,
                      Map<String, List<String>> query, Map<String, String> headers, String body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.queryString = queryString == null ? "" : queryString;
        this.pathParams = Map.copyOf(pathParams);
        this.query = Map.copyOf(query);
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        this.headers = h;
        this.body = body == null ? "" : body;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String queryString() {
        return queryString;
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Map<String, List<String>> queryParamMap() {
        return query;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String body() {
        return body;
    }

    /** The body parsed as JSON (an empty body reads as an empty object); raises {@link Json.InvalidJson}. */
    public JsonNode json() {
        if (json == null) {
            json = body.isBlank() ? Json.read("{}") : Json.read(body);
        }
        return json;
    }

    /** The credential the simulator accepted for this request, empty before authentication. */
    public String token() {
        return token;
    }

    void authenticatedAs(String token) {
        this.token = token;
    }

    /** Bearer token from the {@code Authorization} header (also accepts Salesforce's legacy {@code OAuth} scheme). */
    public Optional<String> bearerToken() {
        return header("Authorization").flatMap(value -> {
            String v = value.trim();
            for (String scheme : List.of("Bearer ", "OAuth ")) {
                if (v.regionMatches(true, 0, scheme, 0, scheme.length())) {
                    String t = v.substring(scheme.length()).trim();
                    return t.isEmpty() ? Optional.empty() : Optional.of(t);
                }
            }
            return Optional.empty();
        });
    }
}
