package io.revtops.messaging;

import io.revtops.agent.AgentTasks;
import io.revtops.agent.AgentTasks.CancelOutcome;
import io.revtops.agent.AgentTasks.Started;
import io.revtops.agent.AgentTasks.TurnRequest;
import io.revtops.agent.Conversations;
import io.revtops.agent.Conversations.Audience;
import io.revtops.agent.TurnSource;
import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.RequestContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat socket protocol (SPEC §9, docs/websocket.md): {@code send_message}, {@code subscribe}, {@code cancel},
 * {@code typing}. A bad frame is answered with an {@code error} frame and the socket stays usable; a refused
 * request writes nothing.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {
    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);

    private final AgentTasks tasks;
    private final Conversations conversations;
    private final SocketHub hub;
    private final NodeBus bus;
    private final JsonMapper json;
    private final SocketProperties props;
    private final Map<String, ChatSocket> open = new ConcurrentHashMap<>();

    ChatSocketHandler(AgentTasks tasks, Conversations conversations, SocketHub hub, NodeBus bus, JsonMapper json,
                      SocketProperties props) {
        this.tasks = tasks;
        this.conversations = conversations;
        this.hub = hub;
        this.bus = bus;
        this.json = json;
        this.props = props;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        RequestContext ctx = (RequestContext) session.getAttributes().get(SocketAuthInterceptor.CONTEXT);
        ChatSocket socket = new ChatSocket(session, ctx, props);
        open.put(session.getId(), socket);
        hub.register(socket);
        log.info("event=socket_opened socket_id={} org_id={} user_id={}", socket.id(), ctx.orgId(), ctx.userId());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ChatSocket socket = open.remove(session.getId());
        if (socket == null) return;
        hub.unregister(socket);
        log.info("event=socket_closed socket_id={} code={}", socket.id(), status.getCode());
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ChatSocket socket = open.get(session.getId());
        if (socket == null) return;
        if (message.getPayloadLength() > props.maxFrameBytes()) {
            error(socket, new ServerFrame.Error("frame_too_large", "Frames may be at most " + props.maxFrameBytes()
                    + " bytes; this one has " + message.getPayloadLength(), Optional.empty(), Optional.empty()));
            return;
        }
        Optional<String> requestId = Optional.empty();
        try {
            ClientFrame frame = ClientFrame.parse(json, message.getPayload());
            requestId = frame.requestId();
            switch (frame) {
                case ClientFrame.SendMessage m -> sendMessage(socket, m);
                case ClientFrame.Subscribe s -> hub.subscribeWithCatchup(socket, s.taskId(), s.sinceIndex());
                case ClientFrame.Cancel c -> cancel(socket, c);
                case ClientFrame.Typing t -> typing(socket, t);
                case ClientFrame.Ping p -> hub.send(socket, new ServerFrame.Pong(p.requestId()));
            }
        } catch (ClientFrame.Invalid e) {
            error(socket, new ServerFrame.Error(e.code, e.getMessage(), e.requestId, Optional.empty()));
        } catch (ApiException e) {
            error(socket, new ServerFrame.Error(e.code(), e.getMessage(), requestId, Optional.empty()));
        } catch (RuntimeException e) {
            log.error("event=socket_frame_failed socket_id={} error={}", socket.id(), e.toString(), e);
            error(socket, new ServerFrame.Error("internal_error", "Something went wrong on our side; it has been logged",
                    requestId, Optional.empty()));
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        ChatSocket socket = open.get(session.getId());
        if (socket != null) {
            error(socket, ServerFrame.Error.of("invalid_frame", "Send JSON text frames, not binary ones"));
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("event=socket_transport_error socket_id={} error={}", session.getId(), exception.toString());
    }

    private void sendMessage(ChatSocket socket, ClientFrame.SendMessage m) {
        TurnRequest request = new TurnRequest(m.conversationId(), m.message(), m.scope(), TurnSource.WEB,
                m.localTime(), m.timezone());
        // the socket hears about the task and subscribes to it before the runner can emit its first chunk
        Started started = tasks.start(socket.tenant(), request, s -> {
            s.createdConversation().ifPresent(c -> hub.send(socket, new ServerFrame.ConversationCreated(c, m.requestId())));
            hub.send(socket, new ServerFrame.TaskStarted(s.taskId(), s.conversationId(), s.userMessage().id(), m.requestId()));
            hub.subscribe(socket, s.taskId(), Optional.of(s.conversationId())).liveFromStart();
        });
        if (started.createdConversation().isEmpty()) {
            // others watching an existing conversation see the message and can follow the answer
            conversations.audience(socket.tenant(), started.conversationId()).ifPresent(audience ->
                    hub.broadcast(audience, Optional.empty(), Optional.of(socket.id()),
                            new ServerFrame.NewMessage(started.conversationId(), started.userMessage(), Optional.of(started.taskId()))));
        }
    }

    private void cancel(ChatSocket socket, ClientFrame.Cancel c) {
        CancelOutcome outcome = tasks.cancel(socket.tenant(), c.taskId());
        if (outcome.result() == CancelOutcome.Result.RUNNING_ELSEWHERE) {
            bus.publish(new NodeEvent.Cancel(c.taskId(), outcome.ownerNode().orElseThrow()));
        }
    }

    private void typing(ChatSocket socket, ClientFrame.Typing t) {
        Audience audience = conversations.audience(socket.tenant(), t.conversationId())
                .orElseThrow(() -> new ApiException.NotFound("Conversation " + t.conversationId()));
        hub.broadcast(audience, Optional.of(socket.userId()), Optional.of(socket.id()),
                new ServerFrame.Typing(t.conversationId(), socket.userId()));
    }

    private void error(ChatSocket socket, ServerFrame.Error frame) {
        hub.send(socket, frame);
    }
}
