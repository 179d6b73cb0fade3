package io.revtops.messaging;

import io.revtops.testing.TestApi;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A real WebSocket client for tests (java.net.http): frames as JSON trees, read with deadlines. */
final class SocketClient implements WebSocket.Listener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    static URI uri(int port, String token, Object orgId) {
        StringBuilder q = new StringBuilder("ws://localhost:" + port + "/ws/chat");
        String sep = "?";
        if (token != null) {
            q.append(sep).append("token=").append(URLEncoder.encode(token, StandardCharsets.UTF_8));
            sep = "&";
        }
        if (orgId != null) q.append(sep).append("org_id=").append(URLEncoder.encode(orgId.toString(), StandardCharsets.UTF_8));
        return URI.create(q.toString());
    }

    static SocketClient connect(int port, TestApi.Session session) {
        return connect(port, session.token(), session.orgId());
    }

    /**
     * Opens a socket and returns once the server has registered it: the upgrade answer can reach the client before
     * the server's handler has run, so a ping is answered first (frames are handled only after registration).
     */
    static SocketClient connect(int port, String token, Object orgId) {
        SocketClient client = new SocketClient();
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri(port, token, orgId), client)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        client.send(java.util.Map.of("type", "ping", "request_id", "connect"));
        client.expect("pong");
        return client;
    }

    /** The HTTP status of a refused upgrade (fails when the upgrade is accepted). */
    static int refusedStatus(int port, String token, Object orgId) {
        try {
            WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(uri(port, token, orgId), new SocketClient()).get(10, TimeUnit.SECONDS);
            ws.abort();
            throw new AssertionError("the upgrade was accepted");
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
            throw new AssertionError("the upgrade failed without an HTTP answer", e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void send(Object frame) {
        sendRaw(frame instanceof String s ? s : TestApi.json().writeValueAsString(frame));
    }

    void sendRaw(String text) {
        socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The next frame, failing after the default wait. */
    JsonNode next() {
        return next(WAIT);
    }

    JsonNode next(Duration wait) {
        try {
            JsonNode frame = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) throw new AssertionError("no frame within " + wait);
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame, which must be of {@code type}. */
    JsonNode expect(String type) {
        JsonNode frame = next();
        if (!type.equals(frame.path("type").asString())) {
            throw new AssertionError("expected a " + type + " frame, got " + frame);
        }
        return frame;
    }

    /** Frames up to and including the first that matches {@code last}. */
    List<JsonNode> until(Predicate<JsonNode> last) {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            JsonNode frame = next();
            out.add(frame);
            if (last.test(frame)) return out;
        }
    }

    /** Frames up to and including the task_complete of {@code taskId}. */
    List<JsonNode> untilComplete(String taskId) {
        return until(f -> f.path("type").asString().equals("task_complete") && f.path("task_id").asString().equals(taskId));
    }

    static Predicate<JsonNode> ofType(String type) {
        return f -> f.path("type").asString().equals(type);
    }

    /** Sends a message and returns the task_started frame (after conversation_created when there was one). */
    JsonNode ask(String message, UUID conversationId) {
        send(conversationId == null
                ? java.util.Map.of("type", "send_message", "message", message)
                : java.util.Map.of("type", "send_message", "message", message, "conversation_id", conversationId.toString()));
        JsonNode frame = next();
        if (frame.path("type").asString().equals("conversation_created")) frame = next();
        if (!frame.path("type").asString().equals("task_started")) throw new AssertionError("expected task_started, got " + frame);
        return frame;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(TestApi.json().readTree(partial.toString()));
            partial.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                socket.abort();
            }
        }
    }

    void abort() {
        socket.abort();
    }
}
