package io.revtops.agent.tasks;

import io.revtops.agent.TaskChunk;
import io.revtops.agent.TaskEvent.TaskRef;
import io.revtops.platform.db.TenantTx;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The persisted, ordered chunk log of all tasks this process runs, written in batches: one writer thread collects
 * chunks for up to {@code flushInterval} (or {@code flushBatch} chunks, or at once when a task is finishing) and
 * appends them with one multi-row INSERT. Until its INSERT has committed, a chunk stays in this task's in-memory
 * buffer, so a catch-up that reads the buffer first and the database second never misses one.
 */
@Component
public class ChunkLog {
    private static final Logger log = LoggerFactory.getLogger(ChunkLog.class);
    private static final int MAX_ATTEMPTS = 5;

    private final TenantTx tx;
    private final TaskRepository tasks;
    private final JsonMapper json;
    private final long intervalNanos;
    private final int batchSize;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private ArrayList<Pending> queue = new ArrayList<>();
    private int urgent;
    private volatile boolean stopping;
    private final Thread writer;

    /** Chunks appended but not yet committed, per task, by index. */
    private final Map<UUID, Buffer> buffers = new ConcurrentHashMap<>();

    private record Pending(TaskRef task, TaskChunk chunk, int attempts) {}

    private static final class Buffer {
        final NavigableMap<Integer, TaskChunk> unflushed = new TreeMap<>();
        final List<Waiter> waiters = new ArrayList<>();
    }

    private record Waiter(int throughIndex, CompletableFuture<Void> done) {}

    public ChunkLog(TenantTx tx, TaskRepository tasks, JsonMapper json, TaskProperties props) {
        this.tx = tx;
        this.tasks = tasks;
        this.json = json;
        this.intervalNanos = props.tasks().flushInterval().toNanos();
        this.batchSize = props.tasks().flushBatch();
        this.writer = Thread.ofVirtual().name("revtops-chunk-log").start(this::writeLoop);
    }

    /** Queues a chunk for writing; it is readable through {@link #unflushed} until written. */
    public void append(TaskRef task, TaskChunk chunk) {
        Buffer buffer = buffers.computeIfAbsent(task.taskId(), id -> new Buffer());
        synchronized (buffer) {
            buffer.unflushed.put(chunk.index(), chunk);
        }
        lock.lock();
        try {
            queue.add(new Pending(task, chunk, 0));
            if (queue.size() >= batchSize) work.signal();
            else if (queue.size() == 1) work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The task's chunks with index greater than {@code sinceIndex} that are not yet known to be committed. */
    public List<TaskChunk> unflushed(UUID taskId, int sinceIndex) {
        Buffer buffer = buffers.get(taskId);
        if (buffer == null) return List.of();
        synchronized (buffer) {
            return List.copyOf(buffer.unflushed.tailMap(sinceIndex, false).values());
        }
    }

    /**
     * Writes the task's chunks up to {@code throughIndex} now and waits until they are committed (or dropped after
     * repeated failures); false on timeout.
     */
    public boolean awaitFlushed(UUID taskId, int throughIndex, Duration timeout) {
        Buffer buffer = buffers.get(taskId);
        if (buffer == null) return true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (buffer) {
            if (buffer.unflushed.isEmpty() || buffer.unflushed.firstKey() > throughIndex) return true;
            buffer.waiters.add(new Waiter(throughIndex, done));
        }
        lock.lock();
        try {
            urgent++;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        } finally {
            lock.lock();
            try {
                urgent--;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Drops the task's (empty) buffer once it has finished. */
    public void forget(UUID taskId) {
        buffers.computeIfPresent(taskId, (id, buffer) -> {
            synchronized (buffer) {
                return buffer.unflushed.isEmpty() ? null : buffer;
            }
        });
    }

    private void writeLoop() {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !stopping) work.await();
                if (queue.isEmpty()) return;
                // collect for a moment unless the batch is full, a finishing task waits, or we are stopping
                long wait = intervalNanos;
                while (wait > 0 && queue.size() < batchSize && urgent == 0 && !stopping) {
                    wait = work.awaitNanos(wait);
                }
                batch = queue;
                queue = new ArrayList<>();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            for (int from = 0; from < batch.size(); from += batchSize) {
                write(batch.subList(from, Math.min(batch.size(), from + batchSize)));
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            insert(batch);
            committed(batch);
        } catch (RuntimeException e) {
            log.warn("event=chunk_batch_failed rows={} error={}", batch.size(), e.toString());
            // one bad task must not sink the others: retry task by task
            Map<UUID, List<Pending>> byTask = new LinkedHashMap<>();
            for (Pending p : batch) byTask.computeIfAbsent(p.task().taskId(), id -> new ArrayList<>()).add(p);
            for (List<Pending> rows : byTask.values()) {
                try {
                    insert(rows);
                    committed(rows);
                } catch (RuntimeException again) {
                    retryLater(rows, again);
                }
            }
        }
    }

    private void insert(List<Pending> rows) {
        ArrayNode array = json.createArrayNode();
        for (Pending p : rows) {
            ObjectNode row = array.addObject();
            row.put("o", p.task().orgId().toString());
            row.put("t", p.task().taskId().toString());
            row.put("c", p.task().conversationId().toString());
            row.put("i", p.chunk().index());
            row.put("y", p.chunk().type().wireName());
            row.set("d", p.chunk().data());
        }
        String rowsJson = json.writeValueAsString(array);
        // system work: one INSERT carries the chunks of many users' tasks (one RLS transaction per user would not
        // keep up with a thousand streaming chats); each task was authorized under its user's RLS when it started,
        // and the rows copy that task's organization and conversation
        tx.system("agent task chunk log (batched across tenants)", j -> tasks.appendChunks(j, rowsJson));
    }

    private void committed(List<Pending> rows) {
        Map<UUID, List<Integer>> byTask = new LinkedHashMap<>();
        for (Pending p : rows) byTask.computeIfAbsent(p.task().taskId(), id -> new ArrayList<>()).add(p.chunk().index());
        byTask.forEach((taskId, indexes) -> {
            Buffer buffer = buffers.get(taskId);
            if (buffer == null) return;
            List<CompletableFuture<Void>> release = new ArrayList<>();
            synchronized (buffer) {
                indexes.forEach(buffer.unflushed::remove);
                buffer.waiters.removeIf(w -> {
                    boolean done = buffer.unflushed.isEmpty() || buffer.unflushed.firstKey() > w.throughIndex();
                    if (done) release.add(w.done());
                    return done;
                });
            }
            release.forEach(f -> f.complete(null));
        });
    }

    private void retryLater(List<Pending> rows, RuntimeException error) {
        int attempts = rows.getFirst().attempts() + 1;
        UUID taskId = rows.getFirst().task().taskId();
        if (attempts >= MAX_ATTEMPTS || stopping) {
            log.error("event=chunks_dropped task_id={} rows={} attempts={} error={}", taskId, rows.size(), attempts, error.toString());
            committed(rows);
            return;
        }
        log.warn("event=chunks_retry task_id={} rows={} attempt={} error={}", taskId, rows.size(), attempts, error.toString());
        try {
            Thread.sleep(Duration.ofMillis(50L << attempts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            List<Pending> again = new ArrayList<>(rows.size() + queue.size());
            rows.forEach(p -> again.add(new Pending(p.task(), p.chunk(), attempts)));
            again.addAll(queue);
            queue = new ArrayList<>(again);
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is queued before the database pool closes. */
    @PreDestroy
    void stop() throws InterruptedException {
        lock.lock();
        try {
            stopping = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        if (!writer.join(Duration.ofSeconds(10))) {
            log.warn("event=chunk_log_stop_timeout");
        }
    }
}
