package io.revtops.platform.audit;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only record of who did what: every mutating REST call and every agent write or action writes
 * its intent here, and its outcome once known. Runs inside the caller's tenant transaction.
 */
@Repository
public class ActionLedger {
    private final JsonMapper json;

    public ActionLedger(JsonMapper json) {
        this.json = json;
    }

    /** One ledger line: the actor kind is user, agent, workflow or system. */
    public record Entry(UUID orgId, Optional<UUID> userId, String actor, String action, String target,
                        Map<String, ?> intent, Map<String, ?> outcome, String status) {}

    /** What a ledger line belongs to: the conversation, workflow run and pending operation it came from. */
    public record Links(Optional<UUID> conversationId, Optional<UUID> workflowRunId, Optional<UUID> pendingOperationId) {
        public static final Links NONE = new Links(Optional.empty(), Optional.empty(), Optional.empty());

        public Links {
            conversationId = conversationId == null ? Optional.empty() : conversationId;
            workflowRunId = workflowRunId == null ? Optional.empty() : workflowRunId;
            pendingOperationId = pendingOperationId == null ? Optional.empty() : pendingOperationId;
        }
    }

    /** One ledger line linked to its conversation, workflow run and pending operation. */
    public UUID record(JdbcClient j, Entry e, Links links) {
        return j.sql("""
                INSERT INTO action_ledger (organization_id, user_id, actor, action, target, intent, outcome, status,
                                           conversation_id, workflow_run_id, pending_operation_id)
                VALUES (:org, :user, :actor, :action, :target, CAST(:intent AS jsonb), CAST(:outcome AS jsonb), :status,
                        :conversation, :run, :operation)
                RETURNING id
                """)
                .param("org", e.orgId()).param("user", e.userId().orElse(null)).param("actor", e.actor())
                .param("action", e.action()).param("target", e.target())
                .param("intent", json.writeValueAsString(e.intent()))
                .param("outcome", e.outcome() == null ? null : json.writeValueAsString(e.outcome()))
                .param("status", e.status())
                .param("conversation", links.conversationId().orElse(null))
                .param("run", links.workflowRunId().orElse(null))
                .param("operation", links.pendingOperationId().orElse(null))
                .query(UUID.class).single();
    }

    /** Fills in the outcome of a line recorded with its intent before the action (the only change the app may make). */
    public void complete(JdbcClient j, UUID entryId, Map<String, ?> outcome, String status) {
        j.sql("UPDATE action_ledger SET outcome = CAST(:outcome AS jsonb), status = :status WHERE id = :id")
                .param("outcome", json.writeValueAsString(outcome)).param("status", status).param("id", entryId).update();
    }

    public UUID record(JdbcClient j, Entry e) {
        return j.sql("""
                INSERT INTO action_ledger (organization_id, user_id, actor, action, target, intent, outcome, status)
                VALUES (:org, :user, :actor, :action, :target, CAST(:intent AS jsonb), CAST(:outcome AS jsonb), :status)
                RETURNING id
                """)
                .param("org", e.orgId()).param("user", e.userId().orElse(null)).param("actor", e.actor())
                .param("action", e.action()).param("target", e.target())
                .param("intent", json.writeValueAsString(e.intent()))
                .param("outcome", json.writeValueAsString(e.outcome()))
                .param("status", e.status())
                .query(UUID.class).single();
    }
}
