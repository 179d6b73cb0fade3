package io.revtops.platform.db;

import java.util.Optional;
import java.util.UUID;

/** Who a transaction runs for: the organization whose rows are visible and, when known, the user. */
public record Tenant(UUID orgId, Optional<UUID> userId) {
    public Tenant {
        if (orgId == null) throw new IllegalArgumentException("orgId is required");
        userId = userId == null ? Optional.empty() : userId;
    }

    public static Tenant of(UUID orgId, UUID userId) {
        return new Tenant(orgId, Optional.ofNullable(userId));
    }

    /** An organization-wide context with no user (sync jobs, webhooks): sees team-visible rows only. */
    public static Tenant org(UUID orgId) {
        return new Tenant(orgId, Optional.empty());
    }
}
