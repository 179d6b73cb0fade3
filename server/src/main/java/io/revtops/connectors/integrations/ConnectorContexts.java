package io.revtops.connectors.integrations;

import io.revtops.connectors.ApiClient;
import io.revtops.connectors.ApiClientFactory;
import io.revtops.connectors.ApiRequest;
import io.revtops.connectors.ApiResponse;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.CredentialSource;
import io.revtops.connectors.credentials.IntegrationCredentials;
import java.net.URI;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link ConnectorContext} for a call on one integration (a sync, a tool, an approved write): its
 * credentials source and the shared HTTP layer bound to its base URL and rate limits.
 */
@Component
public class ConnectorContexts {
    private final IntegrationCredentials credentials;
    private final ObjectProvider<ApiClientFactory> http;
    private final Clock clock = Clock.systemUTC();

    public ConnectorContexts(IntegrationCredentials credentials, ObjectProvider<ApiClientFactory> http) {
        this.credentials = credentials;
        this.http = http;
    }

    public CredentialSource credentials(Integration integration, ConnectorMeta connector) {
        return credentials.sourceFor(integration.tenant(), integration.id(), connector, integration.nangoConnectionId());
    }

    public ConnectorContext forIntegration(Integration integration, ConnectorMeta connector, CredentialSource source,
                                           BooleanSupplier cancellation) {
        ApiClientFactory factory = http.getIfAvailable();
        ApiClient client = factory != null
                ? factory.create(connector, integration.id(), source, integration.baseUrl())
                : new NoHttpLayer(integration.baseUrl().orElseGet(() -> URI.create(connector.defaultBaseUrl())));
        return new ConnectorContext(integration.orgId(), integration.id(), integration.userId(), client, integration.config(),
                clock, cancellation);
    }

    /** Stands in when no {@link ApiClientFactory} is installed: connectors that need HTTP fail with a clear message. */
    private record NoHttpLayer(URI baseUrl) implements ApiClient {
        @Override
        public ApiResponse send(ApiRequest request) {
            throw new ConnectorException.InvalidRequest("no HTTP layer (ApiClientFactory) is installed in this server");
        }
    }
}
