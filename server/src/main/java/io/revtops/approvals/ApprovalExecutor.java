package io.revtops.approvals;

import io.revtops.approvals.PendingChange.Status;
import io.revtops.approvals.store.ConversationNotes;
import io.revtops.approvals.store.PendingOperationRepository;
import io.revtops.approvals.store.PendingOperationRepository.Row;
import io.revtops.connectors.ActionResult;
import io.revtops.connectors.Actionable;
import io.revtops.connectors.Connector;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.Writable;
import io.revtops.connectors.WriteResult;
import io.revtops.connectors.integrations.ConnectorContexts;
import io.revtops.connectors.integrations.Integration;
import io.revtops.connectors.integrations.IntegrationRepository;
import io.revtops.platform.audit.ActionLedger;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.sync.RecordWriter;
import io.revtops.sync.SyncTarget;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs an approved operation exactly once (ARCHITECTURE §5.3). The caller that moves it {@code approved → executing}
 * (one conditional UPDATE) is the only one that calls the vendor, with the operation's idempotency key; the ledger
 * line is written with the intent before the call and completed with the outcome after. On success the local copy is
 * updated from the vendor's answer (through the sync writer, so it is the same row a sync would write); on failure
 * nothing is changed locally and the operation ends {@code failed} with the vendor's message. Either way the outcome
 * is posted into the conversation and published as a {@link PendingChangeEvent}.
 *
 * <p>A crash between the vendor call and the status update leaves the operation {@code executing}. The reconciler
 * ({@link #reconcile(Duration)}, a recurring job) takes such operations over and sends them again with the same key: a
 * vendor that honours idempotency keys replays its first answer instead of applying the change twice.
 */
@Component
public class ApprovalExecutor {
    private static final Logger log = LoggerFactory.getLogger(ApprovalExecutor.class);

    private final TenantTx tx;
    private final ConnectorRegistry registry;
    private final IntegrationRepository integrations;
    private final ConnectorContexts contexts;
    private final RecordWriter writer;
    private final ActionLedger ledger;
    private final PendingOperationRepository operations;
    private final ConversationNotes notes;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<FailureExplainer> explainer;
    private final Clock clock;
    private final Hooks hooks = new Hooks();

    public ApprovalExecutor(TenantTx tx, ConnectorRegistry registry, IntegrationRepository integrations,
                            ConnectorContexts contexts, RecordWriter writer, ActionLedger ledger,
                            PendingOperationRepository operations, ConversationNotes notes, ApplicationEventPublisher events,
                            ObjectProvider<FailureExplainer> explainer) {
        this.tx = tx;
        this.registry = registry;
        this.integrations = integrations;
        this.contexts = contexts;
        this.writer = writer;
        this.ledger = ledger;
        this.operations = operations;
        this.notes = notes;
        this.events = events;
        this.explainer = explainer;
        this.clock = Clock.systemUTC();
    }

    /** Test hooks: simulate a crash right after the vendor answered, before anything is recorded. */
    public static final class Hooks {
        private final AtomicInteger crashesAfterVendorCall = new AtomicInteger();

        /** The next execution "crashes" (throws {@link SimulatedCrash}) after its vendor call. */
        public void crashAfterVendorCallOnce() {
            crashesAfterVendorCall.incrementAndGet();
        }

        void afterVendorCall(UUID operationId) {
            if (crashesAfterVendorCall.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SimulatedCrash(operationId);
            }
        }
    }

    /** Thrown by {@link Hooks#crashAfterVendorCallOnce()}: the process "died" between the vendor call and the update. */
    public static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(UUID operationId) {
            super("simulated crash after the vendor call of operation " + operationId);
        }
    }

    public Hooks hooks() {
        return hooks;
    }

    /**
     * Executes an approved operation if this caller wins it; otherwise returns it as it is (someone else runs or ran
     * it). {@code announce} posts the outcome into the conversation (not when the agent ran it inline in a turn,
     * where the tool result already says it).
     */
    public PendingChange execute(UUID orgId, UUID operationId, boolean announce) {
        Tenant org = Tenant.org(orgId);
        Optional<Row> claimed = tx.run(org, j -> {
            if (!operations.claim(j, operationId)) return Optional.<Row>empty();
            Row row = operations.find(j, operationId).orElseThrow();
            UUID entry = ledger.record(j, intent(row), links(row));
            operations.setLedgerEntry(j, operationId, entry);
            return operations.find(j, operationId);
        });
        if (claimed.isEmpty()) return current(orgId, operationId);
        return run(claimed.get(), announce);
    }

    /**
     * Re-sends operations left {@code executing} for longer than {@code staleAfter} (a crash between the vendor call
     * and the status update) with their own idempotency key, and completes them; runs operations left
     * {@code approved} that long (a crash before the claim). Returns how many it finished.
     */
    public int reconcile(Duration staleAfter) {
        var cutoff = clock.instant().minus(staleAfter);
        int done = 0;
        // approved, but the process died before it claimed them: run them now (the claim still makes it once)
        List<Map.Entry<UUID, UUID>> approved = tx.system("approvals reconciler: approvals whose execution never started",
                j -> operations.staleApproved(j, cutoff));
        for (var a : approved) {
            try {
                if (execute(a.getKey(), a.getValue(), true).status().finished()) done++;
            } catch (RuntimeException e) {
                log.warn("event=approval_reconcile_failed operation_id={} error={}", a.getValue(), e.toString());
            }
        }
        // interrupted executions of every organization: system work of the reconciler job
        List<Map.Entry<UUID, UUID>> stale = tx.system("approvals reconciler: executions interrupted by a crash",
                j -> operations.staleExecuting(j, cutoff));
        for (var s : stale) {
            Optional<Row> taken = tx.run(Tenant.org(s.getKey()), j -> operations.reclaim(j, s.getValue(), cutoff)
                    ? operations.find(j, s.getValue()) : Optional.<Row>empty());
            if (taken.isEmpty()) continue;
            log.info("event=approval_reconcile org_id={} operation_id={} attempt={}", s.getKey(), s.getValue(),
                    taken.get().change().attempts());
            try {
                run(taken.get(), true);
                done++;
            } catch (RuntimeException e) {
                log.warn("event=approval_reconcile_failed operation_id={} error={}", s.getValue(), e.toString());
            }
        }
        return done;
    }

    /** Runs a read-only action at once (no approval, no pending operation). */
    public ActionResult runReadOnly(Integration integration, Actionable connector, String action, Map<String, Object> params) {
        ConnectorMeta meta = connector.meta();
        ConnectorContext ctx = contexts.forIntegration(integration, meta, contexts.credentials(integration, meta), () -> false);
        return connector.action(ctx, action, params, "revtops-read-" + UUID.randomUUID());
    }

    private PendingChange run(Row row, boolean announce) {
        PendingChange op = row.change();
        Tenant requester = new Tenant(row.orgId(), op.requestedBy());
        Outcome outcome;
        try {
            outcome = call(row);
        } catch (SimulatedCrash crash) {
            throw crash;
        }
        hooks.afterVendorCall(op.id());
        Outcome recorded = outcome;
        PendingChange finished = tx.run(requester, j -> {
            Outcome o = recorded instanceof Outcome.Done done && done.localCopy().isPresent()
                    ? writeLocalCopy(j, row, done) : recorded;
            switch (o) {
                case Outcome.Done done -> operations.finish(j, op.id(), Status.COMPLETED, Optional.of(done.result()), Optional.empty());
                case Outcome.Failed failed -> operations.finish(j, op.id(), Status.FAILED, Optional.empty(), Optional.of(failed.message()));
            }
            row.ledgerEntryId().ifPresent(entry -> ledger.complete(j, entry, ledgerOutcome(o),
                    o instanceof Outcome.Done ? "completed" : "failed"));
            PendingChange after = operations.find(j, op.id()).orElseThrow().change();
            if (announce) after.conversationId().ifPresent(c -> notes.post(j, row.orgId(), c, noteText(after), after.summary()));
            return after;
        });
        log.info("event=approval_executed org_id={} operation_id={} connector={} operation={} status={}", row.orgId(), op.id(),
                op.connector(), op.operation(), finished.status().db());
        events.publishEvent(PendingChangeEvent.of(row.orgId(), finished));
        if (finished.status() == Status.FAILED && announce && finished.conversationId().isPresent()) {
            FailureExplainer e = explainer.getIfAvailable();
            if (e != null) Thread.ofVirtual().name("explain-" + op.id()).start(() -> {
                try {
                    e.explain(requester, finished);
                } catch (RuntimeException ex) {
                    log.warn("event=approval_explain_failed operation_id={} error={}", op.id(), ex.toString());
                }
            });
        }
        return finished;
    }

    /** What the vendor call gave. */
    private sealed interface Outcome {
        record Done(Map<String, Object> result, Optional<SyncedRecord> localCopy) implements Outcome {}

        record Failed(String message) implements Outcome {}
    }

    private Outcome call(Row row) {
        PendingChange op = row.change();
        Optional<Connector> connector = registry.find(op.connector());
        if (connector.isEmpty()) return new Outcome.Failed("The connector '" + op.connector() + "' is not installed any more.");
        ConnectorMeta meta = connector.get().meta();
        Optional<Integration> integration = row.integrationId().flatMap(id -> tx.run(Tenant.org(row.orgId()), j -> integrations.find(j, id)));
        if (integration.isEmpty() || !integration.get().active()) {
            return new Outcome.Failed(integration.map(i -> i.status() == Integration.Status.NEEDS_RECONNECT)
                    .orElse(false) ? "Reconnect " + meta.name() : meta.name() + " is not connected any more; connect it and propose the change again.");
        }
        try {
            ConnectorContext ctx = contexts.forIntegration(integration.get(), meta,
                    contexts.credentials(integration.get(), meta), () -> false);
            if (op.tool().equals("run_action")) {
                if (!(connector.get() instanceof Actionable actionable)) return new Outcome.Failed(meta.name() + " has no actions.");
                ActionResult r = actionable.action(ctx, op.operation(), op.params(), row.idempotencyKey());
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("summary", r.summary());
                result.put("data", r.data());
                return new Outcome.Done(result, Optional.empty());
            }
            if (!(connector.get() instanceof Writable writable)) return new Outcome.Failed(meta.name() + " has no writes.");
            WriteResult r = writable.write(ctx, op.operation(), op.params(), row.idempotencyKey());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("source_id", r.sourceId());
            result.put("summary", "Done in " + meta.name() + " (id " + r.sourceId() + ")");
            result.put("vendor_response", r.vendorResponse());
            return new Outcome.Done(result, r.localCopy());
        } catch (ConnectorException e) {
            return new Outcome.Failed(failureMessage(meta, e));
        } catch (RuntimeException e) {
            log.error("event=approval_execute_crashed operation_id={} connector={}", op.id(), op.connector(), e);
            return new Outcome.Failed("Something went wrong on our side while sending it to " + meta.name()
                    + "; it has been logged.");
        }
    }

    static String failureMessage(ConnectorMeta meta, ConnectorException e) {
        return switch (e) {
            case ConnectorException.Rejected r -> meta.name() + " refused it: " + r.getMessage();
            case ConnectorException.NeedsReconnect n -> n.getMessage();
            case ConnectorException.RateLimited r -> meta.name() + " is rate-limiting us; try again later.";
            case ConnectorException.Unavailable u -> meta.name() + " is not answering (" + u.getMessage() + "); try again later.";
            case ConnectorException.InvalidRequest i -> "It could not be sent: " + i.getMessage();
            case ConnectorException.MalformedResponse m -> meta.name() + " gave an answer we could not read (" + m.getMessage()
                    + "); check in " + meta.name() + " whether it happened.";
            case ConnectorException.Cancelled c -> "It was cancelled.";
        };
    }

    /** Writes the vendor's version of the record in a savepoint: a local failure never undoes the recorded outcome. */
    private Outcome writeLocalCopy(org.springframework.jdbc.core.simple.JdbcClient j, Row row, Outcome.Done done) {
        SyncedRecord record = done.localCopy().orElseThrow();
        j.sql("SAVEPOINT revtops_local_copy").update();
        try {
            Integration integration = integrations.find(j, row.integrationId().orElseThrow()).orElseThrow();
            SyncTarget target = new SyncTarget(row.orgId(), integration.id(), integration.provider(),
                    integration.scope() == ConnectorMeta.Scope.USER ? integration.userId() : Optional.empty(),
                    integration.shareSyncedData());
            writer.write(j, target, record.table(), List.of(record));
            // the record now matches the vendor: synced, even when its content did not change
            j.sql("UPDATE " + record.table().tableName() + " SET synced_at = now() WHERE organization_id = :o"
                            + " AND source_system = :s AND source_id = :id")
                    .param("o", row.orgId()).param("s", integration.provider()).param("id", record.sourceId()).update();
            j.sql("RELEASE SAVEPOINT revtops_local_copy").update();
            Map<String, Object> result = new LinkedHashMap<>(done.result());
            result.put("local_copy", record.table().tableName());
            return new Outcome.Done(result, done.localCopy());
        } catch (DataAccessException | java.util.NoSuchElementException e) {
            j.sql("ROLLBACK TO SAVEPOINT revtops_local_copy").update();
            log.warn("event=approval_local_copy_failed operation_id={} error={}", row.change().id(), e.getClass().getSimpleName());
            Map<String, Object> result = new LinkedHashMap<>(done.result());
            result.put("local_copy", "not updated; the next sync brings it");
            return new Outcome.Done(result, done.localCopy());
        }
    }

    private PendingChange current(UUID orgId, UUID operationId) {
        return tx.run(Tenant.org(orgId), j -> operations.find(j, operationId)).orElseThrow().change();
    }

    private static ActionLedger.Entry intent(Row row) {
        PendingChange op = row.change();
        boolean byPerson = !op.autoApproved() && op.resolvedBy().isPresent();
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("operation_id", op.id().toString());
        intent.put("change_number", op.number());
        intent.put("tool", op.tool());
        intent.put("connector", op.connector());
        intent.put("operation", op.operation());
        intent.put("params", op.params());
        intent.put("preview", op.preview());
        intent.put("requested_by", op.requestedBy().map(UUID::toString).orElse(null));
        intent.put("approved_by", byPerson ? op.resolvedBy().get().toString() : "auto");
        intent.put("idempotency_key", row.idempotencyKey());
        return new ActionLedger.Entry(row.orgId(), byPerson ? op.resolvedBy() : op.requestedBy(),
                byPerson ? "user" : op.actor(), op.toolKey(), op.connector() + "/" + op.operation(), intent, null, "executing");
    }

    private static ActionLedger.Links links(Row row) {
        return new ActionLedger.Links(row.change().conversationId(), row.change().workflowRunId(), Optional.of(row.change().id()));
    }

    private static Map<String, Object> ledgerOutcome(Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (o) {
            case Outcome.Done d -> {
                m.put("status", "completed");
                m.put("result", d.result());
            }
            case Outcome.Failed f -> {
                m.put("status", "failed");
                m.put("error", f.message());
            }
        }
        return m;
    }

    static String noteText(PendingChange c) {
        return switch (c.status()) {
            case COMPLETED -> "Change " + c.number() + " is done: " + c.preview()
                    + c.result().map(r -> r.get("summary")).map(s -> " — " + s).orElse("") + ".";
            case FAILED -> "Change " + c.number() + " failed: " + c.error().orElse("unknown error")
                    + " Nothing was changed here. (" + c.preview() + ")";
            case REJECTED -> "Change " + c.number() + " was rejected; it will not be sent. (" + c.preview() + ")";
            case EXPIRED -> "Change " + c.number() + " expired without a decision; it will not be sent. (" + c.preview() + ")";
            default -> "Change " + c.number() + " is " + c.status().db() + ": " + c.preview();
        };
    }
}
