package io.revtops.simulators.common;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers the first answer to each {@code Idempotency-Key} so a repeated write is replayed, not
 * applied twice. Concurrent requests with the same key wait for the first one. Answers of 429 and
 * 5xx are not remembered: the client may retry those with the same key.
 */
public final class IdempotencyStore {

    /** The answer and whether it was replayed from an earlier request. */
    public record Outcome(SimResponse response, boolean replayed) {
    }

    private final Map<String, SimResponse> answers = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    Outcome execute(String key, Supplier<SimResponse> action) {
        Object lock = locks.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            SimResponse earlier = answers.get(key);
            if (earlier != null) {
                return new Outcome(earlier.withHeader("Idempotent-Replayed", "true"), true);
            }
            SimResponse response = action.get();
            if (response.status() != 429 && response.status() < 500) {
                answers.put(key, response);
            }
            return new Outcome(response, false);
        }
    }

    /** Keys whose first answer is remembered. */
    public Set<String> keys() {
        return Set.copyOf(answers.keySet());
    }

    public void clear() {
        answers.clear();
    }
}
