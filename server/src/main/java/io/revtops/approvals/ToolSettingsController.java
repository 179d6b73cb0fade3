package io.revtops.approvals;

import io.revtops.approvals.store.ToolPolicyRepository;
import io.revtops.approvals.store.ToolPolicyRepository.Setting;
import io.revtops.connectors.Actionable;
import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.Writable;
import io.revtops.platform.audit.ActionLedger;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Tool approvals settings: each user's opt-in auto-approvals ({@code user_tool_settings}) and the organization's deny
 * list ({@code org_tool_policies}, admins only). Keys are {@link ToolKey}s; see docs/approvals.md.
 */
@RestController
public class ToolSettingsController {
    private final TenantTx tx;
    private final ToolPolicyRepository policies;
    private final ConnectorRegistry registry;
    private final ActionLedger ledger;

    public ToolSettingsController(TenantTx tx, ToolPolicyRepository policies, ConnectorRegistry registry, ActionLedger ledger) {
        this.tx = tx;
        this.policies = policies;
        this.registry = registry;
        this.ledger = ledger;
    }

    /** A user's settings, the organization's denials and every key the installed connectors offer. */
    public record ToolSettingsView(List<Setting> autoApprove, List<Setting> denied, List<String> availableKeys) {}

    @GetMapping("/api/tool-settings")
    @Operation(summary = "Your auto-approved tool keys, the organization's denied ones, and the keys on offer")
    public ToolSettingsView settings(RequestContext ctx) {
        return tx.run(ctx.tenant(), j -> new ToolSettingsView(policies.userSettings(j, ctx.userId()),
                policies.orgPolicies(j), availableKeys()));
    }

    @PutMapping("/api/tool-settings/{tool}")
    @Operation(summary = "Auto-approve (or stop auto-approving) a tool key for yourself: {auto_approve: true|false}")
    public Setting setAutoApprove(RequestContext ctx, @PathVariable String tool, @RequestBody JsonNode body) {
        String key = ToolKey.validSetting(tool);
        boolean value = flag(body, "auto_approve");
        tx.execute(ctx.tenant(), j -> {
            policies.setAutoApprove(j, ctx.orgId(), ctx.userId(), key, value);
            ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", "tool_setting.changed", key,
                    Map.of("auto_approve", value), Map.of(), "completed"));
        });
        return new Setting(key, value);
    }

    @GetMapping("/api/tool-policies")
    @Operation(summary = "The organization's denied tool keys")
    public List<Setting> orgPolicies(RequestContext ctx) {
        return tx.run(ctx.tenant(), policies::orgPolicies);
    }

    @PutMapping("/api/tool-policies/{tool}")
    @Operation(summary = "Deny (or allow again) a tool key for the whole organization (admins): {denied: true|false}")
    public Setting setDenied(RequestContext ctx, @PathVariable String tool, @RequestBody JsonNode body) {
        if (!ctx.isAdmin()) throw new ApiException.Forbidden("admin_only", "Only an admin may change the organization's tool policies");
        String key = ToolKey.validSetting(tool);
        boolean value = flag(body, "denied");
        tx.execute(ctx.tenant(), j -> {
            policies.setDenied(j, ctx.orgId(), key, value);
            ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", "tool_policy.changed", key,
                    Map.of("denied", value), Map.of(), "completed"));
        });
        return new Setting(key, value);
    }

    private List<String> availableKeys() {
        List<String> keys = new ArrayList<>(List.of("write_to_system", "run_action", "trigger_sync", "run_sql_write"));
        registry.all().forEach(c -> {
            if (c instanceof Writable) c.meta().writes().forEach(o -> keys.add(ToolKey.of("write_to_system", c.meta().slug(), o.name()).canonical()));
            if (c instanceof Actionable) c.meta().actions().stream().filter(o -> !o.readOnly())
                    .forEach(o -> keys.add(ToolKey.of("run_action", c.meta().slug(), o.name()).canonical()));
        });
        ToolKey.ALIASES.keySet().stream().sorted().forEach(a -> keys.add("run_action:" + a));
        return keys;
    }

    private static boolean flag(JsonNode body, String name) {
        if (body == null || !body.isObject()) throw new ApiException.InvalidInput("invalid_input", "Send {\"" + name + "\": true|false}");
        for (String field : body.propertyNames()) {
            if (!field.equals(name)) throw new ApiException.InvalidInput("invalid_input", "Unknown field '" + field + "'");
        }
        JsonNode v = body.get(name);
        if (v == null || !v.isBoolean()) throw new ApiException.InvalidInput("invalid_input", "Field '" + name + "' must be true or false");
        return v.asBoolean();
    }
}
