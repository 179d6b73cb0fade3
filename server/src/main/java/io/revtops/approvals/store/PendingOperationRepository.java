package io.revtops.approvals.store;

import io.revtops.approvals.PendingChange;
import io.revtops.approvals.PendingChange.FieldChange;
import io.revtops.approvals.PendingChange.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL of {@code pending_operations}. Every status change is one conditional UPDATE ({@code … WHERE status = 'x'}), so
 * two callers racing for the same transition see exactly one winner.
 */
@Repository
public class PendingOperationRepository {
    private static final String COLUMNS = """
            po.id, po.organization_id, po.change_session_id, po.seq, po.conversation_id, po.workflow_run_id, po.requested_by_user_id, po.actor,
            po.tool, po.tool_key, po.connector, po.operation, po.params::text AS params, po.preview, po.diff::text AS diff,
            po.warnings::text AS warnings, po.status, po.auto_approved, po.result::text AS result, po.error, po.attempts,
            po.expires_at, po.created_at, po.updated_at, po.approved_at, po.resolved_at, po.resolved_by_user_id,
            po.target_table, po.target_record_id, po.idempotency_key, po.integration_id, po.ledger_entry_id, po.executing_since
            """;

    private final JsonMapper json;

    public PendingOperationRepository(JsonMapper json) {
        this.json = json;
    }

    /** A row with what only the server needs besides the public view. */
    public record Row(PendingChange change, UUID orgId, String idempotencyKey, Optional<UUID> integrationId,
                      Optional<UUID> ledgerEntryId, Optional<Instant> executingSince) {}

    /** What a new operation holds. */
    public record NewOperation(UUID orgId, UUID sessionId, int seq, Optional<UUID> conversationId,
                               Optional<UUID> workflowRunId, Optional<UUID> requestedBy, String actor, String tool,
                               String toolKey, String connector, String operation, Map<String, Object> params,
                               String preview, List<FieldChange> diff, List<String> warnings, Status status,
                               boolean autoApproved, Instant expiresAt, Optional<UUID> integrationId,
                               Optional<String> targetTable, Optional<UUID> targetRecordId) {}

    public UUID insert(JdbcClient j, NewOperation o) {
        UUID id = UUID.randomUUID();
        j.sql("""
                INSERT INTO pending_operations (id, organization_id, change_session_id, seq, conversation_id, workflow_run_id,
                    requested_by_user_id, actor, tool, tool_key, connector, operation, params, preview, diff, warnings, status,
                    auto_approved, approved_at, idempotency_key, expires_at, integration_id, target_table, target_record_id)
                VALUES (:id, :org, :session, :seq, :conversation, :run, :user, :actor, :tool, :key, :connector, :operation,
                    CAST(:params AS jsonb), :preview, CAST(:diff AS jsonb), CAST(:warnings AS jsonb), :status, :auto,
                    CASE WHEN :status = 'approved' THEN now() END, :idem, :expires, :integration, :table, :record)
                """)
                .param("id", id).param("org", o.orgId()).param("session", o.sessionId()).param("seq", o.seq())
                .param("conversation", o.conversationId().orElse(null)).param("run", o.workflowRunId().orElse(null))
                .param("user", o.requestedBy().orElse(null)).param("actor", o.actor()).param("tool", o.tool())
                .param("key", o.toolKey()).param("connector", o.connector()).param("operation", o.operation())
                .param("params", json.writeValueAsString(o.params())).param("preview", o.preview())
                .param("diff", json.writeValueAsString(o.diff())).param("warnings", json.writeValueAsString(o.warnings()))
                .param("status", o.status().db()).param("auto", o.autoApproved())
                // one key per operation, sent with every attempt: the vendor applies it once
                .param("idem", "revtops-op-" + id)
                .param("expires", Timestamp.from(o.expiresAt()))
                .param("integration", o.integrationId().orElse(null)).param("table", o.targetTable().orElse(null))
                .param("record", o.targetRecordId().orElse(null))
                .update();
        return id;
    }

    public Optional<Row> find(JdbcClient j, UUID id) {
        return j.sql("SELECT " + COLUMNS + " FROM pending_operations po WHERE po.id = :id").param("id", id)
                .query(this::row).optional();
    }

    /**
     * The operation if the user may see it: admins see the organization's, members those they asked for or whose
     * conversation they see (row-level security of conversations decides).
     */
    public Optional<Row> findVisible(JdbcClient j, UUID id, UUID userId, boolean admin) {
        return j.sql("SELECT " + COLUMNS + " FROM pending_operations po WHERE po.id = :id AND " + VISIBLE)
                .param("id", id).param("me", userId).param("admin", admin).query(this::row).optional();
    }

    private static final String VISIBLE = """
            (:admin OR po.requested_by_user_id = :me
             OR (po.conversation_id IS NOT NULL AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = po.conversation_id)))
            """;

    /** Visible operations, newest first, filtered by conversation and status when given. */
    public List<Row> list(JdbcClient j, UUID userId, boolean admin, Optional<UUID> conversationId, Optional<Status> status,
                          Optional<UUID> sessionId, int limit) {
        return j.sql("SELECT " + COLUMNS + " FROM pending_operations po WHERE " + VISIBLE + """
                   AND (CAST(:conversation AS uuid) IS NULL OR po.conversation_id = :conversation)
                   AND (CAST(:status AS text) IS NULL OR po.status = :status)
                   AND (CAST(:session AS uuid) IS NULL OR po.change_session_id = :session)
                 ORDER BY po.created_at DESC, po.seq DESC
                 LIMIT :limit
                """)
                .param("me", userId).param("admin", admin).param("conversation", conversationId.orElse(null))
                .param("status", status.map(Status::db).orElse(null)).param("session", sessionId.orElse(null))
                .param("limit", limit).query(this::row).list();
    }

    public List<Row> inSession(JdbcClient j, UUID sessionId, Status status) {
        return j.sql("SELECT " + COLUMNS + " FROM pending_operations po WHERE po.change_session_id = :s AND po.status = :st"
                        + " ORDER BY po.seq")
                .param("s", sessionId).param("st", status.db()).query(this::row).list();
    }

    /** pending → approved, unless it expired; false when it was not pending (or has expired). */
    public boolean approve(JdbcClient j, UUID id, UUID approver) {
        return j.sql("""
                UPDATE pending_operations SET status = 'approved', approved_at = now(), resolved_by_user_id = :u, updated_at = now()
                 WHERE id = :id AND status = 'pending' AND expires_at > now()
                """).param("id", id).param("u", approver).update() == 1;
    }

    /** pending → rejected. */
    public boolean reject(JdbcClient j, UUID id, UUID by) {
        return j.sql("""
                UPDATE pending_operations SET status = 'rejected', resolved_at = now(), resolved_by_user_id = :u, updated_at = now()
                 WHERE id = :id AND status = 'pending'
                """).param("id", id).param("u", by).update() == 1;
    }

    /** pending → expired when its time is up. */
    public boolean expireIfDue(JdbcClient j, UUID id) {
        return j.sql("""
                UPDATE pending_operations SET status = 'expired', resolved_at = now(), updated_at = now()
                 WHERE id = :id AND status = 'pending' AND expires_at <= now()
                """).param("id", id).update() == 1;
    }

    /** approved → executing: the one caller that gets the row calls the vendor. */
    public boolean claim(JdbcClient j, UUID id) {
        return j.sql("""
                UPDATE pending_operations SET status = 'executing', executing_since = now(), attempts = attempts + 1, updated_at = now()
                 WHERE id = :id AND status = 'approved'
                """).param("id", id).update() == 1;
    }

    /** Takes over an execution interrupted before {@code cutoff} (crash after the vendor call): re-sent with its key. */
    public boolean reclaim(JdbcClient j, UUID id, Instant cutoff) {
        return j.sql("""
                UPDATE pending_operations SET executing_since = now(), attempts = attempts + 1, updated_at = now()
                 WHERE id = :id AND status = 'executing' AND executing_since <= :cutoff
                """).param("id", id).param("cutoff", Timestamp.from(cutoff)).update() == 1;
    }

    public void setLedgerEntry(JdbcClient j, UUID id, UUID entryId) {
        j.sql("UPDATE pending_operations SET ledger_entry_id = :e WHERE id = :id").param("e", entryId).param("id", id).update();
    }

    /** executing → completed | failed, with the result or the error. */
    public void finish(JdbcClient j, UUID id, Status status, Optional<Map<String, Object>> result, Optional<String> error) {
        j.sql("""
                UPDATE pending_operations SET status = :status, result = CAST(:result AS jsonb), error = :error,
                       resolved_at = now(), updated_at = now()
                 WHERE id = :id AND status = 'executing'
                """).param("id", id).param("status", status.db())
                .param("result", result.map(json::writeValueAsString).orElse(null)).param("error", error.orElse(null)).update();
    }

    /** New parameters (and their preview, diff and warnings) for a change still pending. */
    public boolean edit(JdbcClient j, UUID id, Map<String, Object> params, String preview, List<FieldChange> diff,
                        List<String> warnings) {
        return j.sql("""
                UPDATE pending_operations SET params = CAST(:params AS jsonb), preview = :preview, diff = CAST(:diff AS jsonb),
                       warnings = CAST(:warnings AS jsonb), updated_at = now()
                 WHERE id = :id AND status = 'pending'
                """).param("id", id).param("params", json.writeValueAsString(params)).param("preview", preview)
                .param("diff", json.writeValueAsString(diff)).param("warnings", json.writeValueAsString(warnings)).update() == 1;
    }

    /** Owner connection: pending operations past their expiry, across organizations (the sweeper). */
    public List<Map.Entry<UUID, UUID>> expireAllDue(JdbcClient system) {
        return system.sql("""
                UPDATE pending_operations SET status = 'expired', resolved_at = now(), updated_at = now()
                 WHERE status = 'pending' AND expires_at <= now()
                RETURNING organization_id, id
                """).query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    /** Owner connection: changes approved before {@code cutoff} whose execution never started (the process died). */
    public List<Map.Entry<UUID, UUID>> staleApproved(JdbcClient system, Instant cutoff) {
        return system.sql("""
                SELECT organization_id, id FROM pending_operations
                 WHERE status = 'approved' AND approved_at <= :cutoff ORDER BY approved_at LIMIT 100
                """).param("cutoff", Timestamp.from(cutoff))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    /** Owner connection: executions interrupted before {@code cutoff}, across organizations (the reconciler). */
    public List<Map.Entry<UUID, UUID>> staleExecuting(JdbcClient system, Instant cutoff) {
        return system.sql("""
                SELECT organization_id, id FROM pending_operations
                 WHERE status = 'executing' AND executing_since <= :cutoff ORDER BY executing_since LIMIT 100
                """).param("cutoff", Timestamp.from(cutoff))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        PendingChange change = new PendingChange(
                rs.getObject("id", UUID.class),
                rs.getObject("change_session_id", UUID.class),
                rs.getInt("seq"),
                Optional.ofNullable(rs.getObject("conversation_id", UUID.class)),
                Optional.ofNullable(rs.getObject("workflow_run_id", UUID.class)),
                Optional.ofNullable(rs.getObject("requested_by_user_id", UUID.class)),
                rs.getString("actor"),
                rs.getString("tool"),
                rs.getString("tool_key") == null ? rs.getString("tool") : rs.getString("tool_key"),
                rs.getString("connector"),
                rs.getString("operation"),
                map(rs.getString("params")).orElse(Map.of()),
                rs.getString("preview") == null ? "" : rs.getString("preview"),
                diff(rs.getString("diff")),
                rs.getString("warnings") == null ? List.of() : json.readValue(rs.getString("warnings"), new TypeReference<List<String>>() {}),
                Status.fromDb(rs.getString("status")),
                rs.getBoolean("auto_approved"),
                map(rs.getString("result")),
                Optional.ofNullable(rs.getString("error")),
                rs.getInt("attempts"),
                instant(rs, "expires_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                Optional.ofNullable(instant(rs, "approved_at")),
                Optional.ofNullable(instant(rs, "resolved_at")),
                Optional.ofNullable(rs.getObject("resolved_by_user_id", UUID.class)),
                Optional.ofNullable(rs.getString("target_table")),
                Optional.ofNullable(rs.getObject("target_record_id", UUID.class)));
        return new Row(change, rs.getObject("organization_id", UUID.class), rs.getString("idempotency_key"),
                Optional.ofNullable(rs.getObject("integration_id", UUID.class)),
                Optional.ofNullable(rs.getObject("ledger_entry_id", UUID.class)),
                Optional.ofNullable(instant(rs, "executing_since")));
    }

    private Optional<Map<String, Object>> map(String text) {
        if (text == null) return Optional.empty();
        return Optional.of(json.readValue(text, new TypeReference<Map<String, Object>>() {}));
    }

    private List<FieldChange> diff(String text) {
        if (text == null) return List.of();
        JsonNode node = json.readTree(text);
        List<FieldChange> out = new ArrayList<>();
        for (JsonNode d : node) {
            out.add(new FieldChange(d.path("field").asString(""),
                    d.hasNonNull("column") ? Optional.of(d.path("column").asString()) : Optional.empty(),
                    plain(d.get("before")), plain(d.get("after"))));
        }
        return out;
    }

    private Object plain(JsonNode n) {
        return n == null || n.isNull() ? null : json.convertValue(n, Object.class);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
