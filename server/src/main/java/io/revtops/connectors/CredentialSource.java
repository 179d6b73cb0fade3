package io.revtops.connectors;

/**
 * Where one integration's credentials come from (Nango, or tokens stored encrypted in our database).
 * {@link #current()} may return cached credentials; {@link #refreshed()} asks the source for fresh ones after the
 * vendor refused the cached ones. Both throw {@link ConnectorException.NeedsReconnect} when there are none.
 */
public interface CredentialSource {
    Credentials current();

    Credentials refreshed();
}
