package io.revtops.sync.resolution;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.revtops.sync.SyncCompleted;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * {@code relink-activities}: after a sync that changed contacts, accounts or deals, a worker resolves the
 * organization's unlinked activities again ({@link Relinker}). One queued execution per organization: syncs finishing
 * together collapse into one; a crash mid-run is revived by db-scheduler and starts over (the run is idempotent).
 */
@Configuration(proxyBeanMethods = false)
public class RelinkTasks {
    private static final Logger log = LoggerFactory.getLogger(RelinkTasks.class);
    public static final TaskDescriptor<Void> RELINK = TaskDescriptor.of("relink-activities");

    @Bean
    OneTimeTask<Void> relinkActivitiesTask(Relinker relinker) {
        // instance id = the organization id
        return Tasks.oneTime(RELINK).onDeadExecutionRevive()
                .execute((instance, context) -> relinker.relink(UUID.fromString(instance.getId())));
    }

    @Bean
    SyncListener relinkSyncListener(SchedulerClient scheduler) {
        return new SyncListener(scheduler);
    }

    /** Queues a relink of the organization when a finished sync changed CRM records. */
    public static final class SyncListener {
        private final SchedulerClient scheduler;

        SyncListener(SchedulerClient scheduler) {
            this.scheduler = scheduler;
        }

        @EventListener
        public void onSyncCompleted(SyncCompleted event) {
            if (!Relinker.crmChanged(event.counts())) return;
            try {
                scheduler.scheduleIfNotExists(RELINK.instance(event.orgId().toString()).scheduledTo(Instant.now()));
            } catch (RuntimeException e) {
                log.warn("event=relink_not_scheduled org_id={} integration_id={} error={}", event.orgId(),
                        event.integrationId(), e.toString());
            }
        }
    }
}
