package io.revtops.memory;

import io.revtops.memory.Memory.Scope;
import io.revtops.platform.audit.ActionLedger;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The rules of SPEC §8 for memories, shared by the REST API and the agent's manage_memory tool: anyone saves
 * their own; only the creator changes or deletes one; a global command is at most 1 000 characters.
 */
@Service
public class Memories {
    private final TenantTx tx;
    private final MemoryRepository repo;
    private final ActionLedger ledger;

    public Memories(TenantTx tx, MemoryRepository repo, ActionLedger ledger) {
        this.tx = tx;
        this.repo = repo;
        this.ledger = ledger;
    }

    /** What to save: scope, text, and the role or channel it belongs to when the scope needs one. */
    public record NewMemory(Scope scope, String content, Optional<String> roleName, Optional<String> channelId) {}

    public Memory save(Tenant tenant, NewMemory m, String actor) {
        UUID user = tenant.userId().orElseThrow(() -> new ApiException.Forbidden("user_required", "Memories belong to a user"));
        String content = checkedContent(m.scope(), m.content());
        if (m.scope() == Scope.ROLE && m.roleName().map(String::isBlank).orElse(true)) {
            throw new ApiException.InvalidInput("role_required", "A role memory needs the role it applies to (role_name)");
        }
        if (m.scope() == Scope.CHANNEL && m.channelId().map(String::isBlank).orElse(true)) {
            throw new ApiException.InvalidInput("channel_required", "A channel memory needs the Slack channel id (channel_id)");
        }
        return tx.run(tenant, j -> {
            Memory saved = repo.insert(j, tenant.orgId(), user, m.scope(), m.roleName().orElse(null), m.channelId().orElse(null), content);
            ledger.record(j, new ActionLedger.Entry(tenant.orgId(), tenant.userId(), actor, "memory.saved", "memory:" + saved.id(),
                    Map.of("scope", m.scope().db()), Map.of("id", saved.id().toString()), "completed"));
            return saved;
        });
    }

    public Memory update(Tenant tenant, UUID id, String content, String actor) {
        return tx.run(tenant, j -> {
            Memory existing = ownMemory(j, tenant, id);
            String checked = checkedContent(existing.scope(), content);
            repo.update(j, id, checked);
            ledger.record(j, new ActionLedger.Entry(tenant.orgId(), tenant.userId(), actor, "memory.updated", "memory:" + id,
                    Map.of("content_chars", existing.content().length()), Map.of("content_chars", checked.length()), "completed"));
            return repo.get(j, id).orElseThrow();
        });
    }

    public void delete(Tenant tenant, UUID id, String actor) {
        tx.execute(tenant, j -> {
            ownMemory(j, tenant, id);
            repo.delete(j, id);
            ledger.record(j, new ActionLedger.Entry(tenant.orgId(), tenant.userId(), actor, "memory.deleted", "memory:" + id,
                    Map.of(), Map.of(), "completed"));
        });
    }

    public List<Memory> visible(Tenant tenant) {
        return tx.run(tenant, repo::visible);
    }

    /** The memories for this user's next prompt: their own, their role's and the channel's personality. */
    public List<Memory> forPrompt(Tenant tenant, Optional<String> role, Optional<String> channelId) {
        if (tenant.userId().isEmpty()) return List.of();
        return tx.run(tenant, j -> repo.applicable(j, tenant.userId().get(), role, channelId));
    }

    private Memory ownMemory(org.springframework.jdbc.core.simple.JdbcClient j, Tenant tenant, UUID id) {
        Memory existing = repo.get(j, id).orElseThrow(() -> new ApiException.NotFound("Memory " + id));
        if (tenant.userId().map(u -> !u.equals(existing.userId())).orElse(true)) {
            throw new ApiException.Forbidden("not_creator", "Only the person who saved a memory may change or delete it");
        }
        return existing;
    }

    static String checkedContent(Scope scope, String content) {
        String c = content == null ? "" : content.strip();
        if (c.isEmpty()) throw new ApiException.InvalidInput("empty_memory", "A memory needs some text");
        int limit = scope == Scope.GLOBAL_COMMAND ? Memory.GLOBAL_COMMAND_LIMIT : Memory.MEMORY_LIMIT;
        if (c.length() > limit) {
            throw new ApiException.InvalidInput("memory_too_long", (scope == Scope.GLOBAL_COMMAND ? "A global command" : "A memory")
                    + " may be at most " + limit + " characters (this one has " + c.length() + ")");
        }
        return c;
    }
}
