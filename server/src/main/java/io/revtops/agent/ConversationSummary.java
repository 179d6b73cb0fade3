package io.revtops.agent;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A conversation as lists show it: title, scope, where it started, its owner and when it last moved. */
public record ConversationSummary(UUID id, Optional<String> title, ConversationScope scope, TurnSource source,
                                  UUID ownerId, Instant createdAt, Instant updatedAt, Optional<Instant> lastMessageAt) {}
