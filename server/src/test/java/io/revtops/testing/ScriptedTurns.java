package io.revtops.testing;

import io.revtops.agent.ChunkType;
import io.revtops.agent.TurnFailed;
import io.revtops.agent.TurnRunner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A test {@link TurnRunner} driven by the message text:
 * {@code stream N MS} — N text_delta chunks "t0 ", "t1 ", … with MS ms between them, then the assistant message;
 * {@code gated KEY} — chunks 0-4, waits for {@link Gate#release1}, chunks 5-9 (then {@link Gate#phase2}), waits for
 * {@link Gate#release2}, chunks 10-14; a gate with {@code bigChunk} makes chunk 12 a 20 KB text;
 * {@code block} — one chunk, then waits until cancelled; {@code stubborn} — ignores cancellation for 5 s;
 * {@code fail} — fails; anything else — echoes.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ScriptedTurns {
    public static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

    /** Lets a test hold a gated turn between phases. */
    public static final class Gate {
        public final CountDownLatch release1 = new CountDownLatch(1);
        public final CountDownLatch phase2 = new CountDownLatch(1);
        public final CountDownLatch release2 = new CountDownLatch(1);
        final boolean bigChunk;

        Gate(boolean bigChunk) {
            this.bigChunk = bigChunk;
        }

        public static String open(String key, boolean bigChunk) {
            GATES.put(key, new Gate(bigChunk));
            return "gated " + key;
        }
    }

    public static String text(int i) {
        return "t" + i + " ";
    }

    @Bean
    @Primary
    TurnRunner scriptedTurnRunner() {
        return (input, out, cancel) -> {
            String[] words = input.message().trim().split("\\s+");
            switch (words[0]) {
                case "stream" -> {
                    int n = Integer.parseInt(words[1]);
                    long pause = Long.parseLong(words[2]);
                    StringBuilder all = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        cancel.throwIfCancelled();
                        out.text(text(i));
                        all.append(text(i));
                        if (pause > 0) Thread.sleep(pause);
                    }
                    out.saveAssistantMessage(List.of(Map.of("type", "text", "text", all.toString())));
                }
                case "gated" -> {
                    Gate gate = GATES.get(words[1]);
                    for (int i = 0; i < 5; i++) out.text(text(i));
                    if (!gate.release1.await(30, TimeUnit.SECONDS)) throw new TurnFailed("gate 1 timed out");
                    for (int i = 5; i < 10; i++) out.text(text(i));
                    gate.phase2.countDown();
                    if (!gate.release2.await(30, TimeUnit.SECONDS)) throw new TurnFailed("gate 2 timed out");
                    for (int i = 10; i < 15; i++) out.text(i == 12 && gate.bigChunk ? "x".repeat(20_000) : text(i));
                    out.saveAssistantMessage(List.of(Map.of("type", "text", "text", "gated answer")));
                }
                case "block" -> {
                    out.emit(ChunkType.THINKING_DELTA, Map.of("text", "thinking…"));
                    CountDownLatch stopped = new CountDownLatch(1);
                    cancel.onCancel(stopped::countDown);
                    stopped.await(30, TimeUnit.SECONDS);
                }
                case "fail" -> throw new TurnFailed("The scripted turn failed");
                case "stubborn" -> {
                    out.text("not listening");
                    // ignores the token: the task must end cancelled anyway
                    Thread.sleep(5_000);
                    out.text("too late");
                }
                default -> {
                    out.text("echo: " + input.message());
                    out.saveAssistantMessage(List.of(Map.of("type", "text", "text", "echo: " + input.message())));
                }
            }
        };
    }
}
