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
