package io.revtops.simulators.common;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials the vendor simulators accept, shared by all of them: the Nango simulator registers the
 * OAuth tokens it hands out here, and the HubSpot or Salesforce simulator checks them. A token is
 * valid for one audience (a vendor slug) until it expires or is revoked.
 */
public final class TokenRegistry {

    private record Grant(String audience, Optional<Instant> expiresAt, boolean revoked) {
    }

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Clock clock;

    public TokenRegistry(Clock clock) {
        this.clock = clock;
    }

    /** Registers a credential that never expires (a private-app token or API key). */
    public void register(String token, String audience) {
        grants.put(token, new Grant(audience, Optional.empty(), false));
    }

    /** Registers a credential that stops working at {@code expiresAt}. */
    public void register(String token, String audience, Instant expiresAt) {
        grants.put(token, new Grant(audience, Optional.of(expiresAt), false));
    }

    /** Revokes a credential: later requests with it are rejected as revoked. */
    public void revoke(String token) {
        grants.computeIfPresent(token, (t, g) -> new Grant(g.audience(), g.expiresAt(), true));
    }

    public TokenStatus check(String token, String audience) {
        Grant grant = grants.get(token);
        if (grant == null || !grant.audience().equals(audience)) {
            return TokenStatus.UNKNOWN;
        }
        if (grant.revoked()) {
            return TokenStatus.REVOKED;
        }
        if (grant.expiresAt().isPresent() && !clock.instant().isBefore(grant.expiresAt().get())) {
            return TokenStatus.EXPIRED;
        }
        return TokenStatus.VALID;
    }

    public Optional<Instant> expiresAt(String token) {
        return Optional.ofNullable(grants.get(token)).flatMap(Grant::expiresAt);
    }

    public Clock clock() {
        return clock;
    }
}
