package io.revtops.connectors.credentials;

import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.CredentialSource;
import io.revtops.connectors.Credentials;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The credentials of every integration: gives the {@link CredentialSource} the HTTP layer uses (Nango when the
 * integration has a Nango connection id, else the encrypted store, nothing for connectors without auth), and
 * stores or deletes what admins entered. Plaintext secrets never leave this package except inside a
 * {@link Credentials} handed to the HTTP layer.
 */
@Service
public class IntegrationCredentials {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantTx tx;
    private final CredentialRepository repository;
    private final CredentialCipher cipher;
    private final NangoClient nango;
    private final Clock clock;
    // Nango sources outlive one sync so their token cache does; keyed by integration, replaced when the connection id changes
    private final Map<UUID, NangoCredentialSource> nangoSources = new ConcurrentHashMap<>();

    public IntegrationCredentials(TenantTx tx, CredentialRepository repository, CredentialCipher cipher, NangoClient nango) {
        this.tx = tx;
        this.repository = repository;
        this.cipher = cipher;
        this.nango = nango;
        this.clock = Clock.systemUTC();
    }

    /**
     * Where the credentials of one integration come from. {@code tenant} is the integration's own tenant (the
     * organization, or the owning user for user-scoped connections); nothing is read until the source is used.
     */
    public CredentialSource sourceFor(Tenant tenant, UUID integrationId, ConnectorMeta connector, Optional<String> nangoConnectionId) {
        if (nangoConnectionId.isPresent()) {
            if (!nango.configured()) return new Unusable(
                    connector.name() + " is connected through Nango, but Nango is not configured: set NANGO_SECRET_KEY");
            String connectionId = nangoConnectionId.get();
            return nangoSources.compute(integrationId, (id, existing) ->
                    existing != null && existing.connectionId().equals(connectionId) ? existing
                            : new NangoCredentialSource(nango, nangoProviderKey(connector), connectionId, connector.name(), clock));
        }
        if (connector.authType() == ConnectorMeta.AuthType.NONE) return new Fixed(Credentials.none());
        return new StoredCredentialSource(tx, tenant, integrationId, connector.name(), this);
    }

    /** Fetches a Nango connection's credentials once (and throws what the HTTP layer would), without caching them. */
    public void verifyNango(ConnectorMeta connector, String connectionId) {
        nango.credentials(nangoProviderKey(connector), connectionId, false, connector.name());
    }

    /** Encrypts and stores what an admin entered, replacing what was there. Runs in the caller's transaction. */
    public void store(JdbcClient j, UUID orgId, UUID integrationId, StoredSecret secret) {
        byte[] plain = JSON.writeValueAsString(secret.toMap()).getBytes(StandardCharsets.UTF_8);
        repository.upsert(j, orgId, integrationId, cipher.seal(plain, integrationId));
        nangoSources.remove(integrationId);
    }

    /** Forgets an integration's credentials (disconnect, or a switch to Nango). */
    public void delete(JdbcClient j, UUID integrationId) {
        repository.delete(j, integrationId);
        nangoSources.remove(integrationId);
    }

    /** Whether credentials are stored for the integration (never what they are). */
    public boolean stored(JdbcClient j, UUID integrationId) {
        return repository.exists(j, integrationId);
    }

    Optional<StoredSecret> read(JdbcClient j, UUID integrationId) {
        return repository.find(j, integrationId).map(sealed -> {
            byte[] plain = cipher.open(sealed, integrationId);
            Map<String, Object> map = JSON.readValue(new String(plain, StandardCharsets.UTF_8), new TypeReference<>() {});
            return StoredSecret.fromMap(map);
        });
    }

    public boolean nangoConfigured() {
        return nango.configured();
    }

    /** A Nango connect session for the web UI, limited to this connector's Nango integration. */
    public NangoClient.ConnectSession connectSession(ConnectorMeta connector, UUID orgId, String orgName, UUID userId, String email) {
        return nango.createConnectSession(userId.toString(), email, orgId.toString(), orgName, List.of(nangoProviderKey(connector)));
    }

    /** The Nango integration (provider config key) of a connector: declared in its metadata, else its slug. */
    public static String nangoProviderKey(ConnectorMeta connector) {
        return connector.nangoProvider().orElse(connector.slug());
    }

    /** Credentials that never change (connectors without auth). */
    private record Fixed(Credentials credentials) implements CredentialSource {
        @Override
        public Credentials current() {
            return credentials;
        }

        @Override
        public Credentials refreshed() {
            return credentials;
        }
    }

    /** A source that cannot work, failing with a message that says what to configure. */
    private record Unusable(String problem) implements CredentialSource {
        @Override
        public Credentials current() {
            throw new ConnectorException.InvalidRequest(problem);
        }

        @Override
        public Credentials refreshed() {
            throw new ConnectorException.InvalidRequest(problem);
        }
    }
}
