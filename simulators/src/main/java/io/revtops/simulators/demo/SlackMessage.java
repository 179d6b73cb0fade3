package io.revtops.simulators.demo;

import java.time.Instant;
import java.util.Optional;

/** A Slack message; {@code threadParentId} is set for replies. */
public record SlackMessage(String id, String channelId, String userId, String text, Instant at, Optional<String> threadParentId) {
}
