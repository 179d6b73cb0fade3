package io.revtops.agent.conversations;

import io.revtops.agent.ChatMessage;
import io.revtops.agent.ConversationAccessChanged;
import io.revtops.agent.ConversationScope;
import io.revtops.agent.ConversationSummary;
import io.revtops.agent.TurnSource;
import io.revtops.agent.conversations.ConversationRepository.Participant;
import io.revtops.platform.audit.ActionLedger;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Conversations with Penny: list, create, read with messages, rename, change scope, delete, participants, and the
 * chat history. Visibility is row-level security's: a conversation the caller may not see is answered with 404.
 */
@RestController
@RequestMapping("/api")
@Tag(name = "conversations", description = "Conversations, their messages and participants")
public class ConversationController {
    static final int MAX_TITLE = 200;
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final int MAX_MESSAGES = 1000;

    private final TenantTx tx;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ActionLedger ledger;
    private final ApplicationEventPublisher events;

    public ConversationController(TenantTx tx, ConversationRepository conversations, MessageRepository messages,
                                  ActionLedger ledger, ApplicationEventPublisher events) {
        this.tx = tx;
        this.conversations = conversations;
        this.messages = messages;
        this.ledger = ledger;
        this.events = events;
    }

    /** Body for creating a conversation. */
    public record CreateConversation(@Size(max = MAX_TITLE) String title, ConversationScope scope) {}

    /** Body for renaming a conversation or changing its scope; absent fields stay as they are. */
    public record UpdateConversation(@Size(max = MAX_TITLE) String title, ConversationScope scope) {}

    /** Body for adding a participant. */
    public record AddParticipant(@NotNull UUID userId) {}

    /** One page of conversations; pass {@code next_before} as {@code before} for the next page. */
    public record ConversationPage(List<ConversationSummary> conversations, Optional<UUID> nextBefore) {}

    /** A conversation with its messages (oldest first), participants and the tasks still answering in it. */
    public record ConversationDetail(UUID id, Optional<String> title, ConversationScope scope, TurnSource source,
                                     UUID ownerId, Instant createdAt, Instant updatedAt, Optional<Instant> lastMessageAt,
                                     List<ChatMessage> messages, List<Participant> participants,
                                     List<UUID> runningTaskIds) {}

    /** The last messages of a conversation, newest last. */
    public record ChatHistory(UUID conversationId, List<ChatMessage> messages) {}

    @GetMapping("/conversations")
    @Operation(summary = "Conversations the caller sees (own, shared, participating), newest activity first",
            description = "Filters: scope=private|shared, q= (title contains, case-insensitive). Paging: limit (1-200, "
                    + "default 50) and before= the next_before of the previous page.")
    public ConversationPage list(RequestContext ctx,
                                 @RequestParam(required = false) String scope,
                                 @RequestParam(required = false) String q,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) UUID before) {
        Optional<ConversationScope> scopeFilter = Optional.ofNullable(scope).map(s -> ConversationScope.parse(s)
                .orElseThrow(() -> new ApiException.InvalidInput("invalid_parameter", "Parameter 'scope' must be private or shared")));
        if (q != null && q.length() > MAX_TITLE) {
            throw new ApiException.InvalidInput("invalid_parameter", "Parameter 'q' must be at most " + MAX_TITLE + " characters");
        }
        int size = pageSize(limit, DEFAULT_PAGE, MAX_PAGE);
        Optional<String> title = Optional.ofNullable(q).map(String::trim).filter(s -> !s.isEmpty());
        return tx.run(ctx.tenant(), j -> {
            if (before != null && conversations.find(j, before).isEmpty()) {
                throw new ApiException.InvalidInput("invalid_parameter", "Parameter 'before' is not a conversation you can see");
            }
            List<ConversationSummary> page = conversations.list(j, scopeFilter, title, Optional.ofNullable(before), size);
            Optional<UUID> next = page.size() == size ? Optional.of(page.getLast().id()) : Optional.empty();
            return new ConversationPage(page, next);
        });
    }

    @PostMapping("/conversations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start a conversation (private unless scope=shared)")
    public ConversationSummary create(RequestContext ctx, @Valid @RequestBody(required = false) CreateConversation body) {
        Optional<String> title = Optional.ofNullable(body).map(CreateConversation::title).map(String::trim).filter(s -> !s.isEmpty());
        ConversationScope scope = body == null || body.scope() == null ? ConversationScope.PRIVATE : body.scope();
        return tx.run(ctx.tenant(), j -> {
            ConversationSummary created = conversations.create(j, ctx.orgId(), ctx.userId(), title, scope, TurnSource.WEB);
            record(j, ctx, "conversation.created", created.id(), Map.of(), Map.of("scope", scope.dbValue()));
            return created;
        });
    }

    @GetMapping("/conversations/{id}")
    @Operation(summary = "A conversation with its messages (oldest first, at most the last 1000), participants and running tasks")
    public ConversationDetail get(RequestContext ctx, @PathVariable UUID id) {
        return tx.run(ctx.tenant(), j -> {
            ConversationSummary c = visible(j, id);
            List<UUID> running = conversations.runningTaskIds(j, id);
            return new ConversationDetail(c.id(), c.title(), c.scope(), c.source(), c.ownerId(), c.createdAt(),
                    c.updatedAt(), c.lastMessageAt(), messages.latest(j, id, MAX_MESSAGES),
                    conversations.participants(j, id), running);
        });
    }

    @PatchMapping("/conversations/{id}")
    @Operation(summary = "Rename a conversation, or change its scope (owner only)")
    public ConversationSummary update(RequestContext ctx, @PathVariable UUID id, @Valid @RequestBody UpdateConversation body) {
        Optional<String> title = Optional.ofNullable(body.title()).map(String::trim);
        if (title.isPresent() && title.get().isEmpty()) {
            throw new ApiException.InvalidInput("invalid_input", "Field 'title' must not be blank");
        }
        boolean narrowed = tx.run(ctx.tenant(), j -> {
            ConversationSummary before = conversations.findForUpdate(j, id)
                    .orElseThrow(() -> new ApiException.NotFound("Conversation " + id));
            Map<String, Object> was = new LinkedHashMap<>();
            Map<String, Object> now = new LinkedHashMap<>();
            if (body.scope() != null && body.scope() != before.scope()) {
                if (!before.ownerId().equals(ctx.userId())) {
                    throw new ApiException.Forbidden("owner_only", "Only the conversation's owner may change its scope");
                }
                conversations.changeScope(j, id, body.scope());
                was.put("scope", before.scope().dbValue());
                now.put("scope", body.scope().dbValue());
            }
            if (title.isPresent() && !title.equals(before.title())) {
                conversations.rename(j, id, title.get());
                was.put("title", before.title().orElse(""));
                now.put("title", title.get());
            }
            if (!now.isEmpty()) record(j, ctx, "conversation.updated", id, was, now);
            return before.scope() == ConversationScope.SHARED && body.scope() == ConversationScope.PRIVATE;
        });
        if (narrowed) events.publishEvent(new ConversationAccessChanged(ctx.orgId(), id));
        return tx.run(ctx.tenant(), j -> visible(j, id));
    }

    @DeleteMapping("/conversations/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a conversation with its messages (owner only); running answers stop")
    public void delete(RequestContext ctx, @PathVariable UUID id) {
        tx.execute(ctx.tenant(), j -> {
            ConversationSummary c = visible(j, id);
            if (!c.ownerId().equals(ctx.userId())) {
                throw new ApiException.Forbidden("owner_only", "Only the conversation's owner may delete it");
            }
            record(j, ctx, "conversation.deleted", id, Map.of("title", c.title().orElse(""), "scope", c.scope().dbValue()), Map.of());
            conversations.delete(j, id);
        });
        events.publishEvent(new ConversationAccessChanged(ctx.orgId(), id));
    }

    @PostMapping("/conversations/{id}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an active member of the organization to a conversation")
    public List<Participant> addParticipant(RequestContext ctx, @PathVariable UUID id, @Valid @RequestBody AddParticipant body) {
        return tx.run(ctx.tenant(), j -> {
            ConversationSummary c = visible(j, id);
            if (!conversations.isActiveMember(j, body.userId())) {
                throw new ApiException.InvalidInput("not_a_member", "That user is not an active member of this organization");
            }
            if (c.ownerId().equals(body.userId())) {
                throw new ApiException.InvalidInput("already_owner", "That user owns this conversation");
            }
            conversations.addParticipant(j, ctx.orgId(), id, body.userId());
            record(j, ctx, "conversation.participant_added", id, Map.of(), Map.of("user_id", body.userId().toString()));
            return conversations.participants(j, id);
        });
    }

    @DeleteMapping("/conversations/{id}/participants/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a participant (the owner removes anyone, a participant removes themselves); access ends at once")
    public void removeParticipant(RequestContext ctx, @PathVariable UUID id, @PathVariable UUID userId) {
        tx.execute(ctx.tenant(), j -> {
            ConversationSummary c = visible(j, id);
            if (!c.ownerId().equals(ctx.userId()) && !userId.equals(ctx.userId())) {
                throw new ApiException.Forbidden("owner_only", "Only the owner may remove other participants");
            }
            if (!conversations.removeParticipant(j, id, userId)) {
                throw new ApiException.NotFound("Participant " + userId);
            }
            record(j, ctx, "conversation.participant_removed", id, Map.of("user_id", userId.toString()), Map.of());
        });
        events.publishEvent(new ConversationAccessChanged(ctx.orgId(), id));
    }

    @GetMapping("/chat/history")
    @Operation(summary = "The last messages of a conversation, newest last (limit 1-500, default 50)")
    public ChatHistory history(RequestContext ctx, @RequestParam("conversation_id") UUID conversationId,
                               @RequestParam(required = false) Integer limit) {
        int size = pageSize(limit, 50, 500);
        return tx.run(ctx.tenant(), j -> {
            visible(j, conversationId);
            return new ChatHistory(conversationId, messages.latest(j, conversationId, size));
        });
    }

    private ConversationSummary visible(JdbcClient j, UUID id) {
        return conversations.find(j, id).orElseThrow(() -> new ApiException.NotFound("Conversation " + id));
    }

    private static int pageSize(Integer limit, int fallback, int max) {
        if (limit == null) return fallback;
        if (limit < 1 || limit > max) {
            throw new ApiException.InvalidInput("invalid_parameter", "Parameter 'limit' must be between 1 and " + max);
        }
        return limit;
    }

    private void record(JdbcClient j, RequestContext ctx, String action, UUID conversationId, Map<String, ?> intent,
                        Map<String, ?> outcome) {
        ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", action,
                "conversation:" + conversationId, intent, outcome, "completed"));
    }
}
