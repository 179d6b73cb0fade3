package io.revtops.connectors;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The one HTTP layer every connector talks through, bound to one integration: it resolves paths against the
 * vendor's base URL, adds credentials, applies the per-(integration, API) rate limit, retries 429/5xx/timeouts with
 * exponential backoff and jitter honouring {@code Retry-After}, never retries auth failures (it refreshes the
 * token once, then reports {@link ConnectorException.NeedsReconnect}), and logs without secrets.
 * Non-2xx answers that are not retried come back as {@link ConnectorException}s, never as responses.
 */
public interface ApiClient {

    ApiResponse send(ApiRequest request);

    /** The base URL paths are resolved against (REVTOPS_&lt;SLUG&gt;_BASE_URL, the credentials' instance URL, or the default). */
    URI baseUrl();

    default ApiResponse get(String path, Map<String, String> query) {
        return send(ApiRequest.get(path, query));
    }

    default ApiResponse postJson(String path, Object body) {
        return send(ApiRequest.json("POST", path, body, Optional.empty()));
    }

    default ApiResponse postJson(String path, Object body, String idempotencyKey) {
        return send(ApiRequest.json("POST", path, body, Optional.ofNullable(idempotencyKey)));
    }

    default ApiResponse patchJson(String path, Object body, String idempotencyKey) {
        return send(ApiRequest.json("PATCH", path, body, Optional.ofNullable(idempotencyKey)));
    }
}
