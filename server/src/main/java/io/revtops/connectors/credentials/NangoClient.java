package io.revtops.connectors.credentials;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nango's HTTP API, as far as Revtops needs it: a connection's current credentials
 * ({@code GET /connection/{id}?provider_config_key=…}, Nango refreshes expired OAuth tokens itself and
 * {@code force_refresh=true} makes it refresh now) and connect sessions for the web UI ({@code POST /connect/sessions}).
 * 5xx, 429 and timeouts are retried with exponential backoff and jitter; a missing or revoked connection is
 * {@link ConnectorException.NeedsReconnect}. The secret key is sent as a bearer token and never logged.
 */
@Component
public class NangoClient {
    private static final Logger log = LoggerFactory.getLogger(NangoClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CredentialsProperties.Nango config;
    private final HttpClient http;
    private final Retry retry;

    public NangoClient(CredentialsProperties props) {
        this.config = props.nango();
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.retry = Retry.of("nango", RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(config.retryBackoff(), 2.0, 0.5))
                .retryExceptions(Transient.class)
                .build());
    }

    public boolean configured() {
        return config.configured();
    }

    /** A session token the web UI opens Nango's Connect UI with. */
    public record ConnectSession(String token, Optional<Instant> expiresAt, Optional<String> connectLink) {}

    /**
     * The connection's credentials. {@code providerName} is the display name used in "Reconnect &lt;Provider&gt;".
     */
    public Credentials credentials(String providerConfigKey, String connectionId, boolean forceRefresh, String providerName) {
        requireConfigured();
        String url = base() + "/connection/" + encode(connectionId) + "?provider_config_key=" + encode(providerConfigKey)
                + (forceRefresh ? "&force_refresh=true" : "");
        HttpRequest request = authorized(URI.create(url)).GET().build();
        JsonNode body = call("get_connection", request, providerName);
        return toCredentials(body, providerName);
    }

    /** Creates a connect session for one end user of one organization, limited to the given Nango integrations. */
    public ConnectSession createConnectSession(String endUserId, String endUserEmail, String organizationId,
                                               String organizationName, List<String> allowedIntegrations) {
        requireConfigured();
        Map<String, Object> endUser = new LinkedHashMap<>();
        endUser.put("id", endUserId);
        if (endUserEmail != null) endUser.put("email", endUserEmail);
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("id", organizationId);
        if (organizationName != null) organization.put("display_name", organizationName);
        Map<String, Object> body = Map.of("end_user", endUser, "organization", organization,
                "allowed_integrations", allowedIntegrations);
        HttpRequest request = authorized(URI.create(base() + "/connect/sessions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        JsonNode data = call("create_connect_session", request, "Nango").path("data");
        String token = data.path("token").asString("");
        if (token.isBlank()) throw new ConnectorException.MalformedResponse("Nango answered a connect session without a token");
        return new ConnectSession(token, instant(data.path("expires_at")), text(data.path("connect_link")));
    }

    private JsonNode call(String operation, HttpRequest request, String providerName) {
        Supplier<JsonNode> attempt = () -> once(operation, request, providerName);
        try {
            return Retry.decorateSupplier(retry, attempt).get();
        } catch (Transient e) {
            throw new ConnectorException.Unavailable("Nango is unavailable (" + e.getMessage() + ")");
        }
    }

    private JsonNode once(String operation, HttpRequest request, String providerName) {
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            log.info("event=nango_call operation={} outcome=io_error error={}", operation, e.getClass().getSimpleName());
            throw new Transient(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException.Cancelled();
        }
        int status = response.statusCode();
        log.info("event=nango_call operation={} status={} ms={}", operation, status, (System.nanoTime() - started) / 1_000_000);
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) return body;
        if (status == 429 || status >= 500) {
            // a refresh Nango could not do is a revoked grant, not an outage, whatever the status it answers with
            if ("invalid_credentials".equals(body.path("error").path("code").asString(""))) {
                throw new ConnectorException.NeedsReconnect(providerName);
            }
            throw new Transient("status " + status);
        }
        if (status == 400 && !"invalid_credentials".equals(body.path("error").path("code").asString(""))
                && !"unknown_provider_config".equals(body.path("error").path("code").asString(""))) {
            throw new ConnectorException.InvalidRequest("Nango refused the request: "
                    + abbreviate(body.path("error").path("message").asString(body.path("error").path("code").asString("bad request"))));
        }
        // 401/403 (our secret is not valid for it), 404 (no such connection), 424 and invalid_credentials (refresh
        // failed, the grant is revoked), unknown_provider_config: the user must connect again
        throw new ConnectorException.NeedsReconnect(providerName);
    }

    static Credentials toCredentials(JsonNode connection, String providerName) {
        JsonNode c = connection.path("credentials");
        String type = c.path("type").asString("").toUpperCase();
        Optional<String> instanceUrl = text(connection.path("connection_config").path("instance_url"))
                .or(() -> text(c.path("raw").path("instance_url")));
        Optional<Instant> expiresAt = instant(c.path("expires_at"));
        Optional<String> token = text(c.path("access_token")).or(() -> text(c.path("token")));
        Optional<String> apiKey = text(c.path("apiKey")).or(() -> text(c.path("api_key")));
        if (type.equals("API_KEY") && apiKey.isPresent()) {
            return new Credentials(Optional.empty(), apiKey, instanceUrl, Optional.empty());
        }
        if (token.isPresent()) return new Credentials(token, Optional.empty(), instanceUrl, expiresAt);
        if (apiKey.isPresent()) return new Credentials(Optional.empty(), apiKey, instanceUrl, Optional.empty());
        // a connection without a usable secret (e.g. half-finished OAuth) cannot be used: connect again
        throw new ConnectorException.NeedsReconnect(providerName);
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Authorization", "Bearer " + config.secretKey())
                .header("Accept", "application/json");
    }

    private void requireConfigured() {
        if (!configured()) {
            throw new ConnectorException.InvalidRequest("Nango is not configured: set NANGO_SECRET_KEY (and NANGO_BASE_URL for a self-hosted Nango)");
        }
    }

    private String base() {
        return config.baseUrl().toString().replaceAll("/+$", "");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return JSON.missingNode();
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return JSON.missingNode();
        }
    }

    private static Optional<String> text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? Optional.empty()
                : Optional.of(n.asString("")).filter(s -> !s.isBlank());
    }

    private static Optional<Instant> instant(JsonNode n) {
        Optional<String> s = text(n);
        if (s.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Instant.parse(s.get()));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.OffsetDateTime.parse(s.get()).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** A failure worth retrying (5xx, 429, I/O); never leaves this class. */
    static final class Transient extends RuntimeException {
        Transient(String message) {
            super(message, null, false, false);
        }
    }
}
