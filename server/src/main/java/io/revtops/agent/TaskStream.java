package io.revtops.agent;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
 * Where a {@link TurnRunner} writes: streamed chunks (delivered to watching sockets at once, persisted in order for
 * catch-up) and the assistant message, saved when there is something to keep and updated in place as it grows.
 * Safe to call from several threads; chunk indexes follow the order of the calls.
 */
public interface TaskStream {

    /**
     * Appends a chunk and returns its index. {@code data} is any value that serializes to a JSON object (a map, a
     * record, a JsonNode). Throws {@link CancellationException} once the task has ended (cancelled), so a runner that
     * missed the cancellation stops at its next write.
     */
    int emit(ChunkType type, Object data);

    /** Shorthand for a {@code text_delta} chunk {@code {"text": delta}}. */
    default int text(String delta) {
        return emit(ChunkType.TEXT_DELTA, Map.of("text", delta));
    }

    /**
     * Saves the assistant message with these ordered content blocks (text, tool_use with input/result/status,
     * artifact, app, attachment — each a JSON object with a {@code type}): the first call creates it, later calls
     * replace its blocks. Returns the message id.
     */
    UUID saveAssistantMessage(List<?> contentBlocks);

    /** The index the next chunk will get (0 before the first). */
    int nextIndex();
}
