package io.revtops.messaging;

import com.zaxxer.hikari.HikariDataSource;
import io.revtops.agent.AgentTasks;
import io.revtops.platform.db.TenantTx;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fan-out between api processes over PostgreSQL LISTEN/NOTIFY. Outgoing events are packed into notifications of at
 * most {@value #MAX_PAYLOAD} bytes (a chunk too big to travel becomes a pointer the receiver reads from the chunk
 * log) and sent in one statement every few milliseconds. One dedicated connection per process listens, on a
 * virtual thread, reconnecting after failures; notifications from this node itself are ignored (it delivered
 * those locally).
 */
@Component
class NodeBus {
    private static final Logger log = LoggerFactory.getLogger(NodeBus.class);
    /** PostgreSQL refuses payloads of 8000 bytes or more; keep a margin. */
    static final int MAX_PAYLOAD = 7_900;
    private static final Duration LINGER = Duration.ofMillis(2);

    private final DataSource dataSource;
    private final TenantTx tx;
    private final JsonMapper json;
    private final String nodeId;
    private final String channel;
    private final LinkedBlockingQueue<NodeEvent> outgoing = new LinkedBlockingQueue<>();
    private final List<Consumer<NodeEvent>> consumers = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectHooks = new CopyOnWriteArrayList<>();
    private final Thread sender;
    private final Thread listener;
    private volatile boolean stopping;
    private volatile Connection listening;

    /** The envelope of one notification. */
    record Envelope(String node, List<JsonNode> events) {}

    NodeBus(DataSource dataSource, TenantTx tx, JsonMapper json, AgentTasks tasks, SocketProperties props) {
        this.dataSource = dataSource;
        this.tx = tx;
        this.json = json;
        this.nodeId = tasks.nodeId();
        this.channel = props.channel();
        this.sender = Thread.ofVirtual().name("revtops-notify").start(this::sendLoop);
        this.listener = Thread.ofVirtual().name("revtops-listen").start(this::listenLoop);
    }

    void onEvent(Consumer<NodeEvent> consumer) {
        consumers.add(consumer);
    }

    void onReconnect(Runnable hook) {
        reconnectHooks.add(hook);
    }

    /** Queues an event for the other nodes; returns at once. */
    void publish(NodeEvent event) {
        if (!stopping) outgoing.add(event);
    }

    // ---- sending

    private void sendLoop() {
        List<NodeEvent> batch = new ArrayList<>();
        while (!stopping || !outgoing.isEmpty()) {
            try {
                NodeEvent first = outgoing.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                // let a burst (a thousand streams) share notifications
                Thread.sleep(LINGER);
                outgoing.drainTo(batch, 5_000);
                send(pack(batch));
            } catch (InterruptedException e) {
                if (stopping) return;
            } catch (RuntimeException e) {
                // the receivers notice gaps and read the chunk log; finished tasks are found by their idle re-sync
                log.warn("event=notify_failed events={} error={}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    /** Serializes events into notification payloads, each under the size limit, in order. */
    List<String> pack(List<NodeEvent> events) {
        String head = "{\"node\":" + json.writeValueAsString(nodeId) + ",\"events\":[";
        List<String> payloads = new ArrayList<>();
        StringBuilder current = new StringBuilder(head);
        int currentBytes = utf8(head);
        int inCurrent = 0;
        for (NodeEvent event : events) {
            String one = json.writeValueAsString(event);
            int bytes = utf8(one);
            if (utf8(head) + bytes + 2 > MAX_PAYLOAD) {
                NodeEvent smaller = shrink(event);
                if (smaller == null) {
                    log.warn("event=notify_event_too_big kind={} bytes={}", event.getClass().getSimpleName(), bytes);
                    continue;
                }
                one = json.writeValueAsString(smaller);
                bytes = utf8(one);
            }
            if (inCurrent > 0 && currentBytes + 1 + bytes + 2 > MAX_PAYLOAD) {
                payloads.add(current.append("]}").toString());
                current = new StringBuilder(head);
                currentBytes = utf8(head);
                inCurrent = 0;
            }
            if (inCurrent > 0) {
                current.append(',');
                currentBytes++;
            }
            current.append(one);
            currentBytes += bytes;
            inCurrent++;
        }
        if (inCurrent > 0) payloads.add(current.append("]}").toString());
        return payloads;
    }

    private static NodeEvent shrink(NodeEvent event) {
        return event instanceof NodeEvent.Chunk c
                ? new NodeEvent.ChunkPointer(c.orgId(), c.conversationId(), c.taskId(), c.chunk().index())
                : null;
    }

    private void send(List<String> payloads) {
        if (payloads.isEmpty()) return;
        String array = json.writeValueAsString(payloads);
        // system work: the notification channel is shared by every organization (receivers only deliver to
        // sockets whose user the event is for, and read chunks under that user's RLS)
        tx.system("fan-out to other api processes (NOTIFY)", j -> j.sql("""
                SELECT count(pg_notify(:channel, p)) FROM jsonb_array_elements_text(CAST(:payloads AS jsonb)) AS p
                """).param("channel", channel).param("payloads", array).query(Long.class).single());
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    // ---- receiving

    private void listenLoop() {
        long backoff = 200;
        while (!stopping) {
            try (Connection connection = openListenConnection()) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    // the channel name is validated configuration (an identifier), not a value
                    statement.execute("LISTEN " + channel);
                }
                log.info("event=listening channel={} node={}", channel, nodeId);
                backoff = 200;
                reconnectHooks.forEach(NodeBus::runQuietly);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!stopping) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) continue;
                    for (PGNotification n : notifications) receive(n.getParameter());
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping) return;
                log.warn("event=listen_connection_lost channel={} retry_ms={} error={}", channel, backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(5_000, backoff * 2);
            } finally {
                listening = null;
            }
        }
    }

    /** A connection outside the pool: it is held for the life of the process. */
    private Connection openListenConnection() throws SQLException {
        Connection connection = dataSource instanceof HikariDataSource hikari
                ? DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword())
                : dataSource.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }

    void receive(String payload) {
        Envelope envelope;
        try {
            envelope = json.readValue(payload, Envelope.class);
        } catch (RuntimeException e) {
            log.warn("event=notification_unreadable error={}", e.toString());
            return;
        }
        if (nodeId.equals(envelope.node()) || envelope.events() == null) return;
        for (JsonNode raw : envelope.events()) {
            NodeEvent event;
            try {
                event = json.treeToValue(raw, NodeEvent.class);
            } catch (RuntimeException e) {
                log.warn("event=node_event_unreadable error={}", e.toString());
                continue;
            }
            for (Consumer<NodeEvent> consumer : consumers) {
                try {
                    consumer.accept(event);
                } catch (RuntimeException e) {
                    log.warn("event=node_event_failed kind={} error={}", event.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }

    private static void runQuietly(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            log.warn("event=reconnect_hook_failed error={}", e.toString());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        sender.join(Duration.ofSeconds(2));
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        listener.interrupt();
        listener.join(Duration.ofSeconds(2));
    }
}
