package io.revtops.connectors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request to a vendor API. {@code path} is relative to the base URL, or absolute (paging links such as
 * Salesforce's {@code nextRecordsUrl} or HubSpot's {@code paging.next.link}, which must stay on the same host).
 * {@code api} names the rate-limit bucket (e.g. {@code search} for HubSpot's stricter search limits).
 * {@code body} is serialized as JSON when present.
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                         Optional<Object> body, String api, Optional<String> idempotencyKey) {

    public ApiRequest {
        query = Map.copyOf(new LinkedHashMap<>(query));
        headers = Map.copyOf(headers);
        body = body == null ? Optional.empty() : body;
        idempotencyKey = idempotencyKey == null ? Optional.empty() : idempotencyKey;
        if (api == null || api.isBlank()) api = "default";
    }

    public static ApiRequest get(String path, Map<String, String> query) {
        return new ApiRequest("GET", path, query, Map.of(), Optional.empty(), "default", Optional.empty());
    }

    public static ApiRequest json(String method, String path, Object body, Optional<String> idempotencyKey) {
        return new ApiRequest(method, path, Map.of(), Map.of(), Optional.ofNullable(body), "default", idempotencyKey);
    }

    /** The same request counted against another rate-limit bucket. */
    public ApiRequest onApi(String bucket) {
        return new ApiRequest(method, path, query, headers, body, bucket, idempotencyKey);
    }

    public ApiRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiRequest(method, path, query, h, body, api, idempotencyKey);
    }
}
