package io.revtops.agent.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on 127.0.0.1 that answers each request with the next queued {@link Reply} and
 * records what it received, so tests can assert on the wire format a vendor would see.
 */
final class StubHttpServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as received. */
    record Received(String method, String path, Map<String, String> headers, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** A response: status, headers and body pieces, each written (and flushed) after its delay. */
    record Reply(int status, Map<String, String> headers, List<Piece> pieces, Duration headerDelay) {
        record Piece(Duration delay, String text) { }

        static Reply json(int status, String body) {
            return new Reply(status, Map.of("content-type", "application/json"), List.of(new Piece(Duration.ZERO, body)),
                    Duration.ZERO);
        }

        static Reply sse(List<String> events) {
            return sse(events, Duration.ZERO);
        }

        /** An event stream whose events are sent {@code gap} apart. */
        static Reply sse(List<String> events, Duration gap) {
            List<Piece> pieces = new ArrayList<>();
            for (String event : events) {
                pieces.add(new Piece(pieces.isEmpty() ? Duration.ZERO : gap, event));
            }
            return new Reply(200, Map.of("content-type", "text/event-stream", "cache-control", "no-cache"), pieces,
                    Duration.ZERO);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, pieces, headerDelay);
        }

        /** The same reply, but the status line is only sent after {@code delay}. */
        Reply afterHeaderDelay(Duration delay) {
            return new Reply(status, headers, pieces, delay);
        }
    }

    private final HttpServer server;
    private final LinkedBlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch clientGone = new CountDownLatch(1);

    StubHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StubHttpServer enqueue(Reply reply) {
        replies.add(reply);
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until a streaming reply failed to write because the client closed the connection. */
    boolean awaitClientGone(Duration timeout) throws InterruptedException {
        return clientGone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
        Reply reply = replies.poll();
        if (reply == null) {
            reply = Reply.json(500, "{\"error\":{\"type\":\"api_error\",\"message\":\"stub has no reply queued\"}}");
        }
        try {
            if (!reply.headerDelay().isZero()) {
                Thread.sleep(reply.headerDelay());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        try {
            exchange.sendResponseHeaders(reply.status(), 0); // chunked
        } catch (IOException e) {
            clientGone.countDown();
            exchange.close();
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            for (Reply.Piece piece : reply.pieces()) {
                if (!piece.delay().isZero()) {
                    Thread.sleep(piece.delay());
                }
                out.write(piece.text().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            clientGone.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
