package io.revtops.messaging;

import io.revtops.agent.AgentTasks.Catchup;
import io.revtops.agent.TaskChunk;
import io.revtops.agent.TaskStatus;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket watching one task. Chunks may arrive twice (catch-up and live, notification and database read) or
 * out of order (a big chunk read from the database after the next small one was notified): the subscription
 * keeps the next index it owes the client, holds what came early, drops what came twice, and sends
 * {@code task_complete} only after every chunk through the task's last index.
 */
final class TaskSubscription {
    private static final Logger log = LoggerFactory.getLogger(TaskSubscription.class);

    final ChatSocket socket;
    final UUID taskId;
    private final SocketHub hub;
    private final TreeMap<Integer, TaskChunk> held = new TreeMap<>();
    private volatile UUID conversationId;
    private int next;
    private boolean live;
    private boolean closed;
    private Ending ending;
    private int gapRepairs;
    private volatile long lastActivityNanos = System.nanoTime();

    private record Ending(TaskStatus status, Optional<String> error, int lastIndex) {}

    TaskSubscription(SocketHub hub, ChatSocket socket, UUID taskId, Optional<UUID> conversationId) {
        this.hub = hub;
        this.socket = socket;
        this.taskId = taskId;
        this.conversationId = conversationId.orElse(null);
    }

    Optional<UUID> conversationId() {
        return Optional.ofNullable(conversationId);
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Live from the first chunk: the socket that started the task. */
    synchronized void liveFromStart() {
        live = true;
        drain(false);
    }

    /** Sends the catch-up; live chunks follow from the one after it, or task_complete when the task is already over. */
    synchronized void catchup(Catchup catchup, int sinceIndex) {
        if (closed) return;
        conversationId = catchup.conversationId();
        hub.send(socket, new ServerFrame.Catchup(taskId, catchup.conversationId(), catchup.chunks(), catchup.status(), catchup.error()));
        next = catchup.chunks().isEmpty() ? sinceIndex + 1 : catchup.chunks().getLast().index() + 1;
        if (catchup.status().finished()) {
            // every client ends a stream on task_complete, also when it subscribed after the end
            hub.send(socket, new ServerFrame.TaskComplete(taskId, catchup.status(), catchup.error()));
            close();
            return;
        }
        live = true;
        drain(false);
    }

    synchronized void chunk(TaskChunk chunk) {
        if (closed || chunk.index() < next) return;
        held.putIfAbsent(chunk.index(), chunk);
        if (live) drain(false);
    }

    synchronized void finished(TaskStatus status, Optional<String> error, int lastIndex) {
        if (closed) return;
        if (ending == null) ending = new Ending(status, error, lastIndex);
        if (live) drain(false);
    }

    /**
     * Chunks read from the chunk log (to fill a gap, follow a pointer or resynchronize). When the log says the task
     * has ended, it holds every chunk there will ever be: a gap it cannot fill is skipped rather than waited for.
     */
    synchronized void repaired(Catchup fromLog) {
        if (closed) return;
        for (TaskChunk c : fromLog.chunks()) {
            if (c.index() >= next) held.putIfAbsent(c.index(), c);
        }
        if (fromLog.status().finished() && ending == null) {
            int last = fromLog.chunks().isEmpty() ? next - 1 : Math.max(next - 1, fromLog.chunks().getLast().index());
            ending = new Ending(fromLog.status(), fromLog.error(), last);
        }
        if (live) drain(fromLog.status().finished());
    }

    synchronized void close() {
        if (closed) return;
        closed = true;
        held.clear();
        hub.forget(this);
    }

    private void drain(boolean skipGaps) {
        lastActivityNanos = System.nanoTime();
        held.headMap(next, false).clear();
        while (true) {
            Map.Entry<Integer, TaskChunk> first = held.firstEntry();
            if (first == null) break;
            if (first.getKey() != next) {
                if (!skipGaps) break;
                log.warn("event=chunk_gap_skipped task_id={} from={} to={}", taskId, next, first.getKey() - 1);
            }
            held.pollFirstEntry();
            hub.sendChunk(socket, taskId, first.getValue());
            next = first.getKey() + 1;
        }
        if (ending != null && (next > ending.lastIndex() || skipGaps)) {
            hub.send(socket, new ServerFrame.TaskComplete(taskId, ending.status(), ending.error()));
            close();
            return;
        }
        boolean gap = !held.isEmpty() || (ending != null && next <= ending.lastIndex());
        if (gap) hub.repairSoon(this, ++gapRepairs);
        else gapRepairs = 0;
    }

    /** The index after the last chunk sent: what a read from the log should start after. */
    synchronized int sentThrough() {
        return next - 1;
    }
}
