package io.revtops.agent;

import java.util.List;
import java.util.Map;

/**
 * Where a turn's output goes: streamed chunks (SPEC §9 chunk types) and the assistant message, saved as soon as
 * tools start and updated in place with its ordered content blocks.
 */
public interface TurnSink {

    /** One streamed chunk: text_delta, thinking_delta, tool_call_start, tool_call, tool_result, context_usage, … */
    void emit(String type, Map<String, Object> data);

    /** Inserts the turn's assistant message the first time, then updates the same row. */
    void saveAssistantMessage(List<Map<String, Object>> contentBlocks);
}
