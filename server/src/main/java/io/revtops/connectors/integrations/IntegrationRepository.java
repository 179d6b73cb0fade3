package io.revtops.connectors.integrations;

import io.revtops.connectors.ConnectorMeta.Scope;
import io.revtops.connectors.integrations.Integration.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for the {@code integrations} table (and the visibility of the synced rows an integration shares). */
@Repository
public class IntegrationRepository {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            i.id, i.organization_id, i.provider, i.scope, i.user_id, i.status, i.nango_connection_id, i.config,
            i.share_synced_data, i.share_query_access, i.share_write_access, i.last_sync_at, i.last_error, i.created_at
            """;

    public Optional<Integration> find(JdbcClient j, UUID id) {
        return j.sql("SELECT " + COLUMNS + " FROM integrations i WHERE i.id = :id")
                .param("id", id).query(MAPPER).optional();
    }

    /**
     * The row a connect call repairs or revives: the live connection of this provider (for this user when
     * user-scoped), else the most recent disconnected one, so ids (and the rows synced under them) stay stable.
     */
    public Optional<Integration> findForConnect(JdbcClient j, String provider, Scope scope, Optional<UUID> userId) {
        return j.sql("SELECT " + COLUMNS + """
                 FROM integrations i
                 WHERE i.provider = :p AND i.scope = :s AND (:s = 'organization' OR i.user_id = CAST(:u AS uuid))
                 ORDER BY (i.status <> 'disconnected') DESC, i.updated_at DESC
                 LIMIT 1
                """).param("p", provider).param("s", scope.name().toLowerCase())
                .param("u", userId.map(UUID::toString).orElse(null))
                .query(MAPPER).optional();
    }

    public Integration insert(JdbcClient j, UUID orgId, String provider, Scope scope, Optional<UUID> userId,
                              Optional<String> nangoConnectionId, Map<String, Object> config) {
        UUID id = j.sql("""
                INSERT INTO integrations (organization_id, provider, scope, user_id, status, nango_connection_id, config)
                VALUES (:o, :p, :s, :u, 'active', :n, CAST(:c AS jsonb))
                RETURNING id
                """).param("o", orgId).param("p", provider).param("s", scope.name().toLowerCase())
                .param("u", userId.orElse(null)).param("n", nangoConnectionId.orElse(null))
                .param("c", JSON.writeValueAsString(config)).query(UUID.class).single();
        return find(j, id).orElseThrow();
    }

    /** Connects an existing row again: active, the new credential reference and settings, no error. */
    public Integration reactivate(JdbcClient j, UUID id, Optional<String> nangoConnectionId, Map<String, Object> config) {
        j.sql("""
                UPDATE integrations SET status = 'active', nango_connection_id = :n, config = CAST(:c AS jsonb),
                       last_error = NULL, updated_at = now()
                 WHERE id = :id
                """).param("id", id).param("n", nangoConnectionId.orElse(null))
                .param("c", JSON.writeValueAsString(config)).update();
        return find(j, id).orElseThrow();
    }

    public void setStatus(JdbcClient j, UUID id, Status status, Optional<String> lastError) {
        j.sql("UPDATE integrations SET status = :s, last_error = :e, updated_at = now() WHERE id = :id")
                .param("id", id).param("s", status.dbValue()).param("e", lastError.orElse(null)).update();
    }

    /** After a successful sync: when, and no error. Leaves a disconnected integration disconnected. */
    public void markSynced(JdbcClient j, UUID id, Instant at) {
        j.sql("""
                UPDATE integrations SET last_sync_at = :at, last_error = NULL, updated_at = now(),
                       status = CASE WHEN status = 'disconnected' THEN status ELSE 'active' END
                 WHERE id = :id
                """).param("id", id).param("at", Timestamp.from(at)).update();
    }

    /** A failed sync: its error is shown; the status stays (a transient failure does not need the user). */
    public void recordError(JdbcClient j, UUID id, String error) {
        j.sql("UPDATE integrations SET last_error = :e, updated_at = now() WHERE id = :id")
                .param("id", id).param("e", error).update();
    }

    /** Revoked or missing credentials: the integration waits for the user to connect it again. */
    public void markNeedsReconnect(JdbcClient j, UUID id, String error) {
        j.sql("""
                UPDATE integrations SET status = 'needs_reconnect', last_error = :e, updated_at = now()
                 WHERE id = :id AND status <> 'disconnected'
                """).param("id", id).param("e", error).update();
    }

    public void disconnect(JdbcClient j, UUID id) {
        j.sql("UPDATE integrations SET status = 'disconnected', updated_at = now() WHERE id = :id").param("id", id).update();
    }

    public Optional<Status> status(JdbcClient j, UUID id) {
        return j.sql("SELECT status FROM integrations WHERE id = :id").param("id", id)
                .query(String.class).optional().map(Status::fromDb);
    }

    public void updateSharing(JdbcClient j, UUID id, boolean syncedData, boolean queryAccess, boolean writeAccess) {
        j.sql("""
                UPDATE integrations SET share_synced_data = :d, share_query_access = :q, share_write_access = :w,
                       updated_at = now()
                 WHERE id = :id
                """).param("id", id).param("d", syncedData).param("q", queryAccess).param("w", writeAccess).update();
    }

    /**
     * Makes the activities and meetings synced by an integration visible to the team or to their owner only. Must run
     * as the owner: owner-only rows are invisible (and unwritable) to anyone else under row-level security.
     */
    public int setSyncedVisibility(JdbcClient j, UUID integrationId, UUID ownerUserId, boolean team) {
        int activities = j.sql("""
                UPDATE activities SET visibility = :v, owner_user_id = :u, updated_at = now()
                 WHERE integration_id = :i AND visibility <> :v
                """).param("v", team ? "team" : "owner_only").param("u", ownerUserId).param("i", integrationId).update();
        int meetings = j.sql("""
                UPDATE meetings SET visibility = :v, owner_user_id = :u, updated_at = now()
                 WHERE integration_id = :i AND visibility <> :v
                """).param("v", team ? "team" : "owner_only").param("u", ownerUserId).param("i", integrationId).update();
        return activities + meetings;
    }

    /** Live integrations a member sees: the organization's, their own, and teammates' they share. */
    public List<Integration> listVisible(JdbcClient j, UUID userId) {
        return j.sql("SELECT " + COLUMNS + """
                 FROM integrations i
                 WHERE i.status <> 'disconnected'
                   AND (i.scope = 'organization' OR i.user_id = :u
                        OR i.share_synced_data OR i.share_query_access OR i.share_write_access)
                 ORDER BY i.provider, i.created_at
                """).param("u", userId).query(MAPPER).list();
    }

    /** Active integrations of the given providers that a member may sync: the organization's and their own. */
    public List<Integration> listSyncable(JdbcClient j, UUID userId, Collection<String> providers) {
        if (providers.isEmpty()) return List.of();
        return j.sql("SELECT " + COLUMNS + """
                 FROM integrations i
                 WHERE i.status = 'active' AND i.provider IN (:p)
                   AND (i.scope = 'organization' OR i.user_id = :u)
                 ORDER BY i.provider, i.created_at
                """).param("u", userId).param("p", providers).query(MAPPER).list();
    }

    /** One integration due for its scheduled sync. */
    public record Due(UUID orgId, UUID integrationId, String provider) {}

    /**
     * Active integrations of the given providers, in every organization, with no sync started within {@code interval}.
     * Cross-tenant: callers run it in {@code TenantTx.system}.
     */
    public List<Due> dueForSync(JdbcClient system, Collection<String> providers, Duration interval) {
        if (providers.isEmpty()) return List.of();
        return system.sql("""
                SELECT i.organization_id, i.id, i.provider FROM integrations i
                 WHERE i.status = 'active' AND i.provider IN (:p)
                   AND NOT EXISTS (SELECT 1 FROM sync_runs r
                                    WHERE r.integration_id = i.id
                                      AND r.started_at > now() - make_interval(secs => :secs))
                 ORDER BY i.last_sync_at NULLS FIRST
                """).param("p", providers).param("secs", (double) interval.toSeconds())
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)))
                .list();
    }

    /** The latest finished sync run and the running one (if any) of an integration. */
    public record Runs(Optional<IntegrationViews.RunView> last, Optional<IntegrationViews.RunView> current) {}

    /** Sync runs shown next to each integration: the latest finished one and the one running now. */
    public Map<UUID, Runs> runs(JdbcClient j, Collection<UUID> integrationIds) {
        if (integrationIds.isEmpty()) return Map.of();
        Map<UUID, Runs> out = new java.util.HashMap<>();
        j.sql("""
                SELECT i.id AS integration_id, f.id AS f_id, f.status AS f_status, f.started_at AS f_started, f.finished_at AS f_finished,
                       f.counts AS f_counts, f.error AS f_error,
                       c.id AS c_id, c.status AS c_status, c.started_at AS c_started, c.counts AS c_counts
                  FROM integrations i
                  LEFT JOIN LATERAL (SELECT * FROM sync_runs r WHERE r.integration_id = i.id AND r.status <> 'running'
                                      ORDER BY r.started_at DESC LIMIT 1) f ON true
                  LEFT JOIN LATERAL (SELECT * FROM sync_runs r WHERE r.integration_id = i.id AND r.status = 'running'
                                      ORDER BY r.started_at DESC LIMIT 1) c ON true
                 WHERE i.id IN (:ids)
                """).param("ids", integrationIds).query((rs, n) -> {
                    Optional<IntegrationViews.RunView> last = rs.getObject("f_id") == null ? Optional.empty()
                            : Optional.of(new IntegrationViews.RunView(rs.getObject("f_id", UUID.class), rs.getString("f_status"),
                                    rs.getTimestamp("f_started").toInstant(),
                                    Optional.ofNullable(rs.getTimestamp("f_finished")).map(Timestamp::toInstant),
                                    json(rs.getString("f_counts")), Optional.ofNullable(rs.getString("f_error"))));
                    Optional<IntegrationViews.RunView> current = rs.getObject("c_id") == null ? Optional.empty()
                            : Optional.of(new IntegrationViews.RunView(rs.getObject("c_id", UUID.class), rs.getString("c_status"),
                                    rs.getTimestamp("c_started").toInstant(), Optional.empty(),
                                    json(rs.getString("c_counts")), Optional.empty()));
                    out.put(rs.getObject("integration_id", UUID.class), new Runs(last, current));
                    return null;
                }).list();
        return out;
    }

    private static Map<String, Object> json(String s) {
        return s == null ? Map.of() : JSON.readValue(s, new TypeReference<Map<String, Object>>() {});
    }

    static final RowMapper<Integration> MAPPER = IntegrationRepository::map;

    private static Integration map(ResultSet rs, int row) throws SQLException {
        String config = rs.getString("config");
        Map<String, Object> cfg = config == null ? Map.of() : JSON.readValue(config, new TypeReference<Map<String, Object>>() {});
        Timestamp lastSync = rs.getTimestamp("last_sync_at");
        return new Integration(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("provider"),
                Scope.valueOf(rs.getString("scope").toUpperCase()),
                Optional.ofNullable(rs.getObject("user_id", UUID.class)),
                Status.fromDb(rs.getString("status")),
                Optional.ofNullable(rs.getString("nango_connection_id")),
                cfg,
                rs.getBoolean("share_synced_data"),
                rs.getBoolean("share_query_access"),
                rs.getBoolean("share_write_access"),
                Optional.ofNullable(lastSync).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("last_error")),
                rs.getTimestamp("created_at").toInstant());
    }
}
