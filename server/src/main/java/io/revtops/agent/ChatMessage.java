package io.revtops.agent;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One message of a conversation with its ordered content blocks exactly as stored. */
public record ChatMessage(UUID id, UUID conversationId, Optional<UUID> userId, String role, JsonNode contentBlocks,
                          Instant createdAt, Instant updatedAt) {}
