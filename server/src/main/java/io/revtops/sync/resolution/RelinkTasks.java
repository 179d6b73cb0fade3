package io.revtops.sync.resolution;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.revtops.sync.AfterSync;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code relink-activities}: after a sync that changed contacts, accounts or deals, a worker resolves the
 * organization's unlinked activities again ({@link Relinker}). One queued execution per organization: syncs finishing
 * together collapse into one; a crash mid-run is revived by db-scheduler and starts over (the run is idempotent).
 */
@Configuration(proxyBeanMethods = false)
public class RelinkTasks {
    public static final TaskDescriptor<Void> RELINK = TaskDescriptor.of("relink-activities");

    @Bean
    OneTimeTask<Void> relinkActivitiesTask(Relinker relinker) {
        // instance id = the organization id
        return Tasks.oneTime(RELINK).onDeadExecutionRevive()
                .execute((instance, context) -> relinker.relink(UUID.fromString(instance.getId())));
    }

    /** Queues a relink of the organization when a finished sync changed CRM records. */
    @Bean
    AfterSync relinkAfterSync(SchedulerClient scheduler) {
        return new AfterSync(scheduler, RELINK.getTaskName(), sync -> Relinker.crmChanged(sync.counts())
                ? Optional.of(RELINK.instance(sync.orgId().toString()).build()) : Optional.empty());
    }
}
