package io.revtops.approvals;

import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The action ledger, filtered: admins see the organization's lines, members their own. */
@RestController
public class ActionLedgerController {
    private static final Set<String> ACTORS = Set.of("user", "agent", "workflow", "system");
    private final TenantTx tx;
    private final JsonMapper json;

    public ActionLedgerController(TenantTx tx, JsonMapper json) {
        this.tx = tx;
        this.json = json;
    }

    /** One ledger line. */
    public record LedgerLine(UUID id, Optional<UUID> userId, String actor, String action, Optional<String> target,
                             Optional<Object> intent, Optional<Object> outcome, Optional<String> status,
                             Optional<UUID> conversationId, Optional<UUID> workflowRunId, Optional<UUID> pendingOperationId,
                             Instant createdAt) {}

    @GetMapping("/api/action-ledger")
    @Operation(summary = "Who did what, newest first; filters: actor (user|agent|workflow|system), action, from, to (ISO instants), limit ≤ 500")
    public List<LedgerLine> list(RequestContext ctx, @RequestParam(required = false) String actor,
                                 @RequestParam(required = false) String action, @RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to,
                                 @RequestParam(required = false, defaultValue = "100") int limit) {
        if (actor != null && !ACTORS.contains(actor)) {
            throw new ApiException.InvalidInput("invalid_parameter", "Parameter 'actor' must be one of: user, agent, workflow, system");
        }
        if (limit < 1 || limit > 500) throw new ApiException.InvalidInput("invalid_parameter", "Parameter 'limit' must be 1 to 500");
        Optional<Instant> since = instant("from", from);
        Optional<Instant> until = instant("to", to);
        return tx.run(ctx.tenant(), j -> j.sql("""
                SELECT id, user_id, actor, action, target, intent::text AS intent, outcome::text AS outcome, status,
                       conversation_id, workflow_run_id, pending_operation_id, created_at
                  FROM action_ledger
                 WHERE (:admin OR user_id = :me)
                   AND (CAST(:actor AS text) IS NULL OR actor = :actor)
                   AND (CAST(:action AS text) IS NULL OR action = :action)
                   AND (CAST(:since AS timestamptz) IS NULL OR created_at >= :since)
                   AND (CAST(:until AS timestamptz) IS NULL OR created_at < :until)
                 ORDER BY created_at DESC, id
                 LIMIT :limit
                """).param("admin", ctx.isAdmin()).param("me", ctx.userId()).param("actor", actor).param("action", action)
                .param("since", since.map(Timestamp::from).orElse(null)).param("until", until.map(Timestamp::from).orElse(null))
                .param("limit", limit)
                .query((rs, n) -> new LedgerLine(rs.getObject("id", UUID.class), Optional.ofNullable(rs.getObject("user_id", UUID.class)),
                        rs.getString("actor"), rs.getString("action"), Optional.ofNullable(rs.getString("target")),
                        parse(rs.getString("intent")), parse(rs.getString("outcome")), Optional.ofNullable(rs.getString("status")),
                        Optional.ofNullable(rs.getObject("conversation_id", UUID.class)),
                        Optional.ofNullable(rs.getObject("workflow_run_id", UUID.class)),
                        Optional.ofNullable(rs.getObject("pending_operation_id", UUID.class)),
                        rs.getTimestamp("created_at").toInstant()))
                .list());
    }

    private Optional<Object> parse(String text) {
        return text == null ? Optional.empty() : Optional.of(json.readValue(text, new TypeReference<Object>() {}));
    }

    private static Optional<Instant> instant(String name, String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            return Optional.of(Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            throw new ApiException.InvalidInput("invalid_parameter", "Parameter '" + name + "' must be an ISO instant like 2026-01-31T00:00:00Z");
        }
    }
}
