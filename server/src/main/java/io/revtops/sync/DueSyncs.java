package io.revtops.sync;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.SyncSource;
import io.revtops.connectors.integrations.IntegrationRepository;
import io.revtops.platform.db.TenantTx;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The cadence: finds active integrations whose last sync started longer ago than the interval and enqueues them. */
@Component
public class DueSyncs {
    private static final Logger log = LoggerFactory.getLogger(DueSyncs.class);

    private final TenantTx tx;
    private final IntegrationRepository integrations;
    private final ConnectorRegistry registry;
    private final SyncProperties props;

    public DueSyncs(TenantTx tx, IntegrationRepository integrations, ConnectorRegistry registry, SyncProperties props) {
        this.tx = tx;
        this.integrations = integrations;
        this.registry = registry;
        this.props = props;
    }

    /** Enqueues every due integration; returns how many were enqueued (already queued ones are not counted). */
    public int enqueue(SchedulerClient client) {
        if (!props.scheduled()) return 0;
        return enqueueNow(client);
    }

    /** The same, regardless of {@code revtops.sync.scheduled} (tests, the CLI). */
    public int enqueueNow(SchedulerClient client) {
        List<String> syncable = registry.all().stream().filter(c -> c instanceof SyncSource).map(c -> c.meta().slug()).toList();
        // the scheduler looks across every organization for due integrations: system work by nature
        var due = tx.system("scheduler: integrations due for their periodic sync",
                j -> integrations.dueForSync(j, syncable, props.interval()));
        int enqueued = 0;
        for (var d : due) {
            if (SyncTasks.enqueue(client, d.orgId(), d.integrationId(), "schedule")) enqueued++;
        }
        if (!due.isEmpty()) log.info("event=sync_due_enqueued due={} enqueued={}", due.size(), enqueued);
        return enqueued;
    }
}
