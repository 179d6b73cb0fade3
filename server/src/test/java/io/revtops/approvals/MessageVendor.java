package io.revtops.approvals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a messaging vendor (a mailbox API, a chat API) on a JDK HTTP server, until their simulators exist:
 * {@code POST /send} delivers a message (honouring {@code Idempotency-Key}: a repeated key replays the first answer),
 * {@code GET /inbox} serves the mailbox's messages. Every request is recorded.
 */
final class MessageVendor implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request the vendor received. */
    record Received(String method, String path, String idempotencyKey, JsonNode body, boolean replayed) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> inbox = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile int failNextWith;

    MessageVendor() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void addToInbox(Map<String, Object> message) {
        inbox.add(message);
    }

    /** The next send answers this 4xx status with a vendor error. */
    void failNextSend(int status) {
        failNextWith = status;
    }

    List<Received> sends() {
        return received.stream().filter(r -> r.method().equals("POST") && r.path().equals("/send")).toList();
    }

    List<Received> all() {
        return new ArrayList<>(received);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        JsonNode json = body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        if (ex.getRequestMethod().equals("GET") && path.equals("/inbox")) {
            received.add(new Received("GET", path, key, json, false));
            respond(ex, 200, JSON.writeValueAsString(Map.of("messages", inbox)));
            return;
        }
        if (ex.getRequestMethod().equals("POST") && path.equals("/send")) {
            if (key != null && answers.containsKey(key)) {
                received.add(new Received("POST", path, key, json, true));
                respond(ex, 200, answers.get(key));
                return;
            }
            received.add(new Received("POST", path, key, json, false));
            int fail = failNextWith;
            if (fail != 0) {
                failNextWith = 0;
                respond(ex, fail, "{\"error\":\"invalid_recipient\",\"message\":\"Recipient address rejected\"}");
                return;
            }
            String answer = JSON.writeValueAsString(Map.of("id", "msg-" + ids.incrementAndGet(), "ok", true));
            if (key != null) answers.put(key, answer);
            respond(ex, 200, answer);
            return;
        }
        respond(ex, 404, "{\"error\":\"not_found\"}");
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
