package io.revtops.approvals;

import io.revtops.approvals.PendingChange.Status;
import io.revtops.approvals.crm.ChangePreviews;
import io.revtops.approvals.store.ChangeSessionRepository;
import io.revtops.approvals.store.ChangeSessionRepository.Session;
import io.revtops.approvals.store.ConversationNotes;
import io.revtops.approvals.store.PendingOperationRepository;
import io.revtops.approvals.store.PendingOperationRepository.NewOperation;
import io.revtops.approvals.store.PendingOperationRepository.Row;
import io.revtops.approvals.store.SnapshotRepository;
import io.revtops.approvals.store.ToolPolicyRepository;
import io.revtops.connectors.ActionResult;
import io.revtops.connectors.Actionable;
import io.revtops.connectors.Connector;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.OperationSpec;
import io.revtops.connectors.Writable;
import io.revtops.connectors.integrations.Integration;
import io.revtops.connectors.integrations.IntegrationRepository;
import io.revtops.platform.audit.ActionLedger;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.platform.json.JsonSchemas;
import io.revtops.tenancy.RequestContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The approvals module's front door (SPEC §5). External writes and actions become pending operations in the change
 * session of their conversation tree and wait for a person; nothing is sent until then, unless the requester (or the
 * workflow) auto-approved that tool key and the organization does not deny it. People edit, approve or reject one
 * change, or commit/discard a whole session; approval hands the operation to the {@link ApprovalExecutor}.
 */
@Service
public class Approvals {
    private static final Logger log = LoggerFactory.getLogger(Approvals.class);
    private static final UUID NOBODY = new UUID(0, 0);

    private final TenantTx tx;
    private final ConnectorRegistry registry;
    private final IntegrationRepository integrations;
    private final PendingOperationRepository operations;
    private final ChangeSessionRepository sessions;
    private final SnapshotRepository snapshots;
    private final ToolPolicyRepository policies;
    private final ConversationNotes notes;
    private final ChangePreviews previews;
    private final ActionLedger ledger;
    private final ApprovalExecutor executor;
    private final ApplicationEventPublisher events;
    private final ApprovalsProperties props;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    public Approvals(TenantTx tx, ConnectorRegistry registry, IntegrationRepository integrations,
                     PendingOperationRepository operations, ChangeSessionRepository sessions, SnapshotRepository snapshots,
                     ToolPolicyRepository policies, ConversationNotes notes, ChangePreviews previews, ActionLedger ledger,
                     ApprovalExecutor executor, ApplicationEventPublisher events, ApprovalsProperties props, JsonMapper json) {
        this.tx = tx;
        this.registry = registry;
        this.integrations = integrations;
        this.operations = operations;
        this.sessions = sessions;
        this.snapshots = snapshots;
        this.policies = policies;
        this.notes = notes;
        this.previews = previews;
        this.ledger = ledger;
        this.executor = executor;
        this.events = events;
        this.props = props;
        this.json = json;
    }

    // ------------------------------------------------------------------ decisions

    /** How a use of a tool is treated: denied by the organization, auto-approved, or waiting for a person. */
    public sealed interface Decision {
        record Denied(String key) implements Decision {}

        record AutoApproved(String key) implements Decision {}

        record NeedsApproval() implements Decision {}
    }

    /**
     * Deny always wins: a key the organization denies is refused whoever asks. Otherwise the use is auto-approved when
     * the user auto-approved a key covering it, or the workflow run's grants include one.
     */
    public Decision decide(Tenant tenant, ToolKey key, Optional<Set<String>> workflowGrants) {
        List<String> covering = key.coveredBy();
        return tx.run(tenant, j -> {
            Optional<String> denied = policies.deniedKey(j, covering);
            if (denied.isPresent()) return new Decision.Denied(denied.get());
            Optional<String> granted = workflowGrants.flatMap(g -> covering.stream().filter(g::contains).findFirst());
            if (granted.isPresent()) return new Decision.AutoApproved(granted.get());
            if (tenant.userId().isPresent() && policies.userAutoApproves(j, tenant.userId().get(), covering)) {
                return new Decision.AutoApproved(key.canonical());
            }
            return new Decision.NeedsApproval();
        });
    }

    /** Whether this use runs without asking (for the workflows module): granted or auto-approved, and not denied. */
    public boolean autoApproved(Tenant tenant, ToolKey key, Optional<Set<String>> workflowGrants) {
        return decide(tenant, key, workflowGrants) instanceof Decision.AutoApproved;
    }

    /** The organization's denial covering this use, if any. */
    public Optional<String> denied(Tenant tenant, ToolKey key) {
        return tx.run(tenant, j -> policies.deniedKey(j, key.coveredBy()));
    }

    // ------------------------------------------------------------------ proposals

    /** Turns an agent's request into a pending operation (or runs it, when read-only or auto-approved). */
    public ProposalOutcome propose(Proposal p) {
        Optional<Connector> found = registry.find(p.connector());
        boolean action = p.tool().equals("run_action");
        if (found.isEmpty()) {
            return new ProposalOutcome.Refused("unknown_connector", "There is no connector '" + p.connector() + "'.",
                    "Call list_connected_systems for the slugs.");
        }
        Connector connector = found.get();
        ConnectorMeta meta = connector.meta();
        List<OperationSpec> offered = action ? (connector instanceof Actionable ? meta.actions() : List.of())
                : (connector instanceof Writable ? meta.writes() : List.of());
        Optional<OperationSpec> spec = offered.stream().filter(o -> o.name().equals(p.operation())).findFirst();
        if (spec.isEmpty()) {
            return new ProposalOutcome.Refused("unknown_operation", meta.name() + " has no " + (action ? "action" : "write")
                    + " '" + p.operation() + "'.", offered.isEmpty() ? meta.name() + " offers none."
                    : "It offers: " + String.join(", ", offered.stream().map(OperationSpec::name).toList()));
        }
        List<String> problems = JsonSchemas.problems(spec.get().parameters(), json.valueToTree(p.params()));
        if (!problems.isEmpty()) {
            return new ProposalOutcome.Refused("invalid_params", "The params do not match " + meta.slug() + "." + p.operation()
                    + ": " + String.join("; ", problems.subList(0, Math.min(5, problems.size()))),
                    "Read get_connector_docs for the parameters and call again.");
        }
        ToolKey key = ToolKey.of(p.tool().equals("run_sql_write") ? "write_to_system" : p.tool(), meta.slug(), p.operation());
        Decision decision = decide(p.tenant(), key, p.workflowGrants());
        if (decision instanceof Decision.Denied d) {
            return new ProposalOutcome.Refused("tool_denied", "An admin has turned off " + d.key()
                    + " for this organization, so " + key.canonical() + " cannot be used.", "Tell the user; an admin can allow it again.");
        }
        UUID userId = p.tenant().userId().orElse(NOBODY);
        Optional<Integration> integration = tx.run(p.tenant(), j -> usableIntegration(j, userId, meta.slug()));
        if (integration.isEmpty()) {
            return new ProposalOutcome.Refused("not_connected", meta.name() + " is not connected (or needs reconnecting).",
                    "Tell the user to connect " + meta.name() + " on the integrations page.");
        }
        if (spec.get().readOnly()) {
            try {
                ActionResult r = executor.runReadOnly(integration.get(), (Actionable) connector, p.operation(), p.params());
                return new ProposalOutcome.ReadOnly(r.data(), r.summary());
            } catch (ConnectorException e) {
                return new ProposalOutcome.Refused("connector_failed", ApprovalExecutor.failureMessage(meta, e), "Try again or another way.");
            }
        }
        boolean auto = decision instanceof Decision.AutoApproved;
        PendingChange change = tx.run(p.tenant(), j -> {
            Map<String, Object> params = withDisclosure(j, p.tenant(), p.operation(), p.params());
            ChangePreviews.Description d = previews.describe(j, meta, p.operation(), params);
            Optional<UUID> root = p.conversationId().map(c -> sessions.rootConversation(j, c));
            UUID session = sessions.openFor(j, p.tenant().orgId(), root, p.tenant().userId());
            int number = sessions.nextNumber(j, session);
            UUID id = operations.insert(j, new NewOperation(p.tenant().orgId(), session, number, p.conversationId(),
                    p.workflowRunId(), p.tenant().userId(), p.actor(), p.tool(), key.canonical(), meta.slug(), p.operation(),
                    params, d.preview(), d.diff(), d.warnings(), auto ? Status.APPROVED : Status.PENDING, auto,
                    clock.instant().plus(props.expiry()), integration.map(Integration::id), d.targetTable(), d.targetRecordId()));
            return operations.find(j, id).orElseThrow().change();
        });
        log.info("event=change_proposed org_id={} operation_id={} key={} auto={}", p.tenant().orgId(), change.id(),
                key.canonical(), auto);
        events.publishEvent(PendingChangeEvent.of(p.tenant().orgId(), change));
        if (!auto) return new ProposalOutcome.Queued(change);
        return new ProposalOutcome.Executed(executor.execute(p.tenant().orgId(), change.id(), p.announce()));
    }

    /** The integration a user's operation goes through: their own, the organization's, or one shared for writes. */
    private Optional<Integration> usableIntegration(JdbcClient j, UUID userId, String slug) {
        return integrations.listVisible(j, userId).stream()
                .filter(i -> i.provider().equals(slug) && i.active())
                .filter(i -> i.scope() == ConnectorMeta.Scope.ORGANIZATION || i.userId().equals(Optional.of(userId))
                        || i.shareWriteAccess())
                .min(Comparator.comparing(i -> i.userId().equals(Optional.of(userId)) ? 0 : 1));
    }

    private Map<String, Object> withDisclosure(JdbcClient j, Tenant tenant, String operation, Map<String, Object> params) {
        if (!Disclosure.outbound(operation)) return params;
        String template = j.sql("SELECT settings ->> 'disclosure_footer' FROM organizations WHERE id = :o")
                .param("o", tenant.orgId()).query(String.class).optional().orElse(null);
        String name = tenant.userId().flatMap(u -> j.sql("SELECT coalesce(nullif(name, ''), email) FROM users WHERE id = :u")
                .param("u", u).query(String.class).optional()).orElse(null);
        return Disclosure.apply(params, Disclosure.footer(template, name));
    }

    // ------------------------------------------------------------------ reading

    public List<PendingChange> list(RequestContext ctx, Optional<UUID> conversationId, Optional<Status> status, int limit) {
        return tx.run(ctx.tenant(), j -> operations.list(j, ctx.userId(), ctx.isAdmin(), conversationId, status,
                Optional.empty(), Math.max(1, Math.min(limit, 500)))).stream().map(Row::change).toList();
    }

    public PendingChange get(RequestContext ctx, UUID id) {
        return visible(ctx, id).change();
    }

    private Row visible(RequestContext ctx, UUID id) {
        return tx.run(ctx.tenant(), j -> operations.findVisible(j, id, ctx.userId(), ctx.isAdmin()))
                .orElseThrow(() -> new ApiException.NotFound("Pending change " + id));
    }

    private static void mayDecide(RequestContext ctx, PendingChange c) {
        if (!ctx.isAdmin() && !c.requestedBy().equals(Optional.of(ctx.userId()))) {
            throw new ApiException.Forbidden("not_requester", "Only the person who asked for change " + c.number()
                    + " or an admin may decide on it");
        }
    }

    private static ApiException.Conflict resolved(PendingChange c) {
        return new ApiException.Conflict("already_resolved", "Change " + c.number() + " is already " + c.status().db()
                + "; only pending changes can be edited, approved or rejected");
    }

    // ------------------------------------------------------------------ decisions by people

    /** Approves and executes one pending change; returns it as it ended (completed or failed). */
    public PendingChange approve(RequestContext ctx, UUID id) {
        PendingChange c = visible(ctx, id).change();
        mayDecide(ctx, c);
        if (c.status() != Status.PENDING) throw resolved(c);
        refuseIfDenied(ctx.tenant(), c);
        PendingChange approved = tx.run(ctx.tenant(), j -> {
            if (!operations.approve(j, id, ctx.userId())) {
                if (operations.expireIfDue(j, id)) return operations.find(j, id).orElseThrow().change();
                throw resolved(operations.find(j, id).orElseThrow().change());
            }
            ledger.record(j, userEntry(ctx, "pending_change.approved", c, Map.of()), links(c));
            return operations.find(j, id).orElseThrow().change();
        });
        events.publishEvent(PendingChangeEvent.of(ctx.orgId(), approved));
        if (approved.status() == Status.EXPIRED) {
            throw new ApiException.Conflict("expired", "Change " + c.number() + " expired at " + c.expiresAt()
                    + " without a decision; ask Penny to propose it again");
        }
        return executor.execute(ctx.orgId(), id, true);
    }

    private void refuseIfDenied(Tenant tenant, PendingChange c) {
        ToolKey key = ToolKey.of(c.tool().equals("run_sql_write") ? "write_to_system" : c.tool(), c.connector(), c.operation());
        denied(tenant, key).ifPresent(d -> {
            throw new ApiException.Forbidden("tool_denied", "An admin has turned off " + d + " for this organization; change "
                    + c.number() + " cannot run");
        });
    }

    public PendingChange reject(RequestContext ctx, UUID id) {
        PendingChange c = visible(ctx, id).change();
        mayDecide(ctx, c);
        if (c.status() != Status.PENDING) throw resolved(c);
        PendingChange rejected = tx.run(ctx.tenant(), j -> {
            if (!operations.reject(j, id, ctx.userId())) throw resolved(operations.find(j, id).orElseThrow().change());
            ledger.record(j, userEntry(ctx, "pending_change.rejected", c, Map.of()), links(c));
            PendingChange after = operations.find(j, id).orElseThrow().change();
            after.conversationId().ifPresent(conv -> notes.post(j, ctx.orgId(), conv, ApprovalExecutor.noteText(after), after.summary()));
            return after;
        });
        events.publishEvent(PendingChangeEvent.of(ctx.orgId(), rejected));
        return rejected;
    }

    /**
     * Edits the parameters of a pending change with a JSON merge patch (RFC 7386: given fields replace, {@code null}
     * removes) and validates the result against the operation's schema: unknown fields or wrong types are a 400.
     */
    public PendingChange edit(RequestContext ctx, UUID id, JsonNode paramsPatch) {
        PendingChange c = visible(ctx, id).change();
        mayDecide(ctx, c);
        if (c.status() != Status.PENDING) throw resolved(c);
        if (paramsPatch == null || !paramsPatch.isObject()) {
            throw new ApiException.InvalidInput("invalid_params", "'params' must be an object of the fields to change");
        }
        Connector connector = registry.find(c.connector())
                .orElseThrow(() -> new ApiException.Conflict("connector_missing", "The connector " + c.connector() + " is gone"));
        OperationSpec spec = connector.meta().operation(c.operation())
                .orElseThrow(() -> new ApiException.Conflict("operation_missing", "The operation " + c.operation() + " is gone"));
        Map<String, Object> merged = mergePatch(c.params(), paramsPatch);
        List<String> problems = JsonSchemas.problems(spec.parameters(), json.valueToTree(merged));
        if (!problems.isEmpty()) {
            throw new ApiException.InvalidInput("invalid_params", "The edited params do not match " + c.connector() + "."
                    + c.operation() + ": " + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
        }
        Tenant requester = new Tenant(ctx.orgId(), c.requestedBy());
        PendingChange edited = tx.run(ctx.tenant(), j -> {
            Map<String, Object> params = withDisclosure(j, requester, c.operation(), merged);
            ChangePreviews.Description d = previews.describe(j, connector.meta(), c.operation(), params);
            if (!operations.edit(j, id, params, d.preview(), d.diff(), d.warnings())) {
                throw resolved(operations.find(j, id).orElseThrow().change());
            }
            ledger.record(j, userEntry(ctx, "pending_change.edited", c, Map.of("params", params)), links(c));
            return operations.find(j, id).orElseThrow().change();
        });
        events.publishEvent(PendingChangeEvent.of(ctx.orgId(), edited));
        return edited;
    }

    private Map<String, Object> mergePatch(Map<String, Object> target, JsonNode patch) {
        JsonNode merged = merge(json.valueToTree(target), patch);
        return json.convertValue(merged, new TypeReference<Map<String, Object>>() {});
    }

    private JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) return patch;
        var out = target != null && target.isObject() ? (tools.jackson.databind.node.ObjectNode) target.deepCopy()
                : json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().isNull()) out.remove(e.getKey());
            else out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    // ------------------------------------------------------------------ sessions

    /** The result of committing or discarding a session. */
    public record SessionOutcome(UUID sessionId, String status, List<PendingChange> changes, int restoredRows) {}

    /** Approves every pending change of the session and executes them in order, as one batch. */
    public SessionOutcome commit(RequestContext ctx, UUID sessionId) {
        Session s = sessionFor(ctx, sessionId);
        List<PendingChange> approved = tx.run(ctx.tenant(), j -> {
            if (!sessions.lockOpen(j, sessionId)) throw sessionResolved(s);
            List<PendingChange> pending = operations.inSession(j, sessionId, Status.PENDING).stream().map(Row::change).toList();
            for (PendingChange c : pending) mayDecide(ctx, c);
            for (PendingChange c : pending) refuseIfDenied(ctx.tenant(), c);
            List<PendingChange> out = new ArrayList<>();
            for (PendingChange c : pending) {
                if (operations.approve(j, c.id(), ctx.userId())) {
                    ledger.record(j, userEntry(ctx, "pending_change.approved", c, Map.of("via", "commit")), links(c));
                } else {
                    operations.expireIfDue(j, c.id());
                }
                out.add(operations.find(j, c.id()).orElseThrow().change());
            }
            sessions.resolve(j, sessionId, "committed");
            ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", "change_session.committed",
                    sessionId.toString(), Map.of("changes", out.size()), Map.of(), "completed"), ActionLedger.Links.NONE);
            return out;
        });
        approved.forEach(c -> events.publishEvent(PendingChangeEvent.of(ctx.orgId(), c)));
        List<PendingChange> results = new ArrayList<>();
        for (PendingChange c : approved) {
            results.add(c.status() == Status.APPROVED ? executor.execute(ctx.orgId(), c.id(), true) : c);
        }
        return new SessionOutcome(sessionId, "committed", results, 0);
    }

    /** Rejects every pending change of the session and restores the local rows it changed. */
    public SessionOutcome discard(RequestContext ctx, UUID sessionId) {
        Session s = sessionFor(ctx, sessionId);
        record Discarded(List<PendingChange> changes, int restored) {}
        Discarded d = tx.run(ctx.tenant(), j -> {
            if (!sessions.lockOpen(j, sessionId)) throw sessionResolved(s);
            List<PendingChange> pending = operations.inSession(j, sessionId, Status.PENDING).stream().map(Row::change).toList();
            for (PendingChange c : pending) mayDecide(ctx, c);
            List<PendingChange> out = new ArrayList<>();
            for (PendingChange c : pending) {
                operations.reject(j, c.id(), ctx.userId());
                out.add(operations.find(j, c.id()).orElseThrow().change());
            }
            int restored = LocalRows.restore(j, snapshots.forSession(j, sessionId));
            sessions.resolve(j, sessionId, "discarded");
            ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", "change_session.discarded",
                    sessionId.toString(), Map.of("rejected", out.size()), Map.of("restored_rows", restored), "completed"),
                    ActionLedger.Links.NONE);
            s.rootConversationId().ifPresent(conv -> notes.post(j, ctx.orgId(), conv, "The pending changes of this "
                    + "conversation were discarded: " + out.size() + " rejected, " + restored + " local row(s) restored.",
                    Map.of("session_id", sessionId.toString(), "status", "discarded")));
            return new Discarded(out, restored);
        });
        d.changes().forEach(c -> events.publishEvent(PendingChangeEvent.of(ctx.orgId(), c)));
        return new SessionOutcome(sessionId, "discarded", d.changes(), d.restored());
    }

    private Session sessionFor(RequestContext ctx, UUID sessionId) {
        Session s = tx.run(ctx.tenant(), j -> sessions.find(j, sessionId))
                .orElseThrow(() -> new ApiException.NotFound("Change session " + sessionId));
        if (ctx.isAdmin() || s.userId().equals(Optional.of(ctx.userId()))) return s;
        boolean sees = !tx.run(ctx.tenant(), j -> operations.list(j, ctx.userId(), false, Optional.empty(), Optional.empty(),
                Optional.of(sessionId), 1)).isEmpty();
        if (!sees) throw new ApiException.NotFound("Change session " + sessionId);
        return s;
    }

    private static ApiException.Conflict sessionResolved(Session s) {
        return new ApiException.Conflict("already_resolved", "This change session is already " + s.status());
    }

    // ------------------------------------------------------------------ local writes of run_sql_write

    /** The open change session of a conversation's tree (created on first use), inside the caller's transaction. */
    public UUID sessionFor(JdbcClient j, Tenant tenant, Optional<UUID> conversationId) {
        Optional<UUID> root = conversationId.map(c -> sessions.rootConversation(j, c));
        return sessions.openFor(j, tenant.orgId(), root, tenant.userId());
    }

    /**
     * Remembers a local row as it was before the session first changed it ({@code before} empty: the session created
     * it), so discarding the session restores it. Only tables {@link LocalRows#RESTORABLE} can be restored.
     */
    public void snapshot(JdbcClient j, Tenant tenant, UUID sessionId, String table, UUID recordId, Optional<String> before) {
        if (!LocalRows.RESTORABLE.contains(table)) throw new IllegalArgumentException(table + " rows cannot be restored");
        snapshots.record(j, tenant.orgId(), sessionId, table, recordId, before);
    }

    // ------------------------------------------------------------------ ledger helpers

    private static ActionLedger.Entry userEntry(RequestContext ctx, String action, PendingChange c, Map<String, Object> extra) {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("operation_id", c.id().toString());
        intent.put("change_number", c.number());
        intent.put("tool_key", c.toolKey());
        intent.put("preview", c.preview());
        intent.putAll(extra);
        return new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", action, c.connector() + "/" + c.operation(),
                intent, Map.of(), "completed");
    }

    private static ActionLedger.Links links(PendingChange c) {
        return new ActionLedger.Links(c.conversationId(), c.workflowRunId(), Optional.of(c.id()));
    }
}
