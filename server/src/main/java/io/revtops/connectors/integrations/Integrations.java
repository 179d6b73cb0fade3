package io.revtops.connectors.integrations;

import io.revtops.connectors.Connector;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorMeta.Scope;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.OperationSpec;
import io.revtops.connectors.credentials.IntegrationCredentials;
import io.revtops.connectors.credentials.NangoClient;
import io.revtops.connectors.credentials.StoredSecret;
import io.revtops.connectors.integrations.IntegrationViews.AvailableConnector;
import io.revtops.connectors.integrations.IntegrationViews.ConnectSessionView;
import io.revtops.connectors.integrations.IntegrationViews.IntegrationView;
import io.revtops.connectors.integrations.IntegrationViews.OperationView;
import io.revtops.platform.audit.ActionLedger;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.RequestContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Connecting, sharing and disconnecting integrations, for the REST API: who may do what (organization-wide
 * connections are for admins; personal ones for their owner), validation of what was entered, credentials handed
 * to the encrypted store, a ledger line for every change, and events the sync engine reacts to.
 */
@Service
public class Integrations {
    private static final Logger log = LoggerFactory.getLogger(Integrations.class);
    static final int MAX_SECRET_CHARS = 20_000;
    static final int MAX_CONFIG_KEYS = 20;

    private final TenantTx tx;
    private final ConnectorRegistry registry;
    private final IntegrationRepository repository;
    private final IntegrationCredentials credentials;
    private final ActionLedger ledger;
    private final ApplicationEventPublisher events;

    public Integrations(TenantTx tx, ConnectorRegistry registry, IntegrationRepository repository,
                        IntegrationCredentials credentials, ActionLedger ledger, ApplicationEventPublisher events) {
        this.tx = tx;
        this.registry = registry;
        this.repository = repository;
        this.credentials = credentials;
        this.ledger = ledger;
        this.events = events;
    }

    /** What the caller asked to connect with: a Nango connection, or credentials to store, plus settings. */
    public record ConnectRequest(Optional<String> nangoConnectionId, Optional<StoredSecret> secret,
                                 Optional<Map<String, Object>> config) {}

    /** Sharing flags to change; absent ones stay as they are. */
    public record SharingChange(Optional<Boolean> shareSyncedData, Optional<Boolean> shareQueryAccess,
                                Optional<Boolean> shareWriteAccess) {}

    public List<AvailableConnector> available(RequestContext ctx) {
        List<Integration> mine = tx.run(ctx.tenant(), j -> repository.listVisible(j, ctx.userId()));
        List<AvailableConnector> out = new ArrayList<>();
        for (Connector c : registry.all()) {
            ConnectorMeta m = c.meta();
            Optional<Integration> connected = mine.stream().filter(i -> i.provider().equals(m.slug()))
                    .filter(i -> m.scope() == Scope.ORGANIZATION || i.userId().equals(Optional.of(ctx.userId())))
                    .findFirst();
            out.add(new AvailableConnector(m.slug(), m.name(), m.authType().name().toLowerCase(), m.scope().name().toLowerCase(),
                    m.capabilities().stream().map(x -> x.name().toLowerCase()).sorted().toList(), m.entityTypes(),
                    ops(m.queries()), ops(m.writes()), ops(m.actions()), m.nangoProvider(), connected.isPresent(),
                    connected.map(Integration::id), connected.map(i -> i.status().dbValue())));
        }
        return out;
    }

    public List<IntegrationView> list(RequestContext ctx) {
        return tx.run(ctx.tenant(), j -> views(j, repository.listVisible(j, ctx.userId())));
    }

    /** Creates the integration, or repairs/revives the existing one of this provider (and user, when personal). */
    public IntegrationView connect(RequestContext ctx, String provider, ConnectRequest request) {
        ConnectorMeta meta = registry.require(provider).meta();
        requireMayConnect(ctx, meta);
        validate(meta, request);
        request.nangoConnectionId().ifPresent(id -> verifyNangoConnection(meta, id));
        Optional<Map<String, Object>> config = request.config().map(Integrations::normalizedConfig);
        Optional<UUID> owner = meta.scope() == Scope.USER ? Optional.of(ctx.userId()) : Optional.empty();
        Integration integration = tx.run(ctx.tenant(), j -> {
            Optional<Integration> existing = repository.findForConnect(j, meta.slug(), meta.scope(), owner);
            Integration saved = existing
                    .map(e -> repository.reactivate(j, e.id(), request.nangoConnectionId(), config.orElse(e.config())))
                    .orElseGet(() -> repository.insert(j, ctx.orgId(), meta.slug(), meta.scope(), owner,
                            request.nangoConnectionId(), config.orElse(Map.of())));
            if (request.secret().isPresent()) credentials.store(j, ctx.orgId(), saved.id(), request.secret().get());
            else credentials.delete(j, saved.id());
            ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", "integration.connected",
                    "integration:" + saved.id(),
                    Map.of("provider", meta.slug(), "reconnect", existing.isPresent()),
                    Map.of("status", "active", "credentials", request.nangoConnectionId().isPresent() ? "nango"
                            : request.secret().isPresent() ? "stored" : "none"),
                    "completed"));
            return saved;
        });
        log.info("event=integration_connected org_id={} integration_id={} provider={} via={}", ctx.orgId(), integration.id(),
                meta.slug(), request.nangoConnectionId().isPresent() ? "nango" : request.secret().isPresent() ? "stored" : "none");
        events.publishEvent(new IntegrationConnected(ctx.orgId(), integration.id(), meta.slug()));
        return view(ctx, integration.id());
    }

    /** Asks Nango for the connection's credentials once, so a wrong id is a 400 now rather than "Reconnect" later. */
    private void verifyNangoConnection(ConnectorMeta meta, String connectionId) {
        try {
            credentials.verifyNango(meta, connectionId);
        } catch (ConnectorException.NeedsReconnect e) {
            throw new ApiException.InvalidInput("nango_connection_not_found", "Nango has no usable connection '"
                    + abbreviate(connectionId) + "' for its integration '" + IntegrationCredentials.nangoProviderKey(meta)
                    + "'; finish the connect flow first");
        } catch (ConnectorException e) {
            throw new ApiException.UpstreamFailed("Nango could not be asked about the connection: " + e.getMessage(), e);
        }
    }

    /** A Nango connect session for the web UI; a clear 400 when Nango is not configured. */
    public ConnectSessionView connectSession(RequestContext ctx, String provider) {
        ConnectorMeta meta = registry.require(provider).meta();
        requireMayConnect(ctx, meta);
        if (!credentials.nangoConfigured()) throw nangoNotConfigured();
        NangoClient.ConnectSession session;
        try {
            session = credentials.connectSession(meta, ctx.orgId(), null, ctx.userId(), ctx.email());
        } catch (ConnectorException e) {
            throw new ApiException.UpstreamFailed("Nango did not create a connect session: " + e.getMessage(), e);
        }
        tx.execute(ctx.tenant(), j -> ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user",
                "integration.connect_session", "provider:" + meta.slug(), Map.of("provider", meta.slug()),
                Map.of("expires_at", session.expiresAt().map(Object::toString).orElse("")), "completed")));
        return new ConnectSessionView(meta.slug(), IntegrationCredentials.nangoProviderKey(meta), session.token(),
                session.expiresAt(), session.connectLink());
    }

    /** Finds the connector a Nango callback names, by our slug or by its Nango provider config key. */
    public String providerForCallback(Optional<String> provider, Optional<String> providerConfigKey) {
        if (provider.isPresent()) return registry.require(provider.get()).meta().slug();
        String key = providerConfigKey.orElseThrow(() -> new ApiException.InvalidInput("missing_parameter",
                "Parameter 'provider' (or 'provider_config_key') is required"));
        return registry.all().stream().map(Connector::meta)
                .filter(m -> IntegrationCredentials.nangoProviderKey(m).equals(key)).map(ConnectorMeta::slug).findFirst()
                .orElseThrow(() -> new ApiException.InvalidInput("unknown_connector",
                        "No connector uses the Nango integration '" + abbreviate(key) + "'"));
    }

    public IntegrationView updateSharing(RequestContext ctx, UUID id, SharingChange change) {
        Integration before = tx.run(ctx.tenant(), j -> visible(j, ctx, id));
        requireOwnerOrAdmin(ctx, before);
        boolean data = change.shareSyncedData().orElse(before.shareSyncedData());
        boolean query = change.shareQueryAccess().orElse(before.shareQueryAccess());
        boolean write = change.shareWriteAccess().orElse(before.shareWriteAccess());
        // a personal integration's owner-only rows are visible and writable only to their owner under RLS, so the
        // change runs as the owner (the caller is that owner or an admin, checked above)
        Tenant as = before.scope() == Scope.USER ? before.tenant() : ctx.tenant();
        int changed = tx.run(as, j -> {
            repository.updateSharing(j, id, data, query, write);
            int rows = before.scope() == Scope.USER && data != before.shareSyncedData()
                    ? repository.setSyncedVisibility(j, id, before.userId().orElseThrow(), data) : 0;
            ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", "integration.sharing_changed",
                    "integration:" + id,
                    Map.of("share_synced_data", before.shareSyncedData(), "share_query_access", before.shareQueryAccess(),
                            "share_write_access", before.shareWriteAccess()),
                    Map.of("share_synced_data", data, "share_query_access", query, "share_write_access", write,
                            "rows_changed_visibility", rows),
                    "completed"));
            return rows;
        });
        log.info("event=integration_sharing_changed org_id={} integration_id={} share_synced_data={} rows={}",
                ctx.orgId(), id, data, changed);
        return view(ctx, id);
    }

    /** Disconnects: status disconnected, credentials deleted; a running sync stops at its next page. */
    public IntegrationView disconnect(RequestContext ctx, UUID id) {
        Integration before = tx.run(ctx.tenant(), j -> visible(j, ctx, id));
        requireOwnerOrAdmin(ctx, before);
        if (before.status() == Integration.Status.DISCONNECTED) {
            throw new ApiException.Conflict("already_disconnected", "This integration is already disconnected");
        }
        tx.execute(ctx.tenant(), j -> {
            repository.disconnect(j, id);
            credentials.delete(j, id);
            ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", "integration.disconnected",
                    "integration:" + id, Map.of("status", before.status().dbValue(), "provider", before.provider()),
                    Map.of("status", "disconnected", "credentials", "deleted"), "completed"));
        });
        log.info("event=integration_disconnected org_id={} integration_id={} provider={}", ctx.orgId(), id, before.provider());
        events.publishEvent(new IntegrationDisconnected(ctx.orgId(), id, before.provider()));
        return view(ctx, id);
    }

    private IntegrationView view(RequestContext ctx, UUID id) {
        return tx.run(ctx.tenant(), j -> views(j, List.of(repository.find(j, id).orElseThrow())).getFirst());
    }

    private List<IntegrationView> views(JdbcClient j, List<Integration> integrations) {
        var runs = repository.runs(j, integrations.stream().map(Integration::id).toList());
        return integrations.stream().map(i -> {
            String name = registry.find(i.provider()).map(c -> c.meta().name()).orElse(i.provider());
            boolean none = registry.find(i.provider()).map(c -> c.meta().authType() == ConnectorMeta.AuthType.NONE).orElse(false);
            boolean stored = i.nangoConnectionId().isEmpty() && credentials.stored(j, i.id());
            String source = i.nangoConnectionId().isPresent() ? "nango" : stored ? "stored" : "none";
            var r = runs.getOrDefault(i.id(), new IntegrationRepository.Runs(Optional.empty(), Optional.empty()));
            return new IntegrationView(i.id(), i.provider(), name, i.scope().name().toLowerCase(), i.userId(), i.status().dbValue(),
                    i.lastSyncAt(), i.lastError(), i.shareSyncedData(), i.shareQueryAccess(), i.shareWriteAccess(),
                    i.nangoConnectionId().isPresent() || stored || none, source, i.baseUrl().map(URI::toString),
                    r.last(), r.current(), i.createdAt());
        }).toList();
    }

    private Integration visible(JdbcClient j, RequestContext ctx, UUID id) {
        return repository.find(j, id)
                .filter(i -> i.scope() == Scope.ORGANIZATION || i.userId().equals(Optional.of(ctx.userId())) || ctx.isAdmin()
                        || i.shareSyncedData() || i.shareQueryAccess() || i.shareWriteAccess())
                .orElseThrow(() -> new ApiException.NotFound("Integration " + id));
    }

    private static void requireMayConnect(RequestContext ctx, ConnectorMeta meta) {
        if (meta.scope() == Scope.ORGANIZATION && !ctx.isAdmin()) {
            throw new ApiException.Forbidden("admin_only",
                    meta.name() + " is connected for the whole organization; only admins may connect it");
        }
    }

    private static void requireOwnerOrAdmin(RequestContext ctx, Integration i) {
        boolean owner = i.scope() == Scope.USER && i.userId().equals(Optional.of(ctx.userId()));
        if (!owner && !ctx.isAdmin()) {
            throw new ApiException.Forbidden("owner_or_admin_only", "Only the integration's owner or an admin may change it");
        }
    }

    private void validate(ConnectorMeta meta, ConnectRequest request) {
        if (request.nangoConnectionId().isPresent() && request.secret().isPresent()) {
            throw new ApiException.InvalidInput("conflicting_credentials",
                    "Send either nango_connection_id or credentials, not both");
        }
        request.nangoConnectionId().ifPresent(id -> {
            if (id.length() > 255 || !id.matches("[\\p{Graph}]+")) {
                throw new ApiException.InvalidInput("invalid_nango_connection_id",
                        "nango_connection_id must be 1-255 visible characters without spaces");
            }
            if (!credentials.nangoConfigured()) throw nangoNotConfigured();
        });
        request.secret().ifPresent(s -> {
            if (!s.hasSecret()) {
                throw new ApiException.InvalidInput("credentials_required",
                        "credentials needs an api_key or an access_token for " + meta.name());
            }
            for (Optional<String> v : List.of(s.apiKey(), s.accessToken(), s.refreshToken())) {
                if (v.map(String::length).orElse(0) > MAX_SECRET_CHARS) {
                    throw new ApiException.InvalidInput("invalid_credentials", "A credential is longer than "
                            + MAX_SECRET_CHARS + " characters");
                }
            }
            s.instanceUrl().ifPresent(u -> {
                if (httpUrl(u).isEmpty()) {
                    throw new ApiException.InvalidInput("invalid_instance_url",
                            "credentials.instance_url must be an absolute http or https URL such as https://acme.my.salesforce.com");
                }
            });
        });
        if (request.nangoConnectionId().isEmpty() && request.secret().isEmpty() && meta.authType() != ConnectorMeta.AuthType.NONE) {
            throw new ApiException.InvalidInput("credentials_required", meta.name()
                    + " needs credentials: send nango_connection_id (after the Nango connect flow) or credentials with an api_key or access_token");
        }
        Map<String, Object> config = request.config().orElse(Map.of());
        if (config.size() > MAX_CONFIG_KEYS) {
            throw new ApiException.InvalidInput("invalid_config", "config may have at most " + MAX_CONFIG_KEYS + " settings");
        }
        for (var e : config.entrySet()) {
            Object v = e.getValue();
            if (!(v == null || v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new ApiException.InvalidInput("invalid_config", "config." + abbreviate(e.getKey())
                        + " must be a string, number or boolean");
            }
            if (v instanceof String s && s.length() > 2_000) {
                throw new ApiException.InvalidInput("invalid_config", "config." + abbreviate(e.getKey()) + " is too long");
            }
        }
        Object base = config.get("base_url");
        if (base != null && (!(base instanceof String s) || httpUrl(s).isEmpty())) {
            throw new ApiException.InvalidInput("invalid_base_url", "config.base_url must be an absolute http or https URL "
                    + "such as https://api.example.com (got '" + abbreviate(String.valueOf(base)) + "')");
        }
    }

    /** The URL when it is an absolute http(s) URL with a host and no credentials, query or fragment in it. */
    static Optional<URI> httpUrl(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 2_000) return Optional.empty();
        try {
            URI u = new URI(raw.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase();
            boolean ok = (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && !u.getHost().isBlank()
                    && u.getRawUserInfo() == null && u.getRawQuery() == null && u.getRawFragment() == null;
            return ok ? Optional.of(u) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The settings to save: what was sent, with base_url normalized (no trailing slash). */
    static Map<String, Object> normalizedConfig(Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (v == null) return;
            out.put(k, k.equals("base_url") && v instanceof String s ? s.trim().replaceAll("/+$", "") : v);
        });
        return out;
    }

    private static ApiException nangoNotConfigured() {
        return new ApiException.InvalidInput("nango_not_configured",
                "Nango is not configured on this server: set NANGO_SECRET_KEY (and NANGO_BASE_URL for a self-hosted Nango), "
                        + "or connect with credentials {api_key | access_token} instead");
    }

    private static List<OperationView> ops(List<OperationSpec> specs) {
        return specs.stream().map(o -> new OperationView(o.name(), o.description(), o.readOnly())).toList();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
