package io.revtops.agent;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a message to Penny came from (shapes the system prompt; stored as the conversation's source). */
public enum TurnSource {
    WEB, SLACK_DM, SLACK_MENTION, SLACK_THREAD, WORKFLOW, CLI;

    @JsonValue
    public String dbValue() {
        return name().toLowerCase();
    }

    public static TurnSource fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
