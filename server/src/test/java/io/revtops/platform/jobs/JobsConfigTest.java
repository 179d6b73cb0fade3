package io.revtops.platform.jobs;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.junit.jupiter.api.Test;

/** Only worker processes start db-scheduler (and so execute jobs); api processes only schedule them. */
class JobsConfigTest {
    @Test
    void aWorkerStartsTheScheduler() {
        Scheduler scheduler = mock(Scheduler.class);
        new JobsConfig.RoleAwareStart(scheduler, true).doStart();
        verify(scheduler).start();
    }

    @Test
    void anApiOnlyProcessDoesNotStartIt() {
        Scheduler scheduler = mock(Scheduler.class);
        new JobsConfig.RoleAwareStart(scheduler, false).doStart();
        verify(scheduler, never()).start();
    }
}
