package io.revtops.tenancy;

import io.revtops.platform.audit.ActionLedger;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.Views.MemberView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Members of the current organization: list for everyone; role changes and deactivation for admins. */
@RestController
@RequestMapping("/api/members")
@Tag(name = "members")
public class MemberController {
    private final TenantTx tx;
    private final MemberRepository members;
    private final ActionLedger ledger;

    public MemberController(TenantTx tx, MemberRepository members, ActionLedger ledger) {
        this.tx = tx;
        this.members = members;
        this.ledger = ledger;
    }

    /** Body for a role change. */
    public record RoleChange(@NotNull Role role) {}

    @GetMapping
    @Operation(summary = "Members of the current organization")
    public List<MemberView> list(RequestContext ctx) {
        return tx.run(ctx.tenant(), members::list);
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Change a member's role (admins only)")
    public MemberView changeRole(RequestContext ctx, @PathVariable UUID userId, @Valid @RequestBody RoleChange body) {
        requireAdmin(ctx);
        return tx.run(ctx.tenant(), j -> {
            MemberView before = existing(j, userId);
            if (before.role().equals("admin") && body.role() != Role.ADMIN) keepOneAdmin(j);
            members.setRole(j, userId, body.role());
            record(j, ctx, "member.role_changed", userId, Map.of("role", before.role()), Map.of("role", body.role().dbValue()));
            return existing(j, userId);
        });
    }

    @PostMapping("/{userId}/deactivate")
    @Operation(summary = "Deactivate a member (admins only); they lose access at once")
    public MemberView deactivate(RequestContext ctx, @PathVariable UUID userId) {
        requireAdmin(ctx);
        return tx.run(ctx.tenant(), j -> {
            MemberView before = existing(j, userId);
            if (before.role().equals("admin") && before.status().equals("active")) keepOneAdmin(j);
            members.setStatus(j, userId, "deactivated");
            record(j, ctx, "member.deactivated", userId, Map.of("status", before.status()), Map.of("status", "deactivated"));
            return existing(j, userId);
        });
    }

    private MemberView existing(JdbcClient j, UUID userId) {
        return members.get(j, userId).orElseThrow(() -> new ApiException.NotFound("Member " + userId));
    }

    private void keepOneAdmin(JdbcClient j) {
        if (members.activeAdmins(j) <= 1) {
            throw new ApiException.Conflict("last_admin", "An organization needs at least one active admin; promote someone else first");
        }
    }

    private static void requireAdmin(RequestContext ctx) {
        if (!ctx.isAdmin()) throw new ApiException.Forbidden("admin_only", "Only admins of this organization may do this");
    }

    private void record(JdbcClient j, RequestContext ctx, String action, UUID target, Map<String, ?> before, Map<String, ?> after) {
        ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", action,
                "user:" + target, before, after, "completed"));
    }
}
