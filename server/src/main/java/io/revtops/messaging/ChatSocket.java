package io.revtops.messaging;

import io.revtops.platform.db.Tenant;
import io.revtops.tenancy.RequestContext;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * One open chat socket: who it belongs to (user and organization, validated at the handshake) and a session that
 * any thread may send on — the decorator sends from one thread at a time, queues for the others, and closes the
 * socket of a client too slow to keep up (it reconnects and catches up).
 */
final class ChatSocket {
    private static final Logger log = LoggerFactory.getLogger(ChatSocket.class);
    static final CloseStatus TOO_SLOW = new CloseStatus(1013, "Too slow to keep up; reconnect and catch up");

    private final WebSocketSession session;
    private final RequestContext ctx;

    ChatSocket(WebSocketSession raw, RequestContext ctx, SocketProperties props) {
        this.session = new ConcurrentWebSocketSessionDecorator(raw, (int) props.sendTimeLimit().toMillis(),
                props.sendBufferBytes(), ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.ctx = ctx;
    }

    String id() {
        return session.getId();
    }

    UUID userId() {
        return ctx.userId();
    }

    UUID orgId() {
        return ctx.orgId();
    }

    Tenant tenant() {
        return ctx.tenant();
    }

    boolean isOpen() {
        return session.isOpen();
    }

    /** Sends a frame (or queues it behind the one being sent); never throws. */
    void send(TextMessage frame) {
        if (!session.isOpen()) return;
        try {
            session.sendMessage(frame);
        } catch (SessionLimitExceededException e) {
            log.info("event=socket_closed_slow_client socket_id={} user_id={} reason=\"{}\"", id(), userId(), e.getMessage());
            close(TOO_SLOW);
        } catch (IOException | IllegalStateException e) {
            log.debug("event=socket_send_failed socket_id={} error={}", id(), e.toString());
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | IllegalStateException ignored) {
            // already closing
        }
    }
}
