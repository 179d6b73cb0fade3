package io.revtops.agent;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** One streamed piece of a turn: its dense position in the task (0, 1, 2, …), its type and its JSON data. */
public record TaskChunk(int index, ChunkType type, JsonNode data) {
    public TaskChunk {
        if (index < 0) throw new IllegalArgumentException("index must be >= 0");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
