package io.revtops.platform.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerStarter;
import io.revtops.platform.config.RevtopsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * db-scheduler wiring by role: every process gets the {@link Scheduler} bean (it is also the {@code SchedulerClient}
 * api processes schedule jobs with), but only processes with the {@code worker} role start it, so only they poll
 * {@code scheduled_tasks} and execute jobs. This bean replaces the starter's own {@link DbSchedulerStarter}.
 */
@Configuration(proxyBeanMethods = false)
public class JobsConfig {
    private static final Logger log = LoggerFactory.getLogger(JobsConfig.class);

    @Bean
    DbSchedulerStarter dbSchedulerStarter(Scheduler scheduler, RevtopsProperties props) {
        return new RoleAwareStart(scheduler, props.hasRole("worker"));
    }

    /** Starts the scheduler once the context is ready, on worker processes only. */
    static final class RoleAwareStart implements DbSchedulerStarter, ApplicationListener<ApplicationReadyEvent> {
        private final Scheduler scheduler;
        private final boolean worker;

        RoleAwareStart(Scheduler scheduler, boolean worker) {
            this.scheduler = scheduler;
            this.worker = worker;
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            doStart();
        }

        @Override
        public void doStart() {
            if (worker) {
                log.info("event=job_scheduler_started role=worker");
                scheduler.start();
            } else {
                log.info("event=job_scheduler_not_started reason=\"no worker role: this process only schedules jobs\"");
            }
        }
    }
}
