package io.revtops.agent.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A raw-socket HTTP server that answers one request with a streaming response, sends {@code firstEvents},
 * then goes silent — and notices the moment the client closes the connection. It shows that a cancelled
 * stream closes its socket even when no more data would ever arrive.
 */
final class SilentStreamServer implements AutoCloseable {

    private final ServerSocket server;
    private final CountDownLatch clientClosed = new CountDownLatch(1);

    SilentStreamServer(String firstEvents) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> serve(firstEvents));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    boolean awaitClientClosed(Duration timeout) throws InterruptedException {
        return clientClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void serve(String firstEvents) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            skipRequest(in);
            OutputStream out = socket.getOutputStream();
            byte[] body = firstEvents.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (in.read() != -1) {
                // nothing more is sent; wait for the client to hang up
            }
        } catch (IOException closedOrReset) {
            // a reset also means the client is gone
        } finally {
            clientClosed.countDown();
        }
    }

    private static void skipRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("request ended early");
            }
            head.write(b);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        in.readNBytes((int) length);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
