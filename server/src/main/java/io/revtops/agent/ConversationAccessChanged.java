package io.revtops.agent;

import java.util.UUID;

/**
 * Application event: who may see a conversation changed (participant removed, scope narrowed, conversation
 * deleted). Live streams to people who lost access must stop at once.
 */
public record ConversationAccessChanged(UUID orgId, UUID conversationId) {}
