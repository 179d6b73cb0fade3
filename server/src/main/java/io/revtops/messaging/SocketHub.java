package io.revtops.messaging;

import io.revtops.agent.AgentTasks;
import io.revtops.agent.AgentTasks.Catchup;
import io.revtops.agent.ConversationAccessChanged;
import io.revtops.agent.Conversations;
import io.revtops.agent.Conversations.Audience;
import io.revtops.agent.TaskChunk;
import io.revtops.agent.TaskEvent;
import io.revtops.agent.TaskStatus;
import io.revtops.platform.errors.ApiException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sockets of this process and what they watch. Chunks of tasks running here arrive from {@link AgentTasks}
 * listeners at once; chunks of tasks running elsewhere arrive through the {@link NodeBus}. Either way they go to
 * the subscriptions of that task, which put them in order. Conversation events (typing, new messages) go to the
 * sockets of the users who can see the conversation, on every node.
 */
@Component
class SocketHub {
    private static final Logger log = LoggerFactory.getLogger(SocketHub.class);
    private static final Duration IDLE_RESYNC = Duration.ofSeconds(5);

    private final AgentTasks tasks;
    private final Conversations conversations;
    private final NodeBus bus;
    private final JsonMapper json;
    private final AutoCloseable listening;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("revtops-socket-timer").factory());

    private final Map<String, ChatSocket> sockets = new ConcurrentHashMap<>();
    private final Map<UUID, Set<ChatSocket>> socketsByOrg = new ConcurrentHashMap<>();
    private final Map<UUID, Map<String, TaskSubscription>> subscriptions = new ConcurrentHashMap<>();
    private final Map<TaskSubscription, Integer> repairs = new ConcurrentHashMap<>();

    SocketHub(AgentTasks tasks, Conversations conversations, NodeBus bus, JsonMapper json) {
        this.tasks = tasks;
        this.conversations = conversations;
        this.bus = bus;
        this.json = json;
        this.listening = tasks.listen(this::onLocalEvent);
        bus.onEvent(this::onRemoteEvent);
        bus.onReconnect(this::resyncAll);
        timer.scheduleWithFixedDelay(this::resyncIdle, IDLE_RESYNC.toMillis(), IDLE_RESYNC.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- sockets

    void register(ChatSocket socket) {
        sockets.put(socket.id(), socket);
        socketsByOrg.computeIfAbsent(socket.orgId(), o -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void unregister(ChatSocket socket) {
        sockets.remove(socket.id());
        socketsByOrg.computeIfPresent(socket.orgId(), (o, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
        for (Map<String, TaskSubscription> byTask : subscriptions.values()) {
            TaskSubscription sub = byTask.get(socket.id());
            if (sub != null) sub.close();
        }
    }

    int openSockets() {
        return sockets.size();
    }

    // ---- subscriptions

    /** A new subscription of {@code socket} to a task, holding live events until it is told where to start. */
    TaskSubscription subscribe(ChatSocket socket, UUID taskId, Optional<UUID> conversationId) {
        TaskSubscription sub = new TaskSubscription(this, socket, taskId, conversationId);
        TaskSubscription previous = subscriptions.computeIfAbsent(taskId, t -> new ConcurrentHashMap<>()).put(socket.id(), sub);
        if (previous != null) previous.close();
        return sub;
    }

    /** Subscribes and sends the catch-up: chunks after {@code sinceIndex}, then live ones. NotFound when invisible. */
    void subscribeWithCatchup(ChatSocket socket, UUID taskId, int sinceIndex) {
        TaskSubscription sub = subscribe(socket, taskId, Optional.empty());
        try {
            sub.catchup(tasks.chunksSince(socket.tenant(), taskId, sinceIndex), sinceIndex);
        } catch (RuntimeException e) {
            sub.close();
            throw e;
        }
    }

    /** Called by a subscription as it closes. */
    void forget(TaskSubscription sub) {
        repairs.remove(sub);
        subscriptions.computeIfPresent(sub.taskId, (t, byTask) -> {
            byTask.remove(sub.socket.id(), sub);
            return byTask.isEmpty() ? null : byTask;
        });
    }

    // ---- task events

    private void onLocalEvent(TaskEvent event) {
        switch (event) {
            case TaskEvent.Chunk c -> {
                deliverChunk(c.task().taskId(), c.chunk());
                bus.publish(new NodeEvent.Chunk(c.task().orgId(), c.task().conversationId(), c.task().taskId(), c.chunk()));
            }
            case TaskEvent.Finished f -> {
                deliverFinished(f.task().taskId(), f.status(), f.error(), f.lastIndex());
                bus.publish(new NodeEvent.Finished(f.task().orgId(), f.task().conversationId(), f.task().taskId(),
                        f.status(), f.error(), f.lastIndex()));
            }
        }
    }

    private void onRemoteEvent(NodeEvent event) {
        switch (event) {
            case NodeEvent.Chunk c -> deliverChunk(c.taskId(), c.chunk());
            case NodeEvent.ChunkPointer p -> watchers(p.taskId()).forEach(this::repairSoon);
            case NodeEvent.Finished f -> deliverFinished(f.taskId(), f.status(), f.error(), f.lastIndex());
            case NodeEvent.Broadcast b -> deliverBroadcast(b);
            case NodeEvent.Cancel c -> {
                if (c.ownerNode().equals(tasks.nodeId()) && tasks.cancelLocal(c.taskId())) {
                    log.info("event=task_cancelled_for_other_node task_id={}", c.taskId());
                }
            }
            case NodeEvent.AccessChanged a -> recheckAccess(a.conversationId());
        }
    }

    private void deliverChunk(UUID taskId, TaskChunk chunk) {
        for (TaskSubscription sub : watchers(taskId)) sub.chunk(chunk);
    }

    private void deliverFinished(UUID taskId, TaskStatus status, Optional<String> error, int lastIndex) {
        for (TaskSubscription sub : watchers(taskId)) sub.finished(status, error, lastIndex);
    }

    private List<TaskSubscription> watchers(UUID taskId) {
        Map<String, TaskSubscription> byTask = subscriptions.get(taskId);
        return byTask == null ? List.of() : List.copyOf(byTask.values());
    }

    // ---- filling gaps from the chunk log

    /** Reads the subscription's missing chunks from the log shortly: one read at a time, backing off while a gap stays. */
    void repairSoon(TaskSubscription sub) {
        repairSoon(sub, 1);
    }

    void repairSoon(TaskSubscription sub, int attempt) {
        if (repairs.putIfAbsent(sub, attempt) != null) return;
        long delay = Math.min(2_000L, 30L << Math.min(6, attempt - 1));
        timer.schedule(() -> Thread.startVirtualThread(() -> repair(sub)), delay, TimeUnit.MILLISECONDS);
    }

    private void repair(TaskSubscription sub) {
        repairs.remove(sub);
        if (sub.isClosed()) return;
        try {
            sub.repaired(tasks.chunksSince(sub.socket.tenant(), sub.taskId, sub.sentThrough()));
        } catch (ApiException.NotFound e) {
            revoke(sub);
        } catch (RuntimeException e) {
            log.warn("event=subscription_repair_failed task_id={} error={}", sub.taskId, e.toString());
            if (!sub.isClosed()) timer.schedule(() -> repairSoon(sub), 1, TimeUnit.SECONDS);
        }
    }

    /** After the notification connection came back: anything may have been missed. */
    private void resyncAll() {
        subscriptions.values().forEach(byTask -> byTask.values().forEach(this::repairSoon));
    }

    /** A safety net for lost notifications: quiet subscriptions re-read the log now and then. */
    private void resyncIdle() {
        long idle = IDLE_RESYNC.toNanos();
        subscriptions.values().forEach(byTask -> byTask.values().forEach(sub -> {
            if (sub.idleNanos() >= idle) repairSoon(sub);
        }));
    }

    // ---- conversation events

    /** Sends {@code frame} to every socket of the audience, here and on the other nodes, except the ones named. */
    void broadcast(Audience audience, Optional<UUID> exceptUser, Optional<String> exceptSocket, ServerFrame frame) {
        JsonNode tree = json.valueToTree(frame);
        NodeEvent.Broadcast b = new NodeEvent.Broadcast(audience.orgId(), audience.wholeOrganization(), audience.users(),
                exceptUser, exceptSocket, tree);
        deliverBroadcast(b);
        bus.publish(b);
    }

    private void deliverBroadcast(NodeEvent.Broadcast b) {
        Set<ChatSocket> inOrg = socketsByOrg.get(b.orgId());
        if (inOrg == null) return;
        TextMessage message = null;
        for (ChatSocket socket : inOrg) {
            if (!b.wholeOrganization() && !b.users().contains(socket.userId())) continue;
            if (b.exceptUser().map(socket.userId()::equals).orElse(false)) continue;
            if (b.exceptSocket().map(socket.id()::equals).orElse(false)) continue;
            if (message == null) message = new TextMessage(json.writeValueAsString(b.frame()));
            socket.send(message);
        }
    }

    /** Someone lost access to a conversation: stop their live streams of its tasks, on every node. */
    @EventListener
    void accessChanged(ConversationAccessChanged event) {
        Thread.startVirtualThread(() -> recheckAccess(event.conversationId()));
        bus.publish(new NodeEvent.AccessChanged(event.orgId(), event.conversationId()));
    }

    private void recheckAccess(UUID conversationId) {
        subscriptions.values().forEach(byTask -> byTask.values().forEach(sub -> {
            if (sub.conversationId().map(conversationId::equals).orElse(false)
                    && conversations.find(sub.socket.tenant(), conversationId).isEmpty()) {
                revoke(sub);
            }
        }));
    }

    private void revoke(TaskSubscription sub) {
        sub.close();
        send(sub.socket, new ServerFrame.Error("not_found", "This conversation is no longer available to you",
                Optional.empty(), Optional.of(sub.taskId)));
    }

    // ---- sending

    void send(ChatSocket socket, ServerFrame frame) {
        socket.send(new TextMessage(json.writeValueAsString(frame)));
    }

    void sendChunk(ChatSocket socket, UUID taskId, TaskChunk chunk) {
        send(socket, new ServerFrame.TaskChunkFrame(taskId, chunk));
    }

    @PreDestroy
    void stop() throws Exception {
        listening.close();
        timer.shutdownNow();
    }
}
