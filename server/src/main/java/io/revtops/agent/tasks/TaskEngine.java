package io.revtops.agent.tasks;

import io.revtops.agent.AgentTasks;
import io.revtops.agent.ChatMessage;
import io.revtops.agent.ConversationAccessChanged;
import io.revtops.agent.ConversationSummary;
import io.revtops.agent.TaskChunk;
import io.revtops.agent.TaskEvent;
import io.revtops.agent.TaskEvent.TaskRef;
import io.revtops.agent.TaskEventListener;
import io.revtops.agent.TaskStatus;
import io.revtops.agent.TurnFailed;
import io.revtops.agent.TurnInput;
import io.revtops.agent.TurnRunner;
import io.revtops.agent.conversations.ConversationRepository;
import io.revtops.agent.conversations.MessageRepository;
import io.revtops.agent.tasks.TaskRepository.TaskRow;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs agent tasks in this process: persists message and task, runs the {@link TurnRunner} on a virtual thread,
 * streams its chunks to listeners and the {@link ChunkLog}, and records how it ended.
 */
@Service
public class TaskEngine implements AgentTasks, SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(TaskEngine.class);
    static final int MAX_MESSAGE_CHARS = 100_000;
    static final String RESTARTED = "The server restarted while this answer was being written; please ask again.";
    static final String NODE_GONE = "The server writing this answer stopped; please ask again.";

    private final TenantTx tx;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final TaskRepository tasks;
    private final ChunkLog chunkLog;
    private final TurnRunner runner;
    private final JsonMapper json;
    private final String nodeId;
    private final Duration cancelGrace;
    private final TaskProperties.Tasks settings;
    private final ScheduledExecutorService liveness = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("revtops-task-liveness").factory());
    private final Map<UUID, RunningTask> running = new ConcurrentHashMap<>();
    private final List<TaskEventListener> listeners = new CopyOnWriteArrayList<>();

    public TaskEngine(TenantTx tx, ConversationRepository conversations, MessageRepository messages,
                      TaskRepository tasks, ChunkLog chunkLog, TurnRunner runner, JsonMapper json, TaskProperties props) {
        this.tx = tx;
        this.conversations = conversations;
        this.messages = messages;
        this.tasks = tasks;
        this.chunkLog = chunkLog;
        this.runner = runner;
        this.json = json;
        this.nodeId = props.nodeId();
        this.cancelGrace = props.tasks().cancelGrace();
        this.settings = props.tasks();
    }

    /** Before this node serves anyone: tasks a previous run of this node left running can never finish. */
    @Override
    public void afterSingletonsInstantiated() {
        // system work: the orphans belong to any organization; the node id scopes the update to this node's tasks
        int failed = tx.system("fail tasks orphaned by a restart of this node", j -> tasks.failOrphans(j, nodeId, RESTARTED));
        if (failed > 0) log.warn("event=orphaned_tasks_failed node={} count={}", nodeId, failed);
        long every = settings.heartbeatEvery().toMillis();
        liveness.scheduleWithFixedDelay(this::checkLiveness, every, every, TimeUnit.MILLISECONDS);
        log.info("event=task_engine_ready node={} runner={}", nodeId, runner.getClass().getSimpleName());
    }

    /**
     * This node's running tasks are alive; tasks of nodes that stopped without coming back (another node id, or no
     * restart at all) are failed, and their watchers here and on other nodes are told.
     */
    void checkLiveness() {
        try {
            // system work: one node's tasks span organizations; both updates are scoped by node id or heartbeat age
            tx.system("heartbeat of this node's running tasks", j -> tasks.heartbeat(j, nodeId));
            List<TaskRepository.Stale> stale = tx.system("fail tasks of nodes that stopped",
                    j -> tasks.failStale(j, settings.staleAfter(), NODE_GONE));
            for (TaskRepository.Stale s : stale) {
                log.warn("event=stale_task_failed task_id={} org_id={} stale_after_s={}", s.ref().taskId(), s.ref().orgId(),
                        settings.staleAfter().toSeconds());
                publish(new TaskEvent.Finished(s.ref(), TaskStatus.FAILED, Optional.of(NODE_GONE), s.lastIndex()));
            }
        } catch (RuntimeException e) {
            log.warn("event=task_liveness_check_failed node={} error={}", nodeId, e.toString());
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Started start(Tenant tenant, TurnRequest request, Consumer<Started> beforeRun) {
        UUID userId = tenant.userId().orElseThrow(() -> new IllegalArgumentException("a turn needs a user"));
        String text = request.message().strip();
        if (text.isEmpty()) throw new ApiException.InvalidInput("empty_message", "The message is empty");
        if (text.length() > MAX_MESSAGE_CHARS) {
            throw new ApiException.InvalidInput("message_too_long", "The message is longer than " + MAX_MESSAGE_CHARS + " characters", 413);
        }
        Started started = tx.run(tenant, j -> {
            boolean isNew = request.conversationId().isEmpty();
            UUID conversationId = isNew
                    ? conversations.create(j, tenant.orgId(), userId, Optional.empty(), request.scopeForNew(), request.source()).id()
                    : conversations.find(j, request.conversationId().get())
                            .orElseThrow(() -> new ApiException.NotFound("Conversation " + request.conversationId().get())).id();
            ChatMessage message = messages.insert(j, tenant.orgId(), conversationId, Optional.of(userId), "user",
                    json.writeValueAsString(List.of(Map.of("type", "text", "text", text))));
            conversations.titleIfUntitled(j, conversationId, titleFrom(text));
            conversations.touch(j, conversationId);
            UUID taskId = tasks.insert(j, tenant.orgId(), conversationId, userId, nodeId);
            Optional<ConversationSummary> created = isNew ? conversations.find(j, conversationId) : Optional.empty();
            return new Started(taskId, conversationId, message, created);
        });
        TaskRef ref = new TaskRef(tenant.orgId(), started.conversationId(), started.taskId());
        TurnInput input = new TurnInput(tenant, started.conversationId(), started.taskId(), started.userMessage().id(),
                text, request.source(), request.localTime(), request.timezone());
        RunningTask task = new RunningTask(ref, input, this);
        running.put(started.taskId(), task);
        log.info("event=task_started org_id={} conversation_id={} task_id={} source={}", tenant.orgId(),
                started.conversationId(), started.taskId(), request.source().dbValue());
        try {
            beforeRun.accept(started);
        } catch (RuntimeException e) {
            log.warn("event=before_run_failed task_id={} error={}", started.taskId(), e.toString());
        }
        Thread.ofVirtual().name("turn-" + started.taskId()).start(() -> runTurn(task));
        return started;
    }

    private void runTurn(RunningTask task) {
        task.thread = Thread.currentThread();
        TaskStatus status = TaskStatus.COMPLETED;
        Optional<String> error = Optional.empty();
        try {
            task.token.throwIfCancelled();
            runner.run(task.input, task, task.token);
        } catch (CancellationException | InterruptedException e) {
            if (!task.token.isCancelled()) {
                status = TaskStatus.FAILED;
                error = Optional.of("The answer was interrupted");
            }
        } catch (Throwable e) {
            if (!task.token.isCancelled()) {
                if (e instanceof TurnFailed) log.info("event=turn_failed task_id={} error=\"{}\"", task.ref.taskId(), e.getMessage());
                else log.warn("event=turn_failed task_id={} error={}", task.ref.taskId(), e.toString(), e);
                status = TaskStatus.FAILED;
                error = Optional.of(userFacing(e));
            }
        }
        if (task.token.isCancelled()) {
            status = TaskStatus.CANCELLED;
            error = Optional.empty();
        }
        finish(task, status, error);
    }

    /** Ends a task once: no more chunks, all chunks persisted, status recorded, then listeners told. */
    private void finish(RunningTask task, TaskStatus status, Optional<String> error) {
        if (!task.finished.compareAndSet(false, true)) return;
        int last = task.close();
        UUID taskId = task.ref.taskId();
        if (!chunkLog.awaitFlushed(taskId, last, Duration.ofSeconds(10))) {
            log.warn("event=chunk_flush_timeout task_id={}", taskId);
        }
        try {
            boolean recorded = tx.run(task.input.tenant(), j -> {
                boolean done = tasks.finish(j, taskId, status, error, last);
                if (done) conversations.touch(j, task.ref.conversationId());
                return done;
            });
            if (!recorded) {
                // system work: the user may have lost access to the conversation meanwhile (removed participant),
                // but the process running a task still closes it so it never stays "running"
                tx.system("close a task whose user lost access", j -> tasks.finish(j, taskId, status, error, last));
            }
        } catch (RuntimeException e) {
            log.error("event=task_finish_not_recorded task_id={} error={}", taskId, e.toString());
        }
        running.remove(taskId);
        chunkLog.forget(taskId);
        publish(new TaskEvent.Finished(task.ref, status, error, last));
        log.info("event=task_finished org_id={} conversation_id={} task_id={} status={} chunks={}", task.ref.orgId(),
                task.ref.conversationId(), taskId, status.dbValue(), last + 1);
    }

    @Override
    public Catchup chunksSince(Tenant tenant, UUID taskId, int sinceIndex) {
        int since = Math.max(-1, sinceIndex);
        // memory first, then the database: a chunk leaves memory only after its INSERT committed, so it is in one
        // or the other (or both: merged by index)
        List<TaskChunk> unflushed = chunkLog.unflushed(taskId, since);
        return tx.run(tenant, j -> {
            // status before chunks: a finished status means every chunk was committed before this read
            TaskRow row = tasks.find(j, taskId).orElseThrow(() -> new ApiException.NotFound("Task " + taskId));
            TreeMap<Integer, TaskChunk> merged = new TreeMap<>();
            for (TaskChunk c : tasks.chunksSince(j, taskId, since)) merged.put(c.index(), c);
            for (TaskChunk c : unflushed) merged.putIfAbsent(c.index(), c);
            return new Catchup(taskId, row.conversationId(), row.status(), row.error(), List.copyOf(merged.values()));
        });
    }

    @Override
    public CancelOutcome cancel(Tenant tenant, UUID taskId) {
        TaskRow row = tx.run(tenant, j -> tasks.find(j, taskId)).orElseThrow(() -> new ApiException.NotFound("Task " + taskId));
        UUID user = tenant.userId().orElse(null);
        if (!row.userId().map(u -> u.equals(user)).orElse(false) && !row.conversationOwnerId().equals(user)) {
            throw new ApiException.Forbidden("not_yours", "Only whoever asked, or the conversation's owner, may stop this answer");
        }
        if (row.status().finished()) return new CancelOutcome(CancelOutcome.Result.ALREADY_FINISHED, Optional.empty());
        if (cancelLocal(taskId)) return new CancelOutcome(CancelOutcome.Result.CANCELLED, Optional.empty());
        if (row.ownerNode().map(nodeId::equals).orElse(true)) {
            // ours in the database but not running here: it just finished, or nobody will ever finish it
            boolean closed = tx.system("close a task this node no longer runs", j ->
                    tasks.finish(j, taskId, TaskStatus.CANCELLED, Optional.empty(), row.lastChunkIndex()));
            return new CancelOutcome(closed ? CancelOutcome.Result.CANCELLED : CancelOutcome.Result.ALREADY_FINISHED, Optional.empty());
        }
        return new CancelOutcome(CancelOutcome.Result.RUNNING_ELSEWHERE, row.ownerNode());
    }

    @Override
    public boolean cancelLocal(UUID taskId) {
        RunningTask task = running.get(taskId);
        if (task == null) return false;
        if (task.token.cancel()) {
            log.info("event=task_cancel_requested task_id={}", taskId);
            // a runner that ignores the token is not waited for: the task ends cancelled after the grace period
            Thread.ofVirtual().name("cancel-" + taskId).start(() -> {
                Thread runnerThread = task.thread;
                try {
                    if (runnerThread != null) runnerThread.join(cancelGrace);
                    else Thread.sleep(cancelGrace);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (!task.finished.get()) {
                    log.warn("event=runner_ignored_cancel task_id={}", taskId);
                    finish(task, TaskStatus.CANCELLED, Optional.empty());
                    if (runnerThread != null) runnerThread.interrupt();
                }
            });
        }
        return true;
    }

    @Override
    public AutoCloseable listen(TaskEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A conversation was deleted or someone lost access: stop this node's tasks whose user can no longer see it. */
    @EventListener
    void accessChanged(ConversationAccessChanged event) {
        for (RunningTask task : running.values()) {
            if (!task.ref.conversationId().equals(event.conversationId())) continue;
            boolean visible = tx.run(task.input.tenant(), j -> conversations.find(j, event.conversationId()).isPresent());
            if (!visible) cancelLocal(task.ref.taskId());
        }
    }

    /** On shutdown, running turns end as failed (they cannot continue in another process). */
    @PreDestroy
    void stop() {
        liveness.shutdownNow();
        for (RunningTask task : running.values()) {
            task.token.cancel();
            finish(task, TaskStatus.FAILED, Optional.of(RESTARTED));
        }
    }

    UUID saveAssistantMessage(RunningTask task, UUID existing, List<?> blocks) {
        String blocksJson = json.writeValueAsString(blocks);
        Tenant tenant = task.input.tenant();
        return tx.run(tenant, j -> {
            if (existing != null) {
                messages.replaceBlocks(j, existing, blocksJson);
                return existing;
            }
            ChatMessage saved = messages.insert(j, tenant.orgId(), task.ref.conversationId(), Optional.empty(),
                    "assistant", blocksJson);
            tasks.linkMessage(j, task.ref.taskId(), saved.id());
            conversations.touch(j, task.ref.conversationId());
            return saved.id();
        });
    }

    void publish(TaskEvent event) {
        for (TaskEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("event=task_listener_failed task_id={} error={}", event.task().taskId(), e.toString());
            }
        }
    }

    ChunkLog chunkLog() {
        return chunkLog;
    }

    JsonNode toJsonObject(Object data) {
        JsonNode node = data instanceof JsonNode n ? n : json.valueToTree(data == null ? Map.of() : data);
        if (!node.isObject()) throw new IllegalArgumentException("chunk data must be a JSON object");
        return node;
    }

    static String titleFrom(String message) {
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.length() <= 80 ? line : line.substring(0, 79).strip() + "…";
    }

    private static String userFacing(Throwable e) {
        String message = e.getMessage();
        boolean forUser = e instanceof TurnFailed || e instanceof ApiException;
        return forUser && message != null && !message.isBlank() ? message : "The answer failed unexpectedly; it has been logged";
    }
}
