package io.revtops.agent;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of streamed chunk a turn produces (SPEC §9), with their wire names. */
public enum ChunkType {
    TEXT_DELTA("text_delta"),
    THINKING_DELTA("thinking_delta"),
    TOOL_CALL_START("tool_call_start"),
    TOOL_CALL("tool_call"),
    TOOL_RESULT("tool_result"),
    ARTIFACT("artifact"),
    APP("app"),
    PENDING_CHANGE("pending_change"),
    CONTEXT_USAGE("context_usage");

    private final String wireName;

    ChunkType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The type for a wire name, as stored in {@code agent_task_chunks.type}. */
    public static ChunkType fromWire(String name) {
        for (ChunkType t : values()) {
            if (t.wireName.equals(name)) return t;
        }
        throw new IllegalArgumentException("unknown chunk type '" + name + "'");
    }
}
