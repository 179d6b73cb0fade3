package io.revtops.bench;

import io.revtops.Revtops;
import io.revtops.agent.AgentTasks;
import io.revtops.agent.TaskEvent;
import io.revtops.agent.model.CancellationToken;
import io.revtops.agent.model.ContentPart;
import io.revtops.agent.model.ModelClient;
import io.revtops.agent.model.ModelEvent;
import io.revtops.agent.model.ModelMessage;
import io.revtops.agent.model.ModelRequest;
import io.revtops.agent.model.ModelResponse;
import io.revtops.agent.model.ModelStreamListener;
import io.revtops.agent.model.StopReason;
import io.revtops.agent.model.TokenUsage;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 4 budgets, measured through the real server in this JVM (embedded PostgreSQL, agent tasks with their chunk
 * log, the chat socket): (1) orchestration overhead per round with a zero-latency model and a trivial tool;
 * (2) model token → socket frame latency; (3) N concurrent streaming chats at 20 tokens/s × 200 tokens — no lost or
 * reordered chunk, heap and CPU; also cancel → task_complete latency while a slow answer streams. Usage: ChatBench [chats=1000]. Writes bench/results/chat.json.
 */
public final class ChatBench {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A model that answers instantly: {@code rounds} think calls, then a short answer; or timed tokens. */
    static final class BenchModel implements ModelClient {
        volatile int rounds = 0;
        volatile int tokens = 0;
        volatile double tokensPerSecond = 0;

        @Override
        public ModelResponse stream(ModelRequest request, ModelStreamListener listener, CancellationToken cancel) {
            long assistantTurns = request.messages().stream().filter(m -> m.role() == ModelMessage.Role.ASSISTANT).count();
            boolean stamped = request.lastUserText().startsWith("stamp");
            if (assistantTurns < rounds && !stamped) {
                String id = "t" + assistantTurns;
                listener.onEvent(new ModelEvent.ToolCallStart(id, "think"));
                listener.onEvent(new ModelEvent.ToolCall(id, "think", "{\"thought\":\"step\"}", true));
                listener.onEvent(new ModelEvent.Usage(10, 5));
                listener.onEvent(new ModelEvent.Done(StopReason.TOOL_USE));
                return new ModelResponse(List.of(new ContentPart.ToolUse(id, "think", "{\"thought\":\"step\"}")), StopReason.TOOL_USE,
                        new TokenUsage(10, 5));
            }
            StringBuilder text = new StringBuilder();
            int n = stamped || tokens > 0 ? Math.max(tokens, 1) : 1;
            long interval = tokensPerSecond > 0 ? (long) (1_000_000_000L / tokensPerSecond) : 0;
            long next = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (interval > 0) {
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) cancel.sleep(Duration.ofNanos(wait));
                }
                String t = stamped ? "@" + System.nanoTime() + " " : "tok" + i + " ";
                text.append(t);
                listener.onEvent(new ModelEvent.TextDelta(t));
            }
            listener.onEvent(new ModelEvent.Usage(10, n));
            listener.onEvent(new ModelEvent.Done(StopReason.END_TURN));
            return new ModelResponse(List.of(new ContentPart.Text(text.toString())), StopReason.END_TURN, new TokenUsage(10, n));
        }

        @Override
        public String provider() {
            return "bench";
        }
    }

    public static void main(String[] args) throws Exception {
        int chats = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path data = Files.createTempDirectory("revtops-chat-bench");
        BenchModel model = new BenchModel();
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Revtops.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("benchModel", model))
                // as command-line arguments: they win over application.yml (default properties would not, and the
                // server would open ./data instead of the fresh directory)
                .run("--revtops.data-dir=" + data, "--server.port=0", "--revtops.demo.mode=false",
                        "--logging.level.root=WARN", "--revtops.sync.scheduled=false");
        int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        JsonNode login = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/dev-login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench@bench.test\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        String token = login.path("token").asString();
        String org = login.path("me").path("organizations").path(0).path("id").asString();
        URI ws = URI.create("ws://127.0.0.1:" + port + "/ws/chat?token=" + token + "&org_id=" + org);
        Map<String, Object> results = new java.util.LinkedHashMap<>();
        results.put("machine", Runtime.getRuntime().availableProcessors() + " cores");

        // 1. orchestration overhead per round
        model.rounds = 20;
        AgentTasks tasks = ctx.getBean(AgentTasks.class);
        Map<java.util.UUID, Long> lastResult = new ConcurrentHashMap<>();
        List<Long> roundNanos = Collections.synchronizedList(new ArrayList<>());
        AutoCloseable listening = tasks.listen(event -> {
            if (event instanceof TaskEvent.Chunk c && c.chunk().type().wireName().equals("tool_result")) {
                long now = System.nanoTime();
                Long prev = lastResult.put(c.task().taskId(), now);
                if (prev != null) roundNanos.add(now - prev);
            }
        });
        try (Client c = Client.open(http, ws)) {
            for (int i = 0; i < 40; i++) {
                c.send("{\"type\":\"send_message\",\"message\":\"rounds " + i + "\"}");
                c.awaitComplete(Duration.ofSeconds(60));
            }
        }
        listening.close();
        results.put("round_overhead_ms", percentiles(roundNanos));
        System.out.println("orchestration per round: " + results.get("round_overhead_ms"));

        // 2. token → socket frame
        model.rounds = 0;
        model.tokens = 200;
        model.tokensPerSecond = 200;
        List<Long> latency = Collections.synchronizedList(new ArrayList<>());
        try (Client c = Client.open(http, ws)) {
            c.onChunk = (text, received) -> {
                if (text.startsWith("@")) latency.add(received - Long.parseLong(text.substring(1).trim()));
            };
            for (int i = 0; i < 5; i++) {
                c.send("{\"type\":\"send_message\",\"message\":\"stamp " + i + "\"}");
                c.awaitComplete(Duration.ofSeconds(60));
            }
        }
        results.put("token_to_frame_ms", percentiles(latency));
        System.out.println("token to frame: " + results.get("token_to_frame_ms"));

        // 2b. cancel → task_complete(cancelled) on the socket, while the model streams slowly (SPEC: within 1 s)
        model.tokens = 200;
        model.tokensPerSecond = 2;
        List<Long> cancelNanos = Collections.synchronizedList(new ArrayList<>());
        int notCancelled = 0;
        try (Client c = Client.open(http, ws)) {
            for (int i = 0; i < 20; i++) {
                c.send("{\"type\":\"send_message\",\"message\":\"slow " + i + "\"}");
                if (!c.firstChunk.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("no chunk of a slow answer");
                long asked = System.nanoTime();
                c.socket.sendText("{\"type\":\"cancel\",\"task_id\":\"" + c.taskId + "\"}", true).join();
                if (!c.awaitComplete(Duration.ofSeconds(30)) || !"cancelled".equals(c.status)) notCancelled++;
                else cancelNanos.add(c.completedAt - asked);
            }
        }
        Map<String, Object> cancel = new java.util.LinkedHashMap<>(percentiles(cancelNanos));
        cancel.put("not_cancelled", notCancelled);
        results.put("cancel_to_complete_ms", cancel);
        System.out.println("cancel to task_complete: " + results.get("cancel_to_complete_ms"));

        // 3. concurrent streaming chats
        model.tokens = 200;
        model.tokensPerSecond = 20;
        var memory = ManagementFactory.getMemoryMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < chats; i++) clients.add(Client.open(http, ws));
        AtomicLong peakHeap = new AtomicLong();
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        for (int i = 0; i < chats; i++) clients.get(i).send("{\"type\":\"send_message\",\"message\":\"chat " + i + "\"}");
        int complete = 0;
        int broken = 0;
        long chunks = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        for (Client c : clients) {
            boolean done = c.awaitComplete(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (done && !c.failed) complete++;
            if (!c.inOrder) broken++;
            chunks += c.chunks.get();
        }
        sampler.interrupt();
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        for (Client c : clients) c.close();
        results.put("concurrent_chats", Map.of("chats", chats, "completed", complete, "out_of_order_or_gaps", broken,
                "chunks_received", chunks, "wall_s", wall / 1e9, "process_cpu_s", cpu / 1e9,
                "peak_heap_mib", peakHeap.get() / 1048576, "max_heap_mib", memory.getHeapMemoryUsage().getMax() / 1048576));
        System.out.println("concurrent chats: " + results.get("concurrent_chats"));
        Files.createDirectories(Path.of("bench/results"));
        Files.writeString(Path.of("bench/results/chat.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        ctx.close();
        System.exit(0);
    }

    static Map<String, Double> percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) return Map.of();
        return Map.of("p50", sorted.get(sorted.size() / 2) / 1e6, "p99", sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99)) / 1e6,
                "samples", (double) sorted.size());
    }

    /** One socket: counts chunks, checks their order, signals task completion. */
    static final class Client implements WebSocket.Listener, AutoCloseable {
        final AtomicInteger chunks = new AtomicInteger();
        volatile boolean inOrder = true;
        volatile boolean failed;
        volatile int lastIndex = -1;
        volatile java.util.function.BiConsumer<String, Long> onChunk = (t, r) -> { };
        volatile CountDownLatch completed = new CountDownLatch(1);
        volatile CountDownLatch firstChunk = new CountDownLatch(1);
        volatile String taskId;
        volatile String status;
        volatile long completedAt;
        final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client open(HttpClient http, URI uri) {
            Client c = new Client();
            c.socket = http.newWebSocketBuilder().buildAsync(uri, c).join();
            return c;
        }

        void send(String text) {
            completed = new CountDownLatch(1);
            firstChunk = new CountDownLatch(1);
            taskId = null;
            status = null;
            lastIndex = -1;
            socket.sendText(text, true).join();
        }

        boolean awaitComplete(Duration wait) throws InterruptedException {
            return completed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long received = System.nanoTime();
            partial.append(data);
            if (last) {
                JsonNode frame = JSON.readTree(partial.toString());
                partial.setLength(0);
                switch (frame.path("type").asString()) {
                    case "task_started" -> taskId = frame.path("task_id").asString();
                    case "task_chunk" -> {
                        firstChunk.countDown();
                        int index = frame.path("chunk").path("index").asInt();
                        if (index != lastIndex + 1) inOrder = false;
                        lastIndex = index;
                        chunks.incrementAndGet();
                        if (frame.path("chunk").path("type").asString().equals("text_delta")) {
                            onChunk.accept(frame.path("chunk").path("data").path("text").asString(), received);
                        }
                    }
                    case "task_complete" -> {
                        completedAt = received;
                        status = frame.path("status").asString();
                        completed.countDown();
                    }
                    case "error" -> {
                        failed = true;
                        completed.countDown();
                    }
                    default -> { }
                }
            }
            ws.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
