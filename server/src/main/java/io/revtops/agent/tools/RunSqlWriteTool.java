package io.revtops.agent.tools;

import io.revtops.agent.AgentProperties;
import io.revtops.agent.tools.sqlwrite.SqlWritePlan;
import io.revtops.agent.tools.sqlwrite.SqlWriteRefusal;
import io.revtops.approvals.Approvals;
import io.revtops.approvals.ApprovalsProperties;
import io.revtops.approvals.CrmEntity;
import io.revtops.approvals.Proposal;
import io.revtops.approvals.ProposalOutcome;
import io.revtops.approvals.ToolKey;
import io.revtops.connectors.integrations.Integration;
import io.revtops.connectors.integrations.IntegrationRepository;
import io.revtops.platform.audit.ActionLedger;
import io.revtops.platform.db.TenantTx;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * INSERT, UPDATE or DELETE written by the agent (SPEC §4). Internal tables (workflows, artifacts, member profile
 * fields) are changed at once under row-level security, with snapshots so discarding the change session restores
 * them. Statements on deals, contacts and accounts do not touch those tables: each affected row becomes a proposal to
 * the CRM it came from (e.g. hubspot update_deal with a diff), waiting for approval like any external write.
 */
@Component
public class RunSqlWriteTool implements Tool {
    private final TenantTx tx;
    private final Approvals approvals;
    private final ApprovalsProperties approvalSettings;
    private final AgentProperties agent;
    private final ActionLedger ledger;
    private final IntegrationRepository integrations;

    public RunSqlWriteTool(TenantTx tx, Approvals approvals, ApprovalsProperties approvalSettings, AgentProperties agent,
                           ActionLedger ledger, IntegrationRepository integrations) {
        this.tx = tx;
        this.approvals = approvals;
        this.approvalSettings = approvalSettings;
        this.agent = agent;
        this.ledger = ledger;
        this.integrations = integrations;
    }

    @Override
    public String name() {
        return "run_sql_write";
    }

    @Override
    public String description() {
        return "Run one INSERT, UPDATE or DELETE. Changes workflows, artifacts and org_members (title, reports_to_user_id) "
                + "directly. On deals, contacts and accounts it changes nothing here: each matched row becomes a CRM change "
                + "queued for the user's approval (tell the user the change numbers). UPDATE and DELETE need a WHERE. "
                + "organization_id and the creator are filled in on INSERT.";
    }

    @Override
    public Map<String, Object> inputSchema() {
        return Map.of("type", "object", "properties", Map.of("sql", Map.of("type", "string", "maxLength", SqlWritePlan.MAX_SQL_LENGTH)),
                "required", List.of("sql"), "additionalProperties", false);
    }

    @Override
    public ToolRisk risk() {
        return ToolRisk.LOCAL_WRITE;
    }

    @Override
    public String statusText(JsonNode input) {
        return "Writing data";
    }

    @Override
    public ToolOutcome execute(ToolContext ctx, JsonNode input) {
        if (ctx.tenant().userId().isEmpty()) return ToolOutcome.error("run_sql_write runs for a person.", "Not available here.");
        Optional<String> denied = approvals.denied(ctx.tenant(), ToolKey.tool(name()));
        if (denied.isPresent()) return ToolOutcome.error("An admin has turned off run_sql_write for this organization.", "Tell the user.");
        UUID me = ctx.tenant().userId().get();
        try {
            boolean admin = tx.run(ctx.tenant(), j -> j.sql("SELECT role = 'admin' FROM org_members WHERE user_id = :u AND status = 'active'")
                    .param("u", me).query(Boolean.class).optional().orElse(false));
            SqlWritePlan plan = SqlWritePlan.of(input.path("sql").asString(), me, admin);
            return switch (plan) {
                case SqlWritePlan.LocalWrite w -> local(ctx, w, input.path("sql").asString());
                case SqlWritePlan.CrmUpdate u -> crmUpdate(ctx, u);
                case SqlWritePlan.CrmInsert i -> crmInsert(ctx, i);
            };
        } catch (SqlWriteRefusal r) {
            return ToolOutcome.error(r.getMessage(), r.hint());
        } catch (DataAccessException e) {
            return ToolOutcome.error("The database refused the statement: " + databaseMessage(e),
                    "Check column names and types against the schema summary, then try again.");
        }
    }

    // ------------------------------------------------------------------ internal tables

    private ToolOutcome local(ToolContext ctx, SqlWritePlan.LocalWrite w, String original) {
        int max = approvalSettings.maxRowsPerWrite();
        long timeoutMs = agent.sqlTimeout().toMillis();
        record Done(int rows, UUID session) {}
        Done done = tx.run(ctx.tenant(), j -> {
            j.sql("SET LOCAL statement_timeout = " + timeoutMs).update();
            UUID session = approvals.sessionFor(j, ctx.tenant(), Optional.ofNullable(ctx.conversationId()));
            Map<UUID, String> before = new LinkedHashMap<>();
            if (w.kind() != SqlWritePlan.Kind.INSERT) {
                j.sql("SELECT " + w.qualifier() + ".id, to_jsonb(" + w.qualifier() + ")::text FROM " + w.fromClause()
                                + " WHERE " + w.where().orElseThrow() + " FOR UPDATE")
                        .query((ResultSet rs, int n) -> before.put(rs.getObject(1, UUID.class), rs.getString(2))).list();
                if (before.size() > max) {
                    throw new SqlWriteRefusal("The statement would change " + before.size() + " rows; at most " + max
                            + " per statement.", "Narrow the WHERE clause and run it in parts.");
                }
            } else if (w.rows() > max) {
                throw new SqlWriteRefusal("At most " + max + " rows per INSERT.", "Insert in parts.");
            }
            List<UUID> ids = j.sql(w.sql() + " RETURNING id").query(UUID.class).list();
            for (UUID id : ids) {
                approvals.snapshot(j, ctx.tenant(), session, w.table(), id,
                        w.kind() == SqlWritePlan.Kind.INSERT ? Optional.empty() : Optional.ofNullable(before.get(id)));
            }
            ledger.record(j, new ActionLedger.Entry(ctx.tenant().orgId(), ctx.tenant().userId(), ctx.inWorkflow() ? "workflow" : "agent",
                    "run_sql_write", w.table(), Map.of("sql", original, "statement", w.kind().name().toLowerCase()),
                    Map.of("rows", ids.size()), "completed"),
                    new ActionLedger.Links(Optional.ofNullable(ctx.conversationId()), ctx.workflowRunId(), Optional.empty()));
            return new Done(ids.size(), session);
        });
        String verb = switch (w.kind()) {
            case INSERT -> "Inserted";
            case UPDATE -> "Updated";
            case DELETE -> "Deleted";
        };
        return ToolOutcome.ok(Map.of("table", w.table(), "rows", done.rows(), "change_session_id", done.session().toString(),
                        "message", verb + " " + done.rows() + " row(s) of " + w.table()
                                + ". Discarding this conversation's pending changes would restore them."),
                verb + " " + done.rows() + " " + w.table() + " row(s)");
    }

    // ------------------------------------------------------------------ CRM proposals

    private ToolOutcome crmUpdate(ToolContext ctx, SqlWritePlan.CrmUpdate u) {
        int max = approvalSettings.maxRowsPerWrite();
        List<String> columns = new ArrayList<>(u.sets().keySet());
        StringBuilder select = new StringBuilder("SELECT " + u.qualifier() + ".id, " + u.qualifier() + ".source_system, "
                + u.qualifier() + ".source_id, " + u.qualifier() + ".name");
        for (int i = 0; i < columns.size(); i++) {
            select.append(", ").append(u.qualifier()).append('.').append(quote(columns.get(i))).append(" AS c").append(i);
            select.append(", (").append(u.sets().get(columns.get(i))).append(") AS v").append(i);
        }
        select.append(" FROM ").append(u.fromClause()).append(" WHERE ").append(u.where())
                .append(" ORDER BY ").append(u.qualifier()).append(".id LIMIT ").append(max + 1);
        record Matched(UUID id, String system, String sourceId, String name, List<Object> current, List<Object> next) {}
        List<Matched> rows = tx.readOnly(ctx.tenant(), agent.sqlTimeout(), j -> j.sql(select.toString()).query((rs, n) -> {
            List<Object> current = new ArrayList<>();
            List<Object> next = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                current.add(vendorValue(rs.getObject("c" + i)));
                next.add(vendorValue(rs.getObject("v" + i)));
            }
            return new Matched(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), current, next);
        }).list());
        if (rows.isEmpty()) {
            return ToolOutcome.ok(Map.of("table", u.table(), "rows_matched", 0, "changes", List.of(),
                    "message", "No " + u.table() + " row matched; nothing was proposed."), "No rows matched");
        }
        if (rows.size() > max) {
            return ToolOutcome.error("The statement matches more than " + max + " " + u.table() + " rows.",
                    "Narrow the WHERE clause; propose at most " + max + " CRM changes at a time.");
        }
        List<Map<String, Object>> proposals = new ArrayList<>();
        for (Matched row : rows) {
            CrmEntity entity = CrmEntity.byTable(row.system(), u.table()).orElse(null);
            if (entity == null) {
                return ToolOutcome.error(u.table() + " row " + row.id() + " comes from '" + row.system()
                        + "', which Revtops cannot write to.", "Leave such rows out (e.g. AND source_system = 'hubspot').");
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                Optional<String> property = entity.propertyFor(column);
                if (property.isEmpty()) {
                    return ToolOutcome.error(u.table() + "." + column + " cannot be changed in " + row.system() + ".",
                            "Changeable columns there: " + String.join(", ", entity.columnToProperty().keySet()));
                }
                if (!same(row.current().get(i), row.next().get(i))) properties.put(property.get(), row.next().get(i) == null ? "" : row.next().get(i));
            }
            if (properties.isEmpty()) continue; // already so: nothing to propose
            Map<String, Object> params = new LinkedHashMap<>();
            params.put(entity.idParam(), row.sourceId());
            params.put(entity.propertiesParam(), properties);
            proposals.add(Map.of("connector", entity.connector(), "operation", entity.updateOp(), "params", params));
        }
        return propose(ctx, u.table(), rows.size(), proposals);
    }

    private ToolOutcome crmInsert(ToolContext ctx, SqlWritePlan.CrmInsert ins) {
        int max = approvalSettings.maxRowsPerWrite();
        if (ins.rows().size() > max) return ToolOutcome.error("At most " + max + " rows per INSERT.", "Insert in parts.");
        List<String> crms = connectedCrms(ctx);
        List<Map<String, Object>> proposals = new ArrayList<>();
        for (List<String> exprs : ins.rows()) {
            String select = "SELECT " + java.util.stream.IntStream.range(0, exprs.size())
                    .mapToObj(i -> "(" + exprs.get(i) + ") AS v" + i).collect(Collectors.joining(", "));
            List<Object> values = tx.readOnly(ctx.tenant(), agent.sqlTimeout(), j -> j.sql(select).query((rs, n) -> {
                List<Object> v = new ArrayList<>();
                for (int i = 0; i < exprs.size(); i++) v.add(vendorValue(rs.getObject(i + 1)));
                return v;
            }).single());
            Map<String, Object> byColumn = new LinkedHashMap<>();
            for (int i = 0; i < ins.columns().size(); i++) byColumn.put(ins.columns().get(i), values.get(i));
            Object system = byColumn.remove("source_system");
            String connector;
            if (system != null) connector = system.toString();
            else if (crms.size() == 1) connector = crms.getFirst();
            else {
                return ToolOutcome.error(crms.isEmpty() ? "No CRM is connected." : "Several CRMs are connected (" + String.join(", ", crms) + ").",
                        crms.isEmpty() ? "Tell the user to connect their CRM." : "Add a source_system column naming the CRM to create it in.");
            }
            CrmEntity entity = CrmEntity.byTable(connector, ins.table()).orElse(null);
            if (entity == null) return ToolOutcome.error("Revtops cannot create " + ins.table() + " in '" + connector + "'.", "Use hubspot or salesforce.");
            Map<String, Object> properties = new LinkedHashMap<>();
            for (var e : byColumn.entrySet()) {
                Optional<String> property = entity.propertyFor(e.getKey());
                if (property.isEmpty()) {
                    return ToolOutcome.error(ins.table() + "." + e.getKey() + " cannot be set in " + connector + ".",
                            "Settable columns there: " + String.join(", ", entity.columnToProperty().keySet()));
                }
                if (e.getValue() != null) properties.put(property.get(), e.getValue());
            }
            proposals.add(Map.of("connector", connector, "operation", entity.createOp(),
                    "params", Map.of(entity.propertiesParam(), properties)));
        }
        return propose(ctx, ins.table(), ins.rows().size(), proposals);
    }

    @SuppressWarnings("unchecked")
    private ToolOutcome propose(ToolContext ctx, String table, int matched, List<Map<String, Object>> proposals) {
        List<Map<String, Object>> changes = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Map<String, Object> p : proposals) {
            ProposalOutcome o = approvals.propose(new Proposal(ctx.tenant(), Optional.ofNullable(ctx.conversationId()),
                    ctx.workflowRunId(), ctx.inWorkflow() ? "workflow" : "agent", name(), (String) p.get("connector"),
                    (String) p.get("operation"), (Map<String, Object>) p.get("params"), ctx.workflowGrants(), false));
            switch (o) {
                case ProposalOutcome.Queued q -> {
                    ctx.emit("pending_change", q.change().summary());
                    changes.add(ProposalResults.view(q.change()));
                }
                case ProposalOutcome.Executed e -> {
                    ctx.emit("pending_change", e.change().summary());
                    changes.add(ProposalResults.view(e.change()));
                }
                case ProposalOutcome.ReadOnly r -> { }
                case ProposalOutcome.Refused r -> refused.add(r.message());
            }
        }
        List<Integer> numbers = changes.stream().map(c -> (Integer) c.get("change")).filter(Objects::nonNull).toList();
        boolean anyPending = changes.stream().anyMatch(c -> "pending_approval".equals(c.get("status")));
        String message = "The " + table + " table was not changed. " + (changes.isEmpty() ? "Nothing was proposed"
                + (proposals.isEmpty() ? " (the rows already have those values)." : ".")
                : (anyPending ? "Queued for approval as change(s) " : "Changes ") + numbers.stream().map(String::valueOf)
                .collect(Collectors.joining(", ")) + (anyPending ? "; nothing is sent to the CRM until the user approves." : "."))
                + (refused.isEmpty() ? "" : " Refused: " + String.join(" ", refused));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("table", table);
        content.put("rows_matched", matched);
        content.put("changes", changes);
        if (!refused.isEmpty()) content.put("refused", refused);
        content.put("message", message);
        if (changes.isEmpty() && !refused.isEmpty()) return ToolOutcome.error(message, "Fix the statement and try again.");
        return ToolOutcome.ok(content, changes.isEmpty() ? "Nothing to propose" : "Proposed " + changes.size() + " CRM change(s)");
    }

    private List<String> connectedCrms(ToolContext ctx) {
        UUID me = ctx.tenant().userId().orElseThrow();
        return tx.run(ctx.tenant(), j -> integrations.listVisible(j, me)).stream()
                .filter(Integration::active).map(Integration::provider)
                .filter(p -> CrmEntity.ALL.stream().anyMatch(e -> e.connector().equals(p))).distinct().toList();
    }

    /** A column value as vendors take it: plain numbers, ISO dates, text. */
    static Object vendorValue(Object v) {
        return switch (v) {
            case null -> null;
            case BigDecimal b -> b.stripTrailingZeros().scale() <= 0 ? b.setScale(0).toPlainString() : b.stripTrailingZeros().toPlainString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.sql.Timestamp t -> t.toInstant().toString();
            case Number n -> n;
            case Boolean b -> b;
            default -> v.toString();
        };
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) return a == b;
        if (a instanceof Number || b instanceof Number) {
            try {
                return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
            } catch (NumberFormatException e) {
                return a.toString().equals(b.toString());
            }
        }
        return a.toString().equals(b.toString());
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String databaseMessage(DataAccessException e) {
        Throwable t = e.getMostSpecificCause();
        if (t instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            String m = p.getServerErrorMessage().getMessage();
            return m == null ? p.getSQLState() : m;
        }
        return t.getClass().getSimpleName();
    }
}
