package io.revtops.connectors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request to a vendor API. {@code path} is relative to the base URL, or absolute (paging links such as
 * Salesforce's {@code nextRecordsUrl} or HubSpot's {@code paging.next.link}, which must stay on the same host).
 * {@code api} names the rate-limit bucket (e.g. {@code search} for HubSpot's stricter search limits).
 * {@code body} is serialized as JSON when present. {@code resendable} is false for a request that must not be sent
 * twice and has no idempotency key the vendor honours (Gmail's send): the HTTP layer then retries it only when the
 * vendor surely did not act on it (429, connection refused), never after a timeout or a 5xx.
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                         Optional<Object> body, String api, Optional<String> idempotencyKey, boolean resendable) {

    public ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                      Optional<Object> body, String api, Optional<String> idempotencyKey) {
        this(method, path, query, headers, body, api, idempotencyKey, true);
    }

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
        return new ApiRequest(method, path, query, headers, body, bucket, idempotencyKey, resendable);
    }

    /** The same request, never resent once it may have reached the vendor (see {@link #resendable()}). */
    public ApiRequest notResendable() {
        return new ApiRequest(method, path, query, headers, body, api, idempotencyKey, false);
    }

    public ApiRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiRequest(method, path, query, h, body, api, idempotencyKey, resendable);
    }
}
