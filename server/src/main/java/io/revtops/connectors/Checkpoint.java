package io.revtops.connectors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a stream stands: opaque key/value pairs the connector chooses (a cursor, a page token, a high-water
 * timestamp), saved by the engine in the same transaction as the rows before it.
 */
public record Checkpoint(Map<String, String> values) {
    public static final Checkpoint START = new Checkpoint(Map.of());

    public Checkpoint {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A copy with {@code key} set, or removed when {@code value} is null. */
    public Checkpoint with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        if (value == null) m.remove(key);
        else m.put(key, value);
        return new Checkpoint(m);
    }

    public boolean isStart() {
        return values.isEmpty();
    }
}
