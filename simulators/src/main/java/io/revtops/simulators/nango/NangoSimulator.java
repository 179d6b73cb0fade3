package io.revtops.simulators.nango;

import io.revtops.simulators.common.AuthResult;
import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.Routes;
import io.revtops.simulators.common.SimRequest;
import io.revtops.simulators.common.SimResponse;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.common.TokenStatus;
import io.revtops.simulators.common.VendorSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Nango's connection API as the platform uses it: fetch a connection with fresh OAuth credentials
 * ({@code GET /connection/{id}?provider_config_key=…}, also {@code /connections/{id}}), list and delete
 * connections, and create connect sessions for the UI ({@code POST /connect/sessions}). Access tokens it
 * hands out are registered in the shared {@link TokenRegistry}, so the HubSpot and Salesforce simulators
 * accept them until they expire (configurable TTL) or are revoked; an expired token is refreshed on the next
 * fetch, or at once with {@code force_refresh=true}.
 */
public final class NangoSimulator extends VendorSimulator {

    public static final String SLUG = "nango";
    private static final String SESSION_AUDIENCE = "nango-connect-session";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** A stored connection; mutable under the simulator's lock. */
    private static final class Connection {
        final long id;
        final String connectionId;
        final String providerConfigKey;
        final String provider;
        final String audience;
        final Map<String, Object> connectionConfig;
        final Map<String, Object> endUser;
        final Instant createdAt;
        Instant updatedAt;
        Instant lastFetchedAt;
        String accessToken = "";
        String refreshToken = "";
        Instant expiresAt;
        int generation;
        boolean revokedAtProvider;

        Connection(long id, String connectionId, String providerConfigKey, String provider, String audience,
                   Map<String, Object> connectionConfig, Map<String, Object> endUser, Instant createdAt) {
            this.id = id;
            this.connectionId = connectionId;
            this.providerConfigKey = providerConfigKey;
            this.provider = provider;
            this.audience = audience;
            this.connectionConfig = new LinkedHashMap<>(connectionConfig);
            this.endUser = endUser;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.lastFetchedAt = createdAt;
            this.expiresAt = createdAt;
        }
    }

    private final String secretKey;
    private final long seed;
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> sessions = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(18_000);
    private final HttpClient webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Duration tokenTtl = Duration.ofMinutes(30);
    private volatile Optional<String> webhookUrl = Optional.empty();

    public NangoSimulator(long seed, TokenRegistry tokens, Clock clock) {
        super(SLUG, tokens, clock);
        this.seed = seed;
        this.secretKey = UUID.nameUUIDFromBytes(("nango:" + seed).getBytes(StandardCharsets.UTF_8)).toString();
        tokens.register(secretKey, SLUG);
    }

    /** The environment's secret key ({@code NANGO_SECRET_KEY}). */
    public String secretKey() {
        return secretKey;
    }

    /** How long handed-out access tokens live (default 30 minutes, HubSpot's). */
    public NangoSimulator tokenTtl(Duration ttl) {
        this.tokenTtl = ttl;
        return this;
    }

    /** Where to POST Nango's auth webhook when a connect session is completed (none by default). */
    public NangoSimulator webhookUrl(String url) {
        this.webhookUrl = Optional.of(url);
        return this;
    }

    /**
     * Adds (or replaces) a connection and issues its first token, valid at the vendor simulator whose slug is
     * {@code audience}.
     */
    public synchronized void addConnection(String connectionId, String providerConfigKey, String provider,
                                           String audience, Map<String, Object> connectionConfig) {
        addConnection(connectionId, providerConfigKey, provider, audience, connectionConfig, null);
    }

    private Connection addConnection(String connectionId, String providerConfigKey, String provider, String audience,
                                     Map<String, Object> connectionConfig, Map<String, Object> endUser) {
        Connection previous = connections.remove(key(connectionId, providerConfigKey));
        if (previous != null) {
            tokens().revoke(previous.accessToken);
        }
        Connection c = new Connection(ids.incrementAndGet(), connectionId, providerConfigKey, provider, audience,
                connectionConfig, endUser, clock().instant());
        issueToken(c);
        connections.put(key(connectionId, providerConfigKey), c);
        return c;
    }

    /** The access token the connection currently holds (without refreshing it). */
    public synchronized String currentAccessToken(String connectionId, String providerConfigKey) {
        return require(connectionId, providerConfigKey).accessToken;
    }

    /** Makes the current token expire now; the next fetch refreshes it. */
    public synchronized void expireNow(String connectionId, String providerConfigKey) {
        Connection c = require(connectionId, providerConfigKey);
        c.expiresAt = clock().instant();
        tokens().register(c.accessToken, c.audience, c.expiresAt);
    }

    /**
     * The user revoked the app at the provider: the current token stops working and refreshing fails
     * (Nango answers 424), until the connection is re-created.
     */
    public synchronized void revokeAtProvider(String connectionId, String providerConfigKey) {
        Connection c = require(connectionId, providerConfigKey);
        c.revokedAtProvider = true;
        tokens().revoke(c.accessToken);
    }

    /** Deletes the connection (as {@code DELETE /connection/{id}} does) and revokes its token. */
    public synchronized boolean deleteConnection(String connectionId, String providerConfigKey) {
        Connection c = connections.remove(key(connectionId, providerConfigKey));
        if (c != null) {
            tokens().revoke(c.accessToken);
        }
        return c != null;
    }

    public synchronized List<String> connectionIds() {
        return connections.values().stream().map(c -> c.connectionId).toList();
    }

    private Connection require(String connectionId, String providerConfigKey) {
        Connection c = connections.get(key(connectionId, providerConfigKey));
        if (c == null) {
            throw new IllegalArgumentException("no connection " + connectionId + " for " + providerConfigKey);
        }
        return c;
    }

    private static String key(String connectionId, String providerConfigKey) {
        return providerConfigKey + "|" + connectionId;
    }

    private void issueToken(Connection c) {
        c.generation++;
        String material = HexFormat.of().formatHex(UUID.nameUUIDFromBytes((seed + ":" + c.providerConfigKey + ":"
                + c.connectionId + ":" + c.generation).getBytes(StandardCharsets.UTF_8)).toString()
                .getBytes(StandardCharsets.UTF_8)).substring(0, 40);
        c.accessToken = c.provider + "-oat-" + c.generation + "-" + material;
        c.refreshToken = c.provider + "-ort-" + c.generation + "-" + material.substring(0, 24);
        Instant now = clock().instant();
        c.expiresAt = now.plus(tokenTtl);
        c.updatedAt = now;
        tokens().register(c.accessToken, c.audience, c.expiresAt);
    }

    // ------------------------------------------------------------------ routes

    @Override
    protected void declareRoutes(Routes routes) {
        routes.get("/connection/{connectionId}", this::getConnection)
                .get("/connections/{connectionId}", this::getConnection)
                .get("/connection", this::listConnections)
                .get("/connections", this::listConnections)
                .delete("/connection/{connectionId}", this::deleteConnectionRoute)
                .delete("/connections/{connectionId}", this::deleteConnectionRoute)
                .post("/connect/sessions", this::createSession)
                .get("/connect/session", this::getSession);
    }

    @Override
    protected void declareAdminRoutes(Routes routes) {
        routes.admin("POST", "/__sim/connect/complete", this::completeSession);
        routes.admin("POST", "/__sim/connections", r -> {
            JsonNode b = r.json();
            Map<String, Object> config = new LinkedHashMap<>();
            b.path("connection_config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asString()));
            String providerConfigKey = b.path("provider_config_key").asString("");
            synchronized (this) {
                addConnection(b.path("connection_id").asString(""), providerConfigKey,
                        b.path("provider").asString(providerConfigKey), b.path("audience").asString(providerConfigKey),
                        config, null);
            }
            return SimResponse.json(201, Json.object("connection_id", b.path("connection_id").asString("")));
        });
        routes.admin("POST", "/__sim/revoke", r -> {
            revokeAtProvider(r.json().path("connection_id").asString(""), r.json().path("provider_config_key").asString(""));
            return SimResponse.empty(204);
        });
    }

    private synchronized SimResponse getConnection(SimRequest r) {
        Optional<String> providerConfigKey = r.queryParam("provider_config_key").filter(k -> !k.isBlank());
        if (providerConfigKey.isEmpty()) {
            return error(400, "missing_provider_config_key", "Missing provider_config_key query parameter");
        }
        Connection c = connections.get(key(r.pathParam("connectionId"), providerConfigKey.get()));
        if (c == null) {
            return unknownConnection();
        }
        boolean force = r.queryParam("force_refresh").map(Boolean::parseBoolean).orElse(false);
        Instant now = clock().instant();
        if (force || !now.isBefore(c.expiresAt)) {
            if (c.revokedAtProvider) {
                return error(424, "refresh_token_external_error", "The external API returned an error when trying "
                        + "to refresh the access token. The user may have revoked access; reconnect the integration.");
            }
            issueToken(c);
        }
        c.lastFetchedAt = now;
        boolean includeRefresh = r.queryParam("refresh_token").map(Boolean::parseBoolean).orElse(false);
        return SimResponse.ok(render(c, includeRefresh));
    }

    private Map<String, Object> render(Connection c, boolean includeRefreshToken) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("access_token", c.accessToken);
        raw.put("token_type", "bearer");
        raw.put("expires_in", Math.max(0, Duration.between(clock().instant(), c.expiresAt).toSeconds()));
        if (includeRefreshToken) {
            raw.put("refresh_token", c.refreshToken);
        }
        c.connectionConfig.forEach((k, v) -> {
            if (k.equals("instance_url")) {
                raw.put(k, v);
            }
        });
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("type", "OAUTH2");
        credentials.put("access_token", c.accessToken);
        if (includeRefreshToken) {
            credentials.put("refresh_token", c.refreshToken);
        }
        credentials.put("expires_at", ISO.format(c.expiresAt));
        credentials.put("raw", raw);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id);
        out.put("connection_id", c.connectionId);
        out.put("provider_config_key", c.providerConfigKey);
        out.put("provider", c.provider);
        out.put("errors", List.of());
        out.put("end_user", c.endUser);
        out.put("metadata", Map.of());
        out.put("connection_config", c.connectionConfig);
        out.put("created_at", ISO.format(c.createdAt));
        out.put("updated_at", ISO.format(c.updatedAt));
        out.put("last_fetched_at", ISO.format(c.lastFetchedAt));
        out.put("credentials", credentials);
        return out;
    }

    private synchronized SimResponse listConnections(SimRequest r) {
        Optional<String> only = r.queryParam("connectionId").or(() -> r.queryParam("connection_id"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Connection c : connections.values()) {
            if (only.isPresent() && !only.get().equals(c.connectionId)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id);
            m.put("connection_id", c.connectionId);
            m.put("provider", c.provider);
            m.put("provider_config_key", c.providerConfigKey);
            m.put("created", ISO.format(c.createdAt));
            m.put("metadata", Map.of());
            m.put("errors", List.of());
            m.put("end_user", c.endUser);
            out.add(m);
        }
        return SimResponse.ok(Json.object("connections", out));
    }

    private SimResponse deleteConnectionRoute(SimRequest r) {
        Optional<String> providerConfigKey = r.queryParam("provider_config_key").filter(k -> !k.isBlank());
        if (providerConfigKey.isEmpty()) {
            return error(400, "missing_provider_config_key", "Missing provider_config_key query parameter");
        }
        return deleteConnection(r.pathParam("connectionId"), providerConfigKey.get())
                ? SimResponse.empty(204) : unknownConnection();
    }

    private synchronized SimResponse createSession(SimRequest r) {
        JsonNode body = r.json();
        JsonNode endUser = body.path("end_user");
        boolean tagged = body.path("tags").isObject() && !body.path("tags").path("end_user_id").asString("").isBlank();
        if (!tagged && endUser.path("id").asString("").isBlank()) {
            return SimResponse.json(400, Json.object("error", Json.object("code", "invalid_body", "errors",
                    List.of(Json.object("code", "invalid_type", "message", "Required", "path", List.of("end_user", "id"))))));
        }
        Instant expires = clock().instant().plus(Duration.ofMinutes(30));
        String token = "nango_connect_session_" + HexFormat.of().formatHex(UUID.nameUUIDFromBytes(
                (seed + ":session:" + sessions.size()).getBytes(StandardCharsets.UTF_8)).toString()
                .getBytes(StandardCharsets.UTF_8)).substring(0, 48);
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("end_user", endUser.isMissingNode() ? null : Json.read(endUser.toString()));
        session.put("organization", body.path("organization").isMissingNode() ? null : Json.read(body.path("organization").toString()));
        List<String> allowed = new ArrayList<>();
        body.path("allowed_integrations").forEach(i -> allowed.add(i.asString()));
        session.put("allowed_integrations", allowed.isEmpty() ? null : allowed);
        sessions.put(token, session);
        tokens().register(token, SESSION_AUDIENCE, expires);
        return SimResponse.json(201, Json.object("data", Json.object("token", token, "expires_at", ISO.format(expires),
                "connect_link", baseUrl() + "/connect?session_token=" + token)));
    }

    private synchronized SimResponse getSession(SimRequest r) {
        Map<String, Object> session = sessions.get(r.token());
        return session == null ? error(404, "not_found", "Connect session not found")
                : SimResponse.ok(Json.object("data", session));
    }

    /** Simulates the end user finishing the Connect UI: creates the connection and sends the auth webhook. */
    private SimResponse completeSession(SimRequest r) {
        JsonNode body = r.json();
        String token = body.path("session_token").asString("");
        String providerConfigKey = body.path("provider_config_key").asString("");
        Connection created;
        synchronized (this) {
            Map<String, Object> session = sessions.get(token);
            if (session == null || tokens().check(token, SESSION_AUDIENCE) != TokenStatus.VALID) {
                return error(404, "not_found", "Connect session not found or expired");
            }
            @SuppressWarnings("unchecked")
            List<String> allowed = (List<String>) session.get("allowed_integrations");
            if (allowed != null && !allowed.contains(providerConfigKey)) {
                return error(400, "integration_not_allowed", "Integration " + providerConfigKey + " is not allowed");
            }
            String connectionId = body.path("connection_id").asString("");
            if (connectionId.isEmpty()) {
                connectionId = UUID.nameUUIDFromBytes((seed + ":connection:" + ids.get()).getBytes(StandardCharsets.UTF_8))
                        .toString();
            }
            Map<String, Object> config = new LinkedHashMap<>();
            body.path("connection_config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asString()));
            Object endUser = session.get("end_user");
            @SuppressWarnings("unchecked")
            Map<String, Object> endUserMap = endUser instanceof JsonNode n ? Json.mapper().convertValue(n, Map.class) : null;
            created = addConnection(connectionId, providerConfigKey, body.path("provider").asString(providerConfigKey),
                    body.path("audience").asString(providerConfigKey), config, endUserMap);
        }
        webhookUrl.ifPresent(url -> sendAuthWebhook(url, created));
        return SimResponse.json(201, Json.object("connection_id", created.connectionId,
                "provider_config_key", created.providerConfigKey));
    }

    private void sendAuthWebhook(String url, Connection c) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "auth");
        payload.put("operation", "creation");
        payload.put("from", "nango");
        payload.put("connectionId", c.connectionId);
        payload.put("providerConfigKey", c.providerConfigKey);
        payload.put("authMode", "OAUTH2");
        payload.put("provider", c.provider);
        payload.put("environment", "dev");
        payload.put("success", true);
        payload.put("endUser", c.endUser == null ? null : Json.object("endUserId", String.valueOf(c.endUser.get("id"))));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(payload))).build();
        webhookClient.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    // ------------------------------------------------------------------ vendor answers

    private static SimResponse error(int status, String code, String message) {
        return SimResponse.json(status, Json.object("error", Json.object("code", code, "message", message)));
    }

    private static SimResponse unknownConnection() {
        return error(404, "unknown_connection", "No connection matching the provided params of 'connection_id' "
                + "and 'provider_config_key'.");
    }

    @Override
    protected AuthResult authenticate(SimRequest r) {
        Optional<String> token = r.bearerToken();
        if (token.isEmpty()) {
            return new AuthResult.Refused(error(401, "missing_auth_header",
                    "Authentication failed. The request is missing the Authorization header."));
        }
        String audience = r.path().equals("/connect/session") ? SESSION_AUDIENCE : SLUG;
        if (tokens().check(token.get(), audience) == TokenStatus.VALID) {
            return new AuthResult.Accepted(token.get());
        }
        return new AuthResult.Refused(error(401, "unknown_account",
                "The secret key is invalid. Check it in the Nango dashboard (Environment Settings)."));
    }

    @Override
    protected SimResponse rateLimited(SimRequest r, int retryAfterSeconds) {
        return error(429, "too_many_request", "Too many requests, retry after " + retryAfterSeconds + " seconds.");
    }

    @Override
    protected SimResponse quotaExhausted(SimRequest r) {
        return error(429, "resource_capped", "You have reached the maximum number of requests for your plan.");
    }

    @Override
    protected SimResponse serverError(SimRequest r, int status) {
        return error(status, "server_error", "An unexpected error occurred.");
    }

    @Override
    protected SimResponse notFound(SimRequest r) {
        return error(404, "not_found", "Route not found");
    }

    @Override
    protected SimResponse invalidJson(SimRequest r, String detail) {
        return error(400, "invalid_json", detail);
    }
}
