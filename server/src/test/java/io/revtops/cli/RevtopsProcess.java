package io.revtops.cli;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real Revtops process started from the built jar, as {@code ./revtops <command>} would start it. */
final class RevtopsProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "revtops-exec.jar");

    final int port;
    final Process process;
    final Path log;

    private RevtopsProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static RevtopsProcess start(String command, Map<String, String> env, Path logFile) throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(), command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("REVTOPS_") || k.equals("DATABASE_URL") || k.equals("SECRET_KEY"));
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().putAll(env);
        return new RevtopsProcess(port, pb.start(), logFile);
    }

    /** Waits until /health answers 200; returns the time it took. */
    Duration awaitHealthy(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("process exited with " + process.exitValue() + "; see " + log);
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return Duration.ofNanos(System.nanoTime() - start);
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not healthy within " + timeout + "; see " + log);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the process the way Ctrl-C would (SIGTERM) and waits for it to finish. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean jarBuilt() {
        return new File(JAR.toString()).isFile();
    }
}
