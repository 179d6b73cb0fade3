package io.revtops.connectors.credentials;

import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.CredentialSource;
import io.revtops.connectors.Credentials;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One integration's credentials from our own encrypted store. Read and decrypted on first use; {@link #refreshed()}
 * reads them again (an admin may have entered new ones). Refresh tokens are kept but not exchanged: without Nango,
 * an expired OAuth token means "Reconnect &lt;Provider&gt;".
 */
final class StoredCredentialSource implements CredentialSource {
    private final Supplier<Optional<StoredSecret>> load;
    private final String providerName;
    private volatile Credentials cached;

    StoredCredentialSource(TenantTx tx, Tenant tenant, UUID integrationId, String providerName, IntegrationCredentials store) {
        this.load = () -> tx.run(tenant, j -> store.read(j, integrationId));
        this.providerName = providerName;
    }

    @Override
    public Credentials current() {
        Credentials c = cached;
        return c != null ? c : refreshed();
    }

    @Override
    public Credentials refreshed() {
        StoredSecret secret = load.get().filter(StoredSecret::hasSecret)
                .orElseThrow(() -> new ConnectorException.NeedsReconnect(providerName));
        Credentials c = new Credentials(secret.accessToken(), secret.apiKey(), secret.instanceUrl(), Optional.empty());
        cached = c;
        return c;
    }
}
