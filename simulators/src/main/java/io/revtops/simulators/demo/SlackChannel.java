package io.revtops.simulators.demo;

import java.time.Instant;
import java.util.List;

/** A public Slack channel of the demo workspace. */
public record SlackChannel(String id, String name, String topic, String purpose, List<String> memberIds, Instant createdAt) {
}
