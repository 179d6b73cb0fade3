package io.revtops.agent;

import io.revtops.agent.model.CancellationToken;
import io.revtops.agent.model.ModelSetup;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.tenancy.Identity;
import io.revtops.tenancy.SignIn;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code revtops ask "question"}: one answer in the terminal, streamed, with a progress line per tool. The question
 * and answer are saved as a conversation (source cli) of the local user ({@code REVTOPS_USER_EMAIL}).
 */
@Component
public class AskCommand {
    /** Exit code when no model is configured. */
    public static final int NOT_CONFIGURED = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ModelSetup setup;
    private final TurnLoop loop;
    private final TenantTx tx;
    private final SignIn signIn;

    public AskCommand(ModelSetup setup, TurnLoop loop, TenantTx tx, SignIn signIn) {
        this.setup = setup;
        this.loop = loop;
        this.tx = tx;
        this.signIn = signIn;
    }

    /** Answers {@code question} for {@code email} on {@code out}; returns the process exit code. */
    public int run(String question, String email, PrintStream out, PrintStream err) {
        if (setup instanceof ModelSetup.ModelNotConfigured n) {
            err.println(n.message());
            err.println("Set one of: " + String.join(", ", n.variables()));
            return NOT_CONFIGURED;
        }
        if (question == null || question.isBlank()) {
            err.println("Usage: revtops ask \"your question\"");
            return 2;
        }
        var me = signIn.sync(new Identity("cli|" + UUID.nameUUIDFromBytes(email.getBytes()), email.toLowerCase(), Optional.empty()));
        Tenant tenant = Tenant.of(me.organizations().getFirst().id(), me.user().id());
        UUID conversation = tx.run(tenant, j -> {
            UUID id = j.sql("""
                    INSERT INTO conversations (organization_id, user_id, title, source, last_message_at)
                    VALUES (:o, :u, :t, 'cli', now()) RETURNING id
                    """).param("o", tenant.orgId()).param("u", me.user().id())
                    .param("t", question.length() > 80 ? question.substring(0, 80) + "…" : question).query(UUID.class).single();
            j.sql("""
                    INSERT INTO chat_messages (organization_id, conversation_id, user_id, role, content_blocks)
                    VALUES (:o, :c, :u, 'user', CAST(:b AS jsonb))
                    """).param("o", tenant.orgId()).param("c", id).param("u", me.user().id())
                    .param("b", JSON.writeValueAsString(List.of(Map.of("type", "text", "text", question)))).update();
            return id;
        });
        AtomicReference<UUID> messageId = new AtomicReference<>();
        java.util.Set<Object> hidden = java.util.concurrent.ConcurrentHashMap.newKeySet();
        TurnSink sink = new TurnSink() {
            @Override
            public void emit(String type, Map<String, Object> data) {
                switch (type) {
                    case "text_delta" -> {
                        out.print(data.getOrDefault("text", ""));
                        out.flush();
                    }
                    case "tool_call" -> {
                        if (Boolean.TRUE.equals(data.get("hidden"))) hidden.add(data.get("id"));
                        else out.println("\n  → " + data.get("status_text"));
                    }
                    case "tool_result" -> {
                        if (!hidden.contains(data.get("id"))) out.println("  " + ("completed".equals(data.get("status"))
                            ? "✓ " + data.getOrDefault("summary", "done") : "✗ " + data.getOrDefault("error", "failed")));
                    }
                    default -> { }
                }
            }

            @Override
            public void saveAssistantMessage(List<Map<String, Object>> blocks) {
                String json = JSON.writeValueAsString(blocks);
                tx.execute(tenant, j -> {
                    if (messageId.get() == null) {
                        messageId.set(j.sql("""
                                INSERT INTO chat_messages (organization_id, conversation_id, role, content_blocks)
                                VALUES (:o, :c, 'assistant', CAST(:b AS jsonb)) RETURNING id
                                """).param("o", tenant.orgId()).param("c", conversation).param("b", json).query(UUID.class).single());
                    } else {
                        j.sql("UPDATE chat_messages SET content_blocks = CAST(:b AS jsonb), updated_at = now() WHERE id = :id")
                                .param("b", json).param("id", messageId.get()).update();
                    }
                });
            }
        };
        CancellationToken cancel = new CancellationToken();
        Runtime.getRuntime().addShutdownHook(new Thread(cancel::cancel));
        TurnOutcome outcome = loop.run(new TurnRequest(tenant, conversation, UUID.randomUUID(), question, TurnSource.CLI,
                Optional.of(ZoneId.systemDefault()), Optional.empty(), Optional.empty()), sink, cancel);
        out.println();
        return switch (outcome.status()) {
            case COMPLETED -> 0;
            case CANCELLED -> 130;
            case FAILED -> 1;
        };
    }
}
