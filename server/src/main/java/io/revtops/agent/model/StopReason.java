package io.revtops.agent.model;

/** Why the model stopped producing its turn, normalized across providers. */
public enum StopReason {
    /** The model finished its answer. */
    END_TURN("end_turn"),
    /** The model wants tools called and their results returned. */
    TOOL_USE("tool_use"),
    /** The output hit {@code maxTokens} (or the context window) and was cut off. */
    MAX_TOKENS("max_tokens"),
    /** A configured stop sequence was produced. */
    STOP_SEQUENCE("stop_sequence"),
    /** The model declined (Anthropic {@code refusal}, OpenAI {@code content_filter}). */
    REFUSAL("refusal"),
    /** Anything else a provider reports (e.g. Anthropic {@code pause_turn}). */
    OTHER("other");

    private final String wireName;

    StopReason(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in scripts, logs and persisted messages. */
    public String wireName() {
        return wireName;
    }

    /** Parses a {@link #wireName()} (case-insensitive); unknown names become {@link #OTHER}. */
    public static StopReason fromWireName(String name) {
        for (StopReason reason : values()) {
            if (reason.wireName.equalsIgnoreCase(name)) {
                return reason;
            }
        }
        return OTHER;
    }
}
