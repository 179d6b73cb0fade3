package io.revtops.connectors.integrations;

import io.revtops.connectors.ConnectorMeta.Scope;
import io.revtops.platform.db.Tenant;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One connection of an organization (or of one of its users, for mailboxes and calendars) to a connector: where its
 * credentials come from, its settings, its sharing flags and how its last sync went.
 */
public record Integration(
        UUID id,
        UUID orgId,
        String provider,
        Scope scope,
        Optional<UUID> userId,
        Status status,
        Optional<String> nangoConnectionId,
        Map<String, Object> config,
        boolean shareSyncedData,
        boolean shareQueryAccess,
        boolean shareWriteAccess,
        Optional<Instant> lastSyncAt,
        Optional<String> lastError,
        Instant createdAt) {

    public Integration {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** The lifecycle of a connection; the database stores the lower-case name. */
    public enum Status {
        ACTIVE, NEEDS_RECONNECT, DISCONNECTED, ERROR;

        public String dbValue() {
            return name().toLowerCase();
        }

        public static Status fromDb(String value) {
            return valueOf(value.toUpperCase());
        }
    }

    /**
     * Whom jobs of this integration run as: the organization for organization-scoped connections, the owning user
     * for user-scoped ones (their owner-only activities must be written by their owner under row-level security).
     */
    public Tenant tenant() {
        return scope == Scope.USER ? Tenant.of(orgId, userId.orElseThrow()) : Tenant.org(orgId);
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** The integration's own base URL setting ({@code config.base_url}), validated when it was saved. */
    public Optional<URI> baseUrl() {
        Object v = config.get("base_url");
        return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(URI.create(v.toString()));
    }
}
