package io.revtops.sync;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * A listener, declared as a bean, that queues a one-time job on a worker when a sync finishes: the job's instance
 * for that {@link SyncCompleted}, or none. Instances with the same id collapse into one queued execution. A failure to
 * queue is logged, never thrown into the sync (such jobs have a periodic safety net or wait for the next sync).
 */
public final class AfterSync {
    private static final Logger log = LoggerFactory.getLogger(AfterSync.class);

    private final SchedulerClient scheduler;
    private final String job;
    private final Function<SyncCompleted, Optional<TaskInstance<?>>> instance;

    public AfterSync(SchedulerClient scheduler, String job, Function<SyncCompleted, Optional<TaskInstance<?>>> instance) {
        this.scheduler = scheduler;
        this.job = job;
        this.instance = instance;
    }

    @EventListener
    public void onSyncCompleted(SyncCompleted event) {
        instance.apply(event).ifPresent(i -> {
            try {
                scheduler.scheduleIfNotExists(i, Instant.now());
            } catch (RuntimeException e) {
                log.warn("event=after_sync_job_not_queued job={} org_id={} integration_id={} error={}", job, event.orgId(),
                        event.integrationId(), e.toString());
            }
        });
    }
}
