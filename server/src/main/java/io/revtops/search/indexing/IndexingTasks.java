package io.revtops.search.indexing;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.revtops.search.EmbeddingIndexer;
import io.revtops.search.SearchProperties;
import io.revtops.sync.AfterSync;
import io.revtops.sync.SyncCompleted;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedding jobs on db-scheduler (worker processes only): {@code search-embeddings} polls the queue every
 * {@code revtops.search.poll-every} as a safety net, and {@code search-embed-now} runs right after each
 * {@link SyncCompleted} (one queued execution at a time; several syncs finishing together collapse into one).
 * Both drain the queue for at most a few minutes, then give the worker thread back; what is left stays queued.
 */
@Configuration(proxyBeanMethods = false)
public class IndexingTasks {
    public static final String POLL = "search-embeddings";
    public static final TaskDescriptor<Void> NOW = TaskDescriptor.of("search-embed-now");
    private static final Duration BUDGET = Duration.ofMinutes(4);

    @Bean
    RecurringTask<Void> searchEmbeddingsTask(SearchProperties props, EmbeddingIndexer indexer) {
        return Tasks.recurring(POLL, FixedDelay.of(props.pollEvery()))
                .execute((instance, context) -> indexer.drain(BUDGET));
    }

    @Bean
    OneTimeTask<Void> searchEmbedNowTask(EmbeddingIndexer indexer) {
        return Tasks.oneTime(NOW).onDeadExecutionRevive().execute((instance, context) -> indexer.drain(BUDGET));
    }

    /** Embeds what a finished sync changed, on a worker, as soon as one is free (the poll is the safety net). */
    @Bean
    AfterSync searchAfterSync(SchedulerClient scheduler) {
        return new AfterSync(scheduler, NOW.getTaskName(), sync -> Optional.of(NOW.instance("next").build()));
    }
}
