package io.revtops.agent;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a message to Penny came from (shapes the system prompt and the tools offered; stored as the conversation's source). */
public enum TurnSource {
    WEB, SLACK_DM, SLACK_MENTION, SLACK_THREAD, WORKFLOW, CLI;

    @JsonValue
    public String dbValue() {
        return name().toLowerCase();
    }

    public static TurnSource fromDb(String value) {
        return valueOf(value.toUpperCase());
    }

    /** The source as the system prompt says it. */
    public String describe() {
        return switch (this) {
            case WEB -> "the Revtops web app";
            case SLACK_DM -> "a Slack direct message";
            case SLACK_MENTION -> "an @mention in a Slack channel";
            case SLACK_THREAD -> "a Slack thread";
            case WORKFLOW -> "an automated workflow run (no person is watching live)";
            case CLI -> "the command line (`revtops ask`)";
        };
    }
}
