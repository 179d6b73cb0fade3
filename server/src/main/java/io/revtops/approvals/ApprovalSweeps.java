package io.revtops.approvals;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.revtops.approvals.store.ConversationNotes;
import io.revtops.approvals.store.PendingOperationRepository;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The approvals housekeeping job on db-scheduler ({@code approvals-sweep}, every {@code revtops.approvals.sweep-every}
 * on one worker at a time): pending changes past their expiry become {@code expired} (and never run), and executions
 * interrupted by a crash are reconciled with their idempotency key.
 */
@Configuration(proxyBeanMethods = false)
public class ApprovalSweeps {
    private static final Logger log = LoggerFactory.getLogger(ApprovalSweeps.class);
    public static final String TASK = "approvals-sweep";

    private final TenantTx tx;
    private final PendingOperationRepository operations;
    private final ConversationNotes notes;
    private final ApprovalExecutor executor;
    private final ApplicationEventPublisher events;
    private final ApprovalsProperties props;

    public ApprovalSweeps(TenantTx tx, PendingOperationRepository operations, ConversationNotes notes,
                          ApprovalExecutor executor, ApplicationEventPublisher events, ApprovalsProperties props) {
        this.tx = tx;
        this.operations = operations;
        this.notes = notes;
        this.executor = executor;
        this.events = events;
        this.props = props;
    }

    @Bean
    RecurringTask<Void> approvalsSweepTask() {
        return Tasks.recurring(TASK, FixedDelay.of(props.sweepEvery())).execute((instance, context) -> sweep());
    }

    /** One pass: expire, then reconcile. */
    public void sweep() {
        int expired = expireDue();
        int reconciled = executor.reconcile(props.reconcileAfter());
        if (expired + reconciled > 0) log.info("event=approvals_sweep expired={} reconciled={}", expired, reconciled);
    }

    /** Expires every pending change past its time, across organizations, and tells each conversation. */
    public int expireDue() {
        // expiry is due work of every organization: system work of the sweeper
        List<Map.Entry<UUID, UUID>> expired = tx.system("approvals sweeper: expire pending changes past their time",
                operations::expireAllDue);
        for (var e : expired) {
            PendingChange c = tx.run(Tenant.org(e.getKey()), j -> operations.find(j, e.getValue()).orElseThrow().change());
            // posted as the requester: their private conversation is visible to them only
            c.conversationId().ifPresent(conv -> tx.execute(new Tenant(e.getKey(), c.requestedBy()),
                    j -> notes.post(j, e.getKey(), conv, ApprovalExecutor.noteText(c), c.summary())));
            events.publishEvent(PendingChangeEvent.of(e.getKey(), c));
        }
        return expired.size();
    }
}
