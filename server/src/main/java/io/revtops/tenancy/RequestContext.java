package io.revtops.tenancy;

import io.revtops.platform.db.Tenant;
import java.util.UUID;

/** The signed-in user acting in one organization for this request, as validated against membership. */
public record RequestContext(UUID userId, String email, UUID orgId, Role role) {
    public Tenant tenant() {
        return Tenant.of(orgId, userId);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
