package io.revtops.agent;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a message to Penny came from; it changes the prompt and which tools are offered. */
public enum TurnSource {
    @JsonProperty("web") WEB,
    @JsonProperty("slack_dm") SLACK_DM,
    @JsonProperty("slack_mention") SLACK_MENTION,
    @JsonProperty("slack_thread") SLACK_THREAD,
    @JsonProperty("workflow") WORKFLOW,
    @JsonProperty("cli") CLI;

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
