package io.revtops.connectors.integrations;

import io.revtops.connectors.credentials.StoredSecret;
import io.revtops.connectors.integrations.IntegrationViews.AvailableConnector;
import io.revtops.connectors.integrations.IntegrationViews.ConnectSessionView;
import io.revtops.connectors.integrations.IntegrationViews.IntegrationView;
import io.revtops.tenancy.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/integrations}: what can be connected, what is, connect (Nango or stored credentials), share, disconnect. */
@RestController
@RequestMapping("/api/integrations")
@Tag(name = "integrations", description = "Connections to source systems")
public class IntegrationController {
    private final Integrations integrations;

    public IntegrationController(Integrations integrations) {
        this.integrations = integrations;
    }

    /** Body of a connect call: a Nango connection id, or credentials to store encrypted; optional settings. */
    public record ConnectBody(@Size(max = 255) String nangoConnectionId, @Valid CredentialsBody credentials,
                              Map<String, Object> config) {}

    /** Credentials an admin enters for a connection without Nango. Never returned by any endpoint. */
    public record CredentialsBody(String apiKey, String accessToken, String refreshToken, @Size(max = 2000) String instanceUrl) {
        @Override
        public String toString() {
            return "CredentialsBody[***]";
        }
    }

    /** Sharing flags to change; omitted ones stay. */
    public record SharingBody(Boolean shareSyncedData, Boolean shareQueryAccess, Boolean shareWriteAccess) {}

    @GetMapping("/available")
    @Operation(summary = "Every connector of this server: auth, scope, capabilities, entities, operations, connected or not")
    public List<AvailableConnector> available(RequestContext ctx) {
        return integrations.available(ctx);
    }

    @GetMapping
    @Operation(summary = "Connected integrations: status, last sync and error, sharing, last run's counts, progress")
    public List<IntegrationView> list(RequestContext ctx) {
        return integrations.list(ctx);
    }

    @PostMapping("/{provider}/connect")
    @Operation(summary = "Connect (or reconnect) a provider with a Nango connection id or stored credentials")
    public IntegrationView connect(RequestContext ctx, @PathVariable String provider,
                                   @Valid @RequestBody(required = false) ConnectBody body) {
        ConnectBody b = body == null ? new ConnectBody(null, null, null) : body;
        Optional<StoredSecret> secret = Optional.ofNullable(b.credentials()).map(c -> new StoredSecret(
                Optional.ofNullable(c.apiKey()), Optional.ofNullable(c.accessToken()), Optional.ofNullable(c.refreshToken()),
                Optional.ofNullable(c.instanceUrl())));
        return integrations.connect(ctx, provider, new Integrations.ConnectRequest(
                Optional.ofNullable(b.nangoConnectionId()).map(String::trim).filter(s -> !s.isEmpty()), secret,
                Optional.ofNullable(b.config())));
    }

    @PostMapping("/{provider}/connect-session")
    @Operation(summary = "A Nango connect session token for the web UI (400 when Nango is not configured)")
    public ConnectSessionView connectSession(RequestContext ctx, @PathVariable String provider) {
        return integrations.connectSession(ctx, provider);
    }

    @GetMapping("/callback")
    @Operation(summary = "After the Nango connect flow: marks the provider connected with the new connection id")
    public IntegrationView callback(RequestContext ctx, @RequestParam(required = false) String provider,
                                    @RequestParam(name = "provider_config_key", required = false) String providerConfigKey,
                                    @RequestParam(name = "connection_id") String connectionId) {
        String slug = integrations.providerForCallback(Optional.ofNullable(provider), Optional.ofNullable(providerConfigKey));
        return integrations.connect(ctx, slug, new Integrations.ConnectRequest(
                Optional.of(connectionId.trim()).filter(s -> !s.isEmpty()), Optional.empty(), Optional.empty()));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change sharing (owner or admin); share_synced_data switches its activities/meetings between team and owner-only")
    public IntegrationView share(RequestContext ctx, @PathVariable UUID id, @RequestBody SharingBody body) {
        return integrations.updateSharing(ctx, id, new Integrations.SharingChange(Optional.ofNullable(body.shareSyncedData()),
                Optional.ofNullable(body.shareQueryAccess()), Optional.ofNullable(body.shareWriteAccess())));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Disconnect: credentials deleted, a running sync cancelled; synced data stays per the sharing rules")
    public IntegrationView disconnect(RequestContext ctx, @PathVariable UUID id) {
        return integrations.disconnect(ctx, id);
    }
}
