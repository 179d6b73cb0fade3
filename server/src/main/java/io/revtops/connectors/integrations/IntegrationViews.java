package io.revtops.connectors.integrations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the integrations endpoints return (snake_case JSON). Secrets never appear here: only whether they exist. */
public final class IntegrationViews {
    private IntegrationViews() {}

    /** A connector this server offers, and whether the caller's organization (or the caller) has connected it. */
    public record AvailableConnector(String slug, String name, String authType, String scope, List<String> capabilities,
                                     List<String> entityTypes, List<OperationView> queries, List<OperationView> writes,
                                     List<OperationView> actions, Optional<String> nangoProvider, boolean connected,
                                     Optional<UUID> integrationId, Optional<String> status) {}

    /** One query, write or action of a connector. */
    public record OperationView(String name, String description, boolean readOnly) {}

    /** A connected integration as members see it. */
    public record IntegrationView(UUID id, String provider, String name, String scope, Optional<UUID> userId, String status,
                                  Optional<Instant> lastSyncAt, Optional<String> lastError, boolean shareSyncedData,
                                  boolean shareQueryAccess, boolean shareWriteAccess, boolean credentialsConfigured,
                                  String credentialsSource, Optional<String> baseUrl, Optional<RunView> lastRun,
                                  Optional<RunView> currentRun, Instant createdAt) {}

    /** A sync run: when, how it ended, counts per entity (the running one's counts so far). */
    public record RunView(UUID id, String status, Instant startedAt, Optional<Instant> finishedAt,
                          Map<String, Object> counts, Optional<String> error) {}

    /** A Nango connect session token for the web UI. */
    public record ConnectSessionView(String provider, String nangoProvider, String token, Optional<Instant> expiresAt,
                                     Optional<String> connectLink) {}
}
