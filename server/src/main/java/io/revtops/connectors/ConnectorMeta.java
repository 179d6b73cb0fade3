package io.revtops.connectors;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a connector is and can do: its identity, how it authenticates, whose data it holds, the entities it
 * fills, its capabilities with their operations, and a usage guide written for the agent.
 *
 * @param slug            stable id used in URLs and settings (e.g. {@code hubspot}); its base URL can be overridden
 *                        with {@code REVTOPS_<SLUG>_BASE_URL}
 * @param defaultBaseUrl  the vendor's real API root
 * @param nangoProvider   Nango's provider config key when credentials come from Nango
 */
public record ConnectorMeta(
        String slug,
        String name,
        AuthType authType,
        AuthStyle authStyle,
        Scope scope,
        List<String> entityTypes,
        Set<Capability> capabilities,
        List<OperationSpec> queries,
        List<OperationSpec> writes,
        List<OperationSpec> actions,
        String usageGuide,
        String defaultBaseUrl,
        Optional<String> nangoProvider) {

    public ConnectorMeta {
        entityTypes = List.copyOf(entityTypes);
        capabilities = Set.copyOf(capabilities);
        queries = List.copyOf(queries);
        writes = List.copyOf(writes);
        actions = List.copyOf(actions);
        nangoProvider = nangoProvider == null ? Optional.empty() : nangoProvider;
        if (!slug.matches("[a-z][a-z0-9_]{1,40}")) throw new IllegalArgumentException("bad connector slug " + slug);
    }

    /** How credentials are obtained. */
    public enum AuthType { OAUTH2, API_KEY, NONE }

    /** Whose data a connection holds: the organization's (CRM) or one user's (mailbox, calendar). */
    public enum Scope { ORGANIZATION, USER }

    /** What a connector can do. */
    public enum Capability { SYNC, QUERY, WRITE, ACTION, LISTEN }

    /** How the shared HTTP layer presents credentials to the vendor. */
    public sealed interface AuthStyle {
        /** {@code Authorization: Bearer <access token or API key>}. */
        record Bearer() implements AuthStyle {}

        /** The API key in a named header, e.g. {@code X-Api-Key}. */
        record Header(String name) implements AuthStyle {}

        /** No credentials (public APIs, built-ins). */
        record None() implements AuthStyle {}
    }

    public Optional<OperationSpec> operation(String name) {
        return java.util.stream.Stream.of(queries, writes, actions).flatMap(List::stream)
                .filter(o -> o.name().equals(name)).findFirst();
    }
}
