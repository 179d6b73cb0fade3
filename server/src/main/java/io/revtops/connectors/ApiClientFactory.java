package io.revtops.connectors;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes the {@link ApiClient} for one integration of one connector. The base URL is, in order: {@code baseUrl}
 * (the integration's own setting), {@code REVTOPS_<SLUG>_BASE_URL}, the credentials' instance URL, the
 * connector's default. Rate limiters are per (integration, API bucket) and live as long as the process.
 */
public interface ApiClientFactory {
    ApiClient create(ConnectorMeta connector, UUID integrationId, CredentialSource credentials, Optional<URI> baseUrl);
}
