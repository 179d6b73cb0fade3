package io.revtops.agent;

import io.revtops.connectors.Connector;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.OperationSpec;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The connected-systems manifest for the prompt and the list_connected_systems tool: every connector the
 * organization has connected (status, capabilities, last sync, operations) and those it has not.
 */
@Component
public class ConnectedSystems {
    private final TenantTx tx;
    private final ConnectorRegistry registry;

    public ConnectedSystems(TenantTx tx, ConnectorRegistry registry) {
        this.tx = tx;
        this.registry = registry;
    }

    /** One connected integration as the agent sees it. */
    public record Connected(String slug, String name, String status, Set<String> capabilities, Optional<Instant> lastSyncAt,
                            Optional<String> lastError, List<String> operations) {}

    /** Connected systems and the slugs of the ones not yet connected. */
    public record Manifest(List<Connected> connected, List<String> notConnected) {}

    public Manifest manifest(Tenant tenant) {
        record Row(String provider, String status, Instant lastSyncAt, String lastError) {}
        List<Row> rows = tx.run(tenant, j -> j.sql("""
                SELECT provider, status, last_sync_at, last_error FROM integrations
                 WHERE status <> 'disconnected'
                   AND (scope = 'organization' OR user_id = revtops_current_user_id() OR share_query_access)
                 ORDER BY provider
                """).query((rs, n) -> new Row(rs.getString(1), rs.getString(2),
                rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4))).list());
        Map<String, Connected> connected = new LinkedHashMap<>();
        for (Row r : rows) {
            Optional<Connector> c = registry.find(r.provider());
            if (c.isEmpty() || connected.containsKey(r.provider())) continue;
            ConnectorMeta m = c.get().meta();
            connected.put(r.provider(), new Connected(m.slug(), m.name(), r.status(),
                    m.capabilities().stream().map(x -> x.name().toLowerCase()).collect(Collectors.toCollection(java.util.TreeSet::new)),
                    Optional.ofNullable(r.lastSyncAt()), Optional.ofNullable(r.lastError()), operations(m)));
        }
        List<String> notConnected = new ArrayList<>();
        for (Connector c : registry.all()) if (!connected.containsKey(c.meta().slug())) notConnected.add(c.meta().slug());
        return new Manifest(List.copyOf(connected.values()), notConnected);
    }

    static List<String> operations(ConnectorMeta m) {
        List<String> ops = new ArrayList<>();
        m.queries().stream().map(OperationSpec::name).map(n -> "query:" + n).forEach(ops::add);
        m.writes().stream().map(OperationSpec::name).map(n -> "write:" + n).forEach(ops::add);
        m.actions().stream().map(OperationSpec::name).map(n -> "action:" + n).forEach(ops::add);
        return ops;
    }
}
