package io.revtops.sync;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sync jobs on db-scheduler: {@code sync-integration}, one execution per integration at a time (instance id = the
 * integration id, so concurrent requests collapse into one), and {@code sync-due-integrations}, which every
 * {@code revtops.sync.check-every} enqueues a sync for each active integration not synced within the interval.
 * Only worker processes execute them; a dead worker's execution is revived and resumes from the checkpoints.
 */
@Configuration(proxyBeanMethods = false)
public class SyncTasks {
    public static final TaskDescriptor<SyncTaskData> SYNC_INTEGRATION = TaskDescriptor.of("sync-integration", SyncTaskData.class);
    public static final String SYNC_DUE = "sync-due-integrations";

    @Bean
    OneTimeTask<SyncTaskData> syncIntegrationTask(SyncJob job) {
        // the job records its own failures (run failed, integration marked); nothing is rethrown, so no retry loop
        return Tasks.oneTime(SYNC_INTEGRATION)
                .onDeadExecutionRevive()
                .execute((instance, context) -> job.run(instance.getData().orgId(), UUID.fromString(instance.getId())));
    }

    @Bean
    RecurringTask<Void> syncDueIntegrationsTask(SyncProperties props, DueSyncs due) {
        return Tasks.recurring(SYNC_DUE, FixedDelay.of(props.checkEvery()))
                .execute((instance, context) -> due.enqueue(context.getSchedulerClient()));
    }

    /** Enqueues a sync of the integration unless one is already queued or running; true when it was enqueued. */
    static boolean enqueue(SchedulerClient client, UUID orgId, UUID integrationId, String trigger) {
        return client.scheduleIfNotExists(SYNC_INTEGRATION.instance(integrationId.toString())
                .data(new SyncTaskData(orgId, trigger)).scheduledTo(Instant.now()));
    }
}
