package io.revtops.connectors.credentials;

import io.revtops.connectors.CredentialSource;
import io.revtops.connectors.Credentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One integration's credentials from Nango, cached until shortly before they expire (tokens without an expiry for
 * a few minutes, so a rotation in Nango is picked up). {@link #refreshed()} makes Nango refresh the token now.
 */
final class NangoCredentialSource implements CredentialSource {
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    static final Duration NO_EXPIRY_TTL = Duration.ofMinutes(5);

    private final NangoClient nango;
    private final String providerConfigKey;
    private final String connectionId;
    private final String providerName;
    private final Clock clock;
    private volatile Cached cached;

    NangoCredentialSource(NangoClient nango, String providerConfigKey, String connectionId, String providerName, Clock clock) {
        this.nango = nango;
        this.providerConfigKey = providerConfigKey;
        this.connectionId = connectionId;
        this.providerName = providerName;
        this.clock = clock;
    }

    private record Cached(Credentials credentials, Instant validUntil) {}

    @Override
    public Credentials current() {
        Cached c = cached;
        if (c != null && clock.instant().isBefore(c.validUntil())) return c.credentials();
        return fetch(false);
    }

    @Override
    public Credentials refreshed() {
        return fetch(true);
    }

    String connectionId() {
        return connectionId;
    }

    private synchronized Credentials fetch(boolean force) {
        Cached c = cached;
        if (!force && c != null && clock.instant().isBefore(c.validUntil())) return c.credentials();
        Credentials fresh = nango.credentials(providerConfigKey, connectionId, force, providerName);
        Instant now = clock.instant();
        Instant validUntil = fresh.expiresAt().map(e -> e.minus(EXPIRY_MARGIN)).orElse(now.plus(NO_EXPIRY_TTL));
        cached = new Cached(fresh, validUntil);
        return fresh;
    }
}
