package io.revtops.tenancy;

import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.platform.audit.ActionLedger;
import io.revtops.tenancy.Views.CurrentOrganization;
import io.revtops.tenancy.Views.OrganizationView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Organizations: create one, find a team by email domain, read the current one, change its name and settings. */
@RestController
@RequestMapping("/api/organizations")
@Tag(name = "organizations")
public class OrganizationController {
    static final String HANDLE = "^[a-z0-9][a-z0-9-]{1,62}$";
    static final String DOMAIN = "^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";

    private final SignIn signIn;
    private final TenantTx tx;
    static final Set<String> LLM_PROVIDERS = Set.of("anthropic", "openai", "scripted");

    private final OrganizationRepository orgs;
    private final ActionLedger ledger;

    public OrganizationController(SignIn signIn, TenantTx tx, OrganizationRepository orgs, ActionLedger ledger) {
        this.signIn = signIn;
        this.tx = tx;
        this.orgs = orgs;
        this.ledger = ledger;
    }

    /** Settings an admin may change; absent ones stay as they are, an empty model clears it. */
    public record SettingsChange(@Size(max = 40) String llmProvider, @Size(max = 200) String model) {}

    /** Body of {@code PATCH /api/organizations/current}. */
    public record UpdateOrganization(@Size(max = 200) String name, @Valid SettingsChange settings) {}

    /** Body for creating an organization. */
    public record CreateOrganization(
            @NotBlank @Size(max = 200) String name,
            @Pattern(regexp = HANDLE, message = "must be 2-63 lower-case letters, digits or dashes") String handle,
            @Pattern(regexp = DOMAIN, message = "must be a domain name such as example.com") String emailDomain) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an organization; the caller becomes its admin")
    public OrganizationView create(SignedInUser user, @Valid @RequestBody CreateOrganization body) {
        return signIn.createOrganization(user.id(), body.name().trim(), body.handle(), body.emailDomain());
    }

    @GetMapping("/by-domain/{domain}")
    @Operation(summary = "The team organization that owns an email domain")
    public OrganizationView byDomain(SignedInUser user, @PathVariable String domain) {
        String d = domain.trim().toLowerCase();
        if (!d.matches(DOMAIN)) {
            throw new ApiException.InvalidInput("invalid_domain", "'" + abbreviate(domain) + "' is not a domain name");
        }
        // system lookup: the caller is not a member of the organization they are looking for
        return tx.system("organization by domain", j -> orgs.byDomain(j, d))
                .orElseThrow(() -> new ApiException.NotFound("An organization for " + d));
    }

    @GetMapping("/current")
    @Operation(summary = "The organization named by X-Organization-Id, with its settings")
    public CurrentOrganization current(RequestContext ctx) {
        return tx.run(ctx.tenant(), j -> orgs.current(j, ctx.orgId()))
                .orElseThrow(() -> new ApiException.NotFound("Organization"));
    }

    @PatchMapping("/current")
    @Operation(summary = "Rename the organization or change its model settings (llm_provider: anthropic | openai | "
            + "scripted; model); admins only")
    public CurrentOrganization update(RequestContext ctx, @Valid @RequestBody UpdateOrganization body) {
        if (!ctx.isAdmin()) throw new ApiException.Forbidden("admin_only", "Only an administrator may change the organization's settings");
        Optional<String> name = Optional.ofNullable(body.name()).map(String::trim);
        if (name.isPresent() && name.get().isEmpty()) {
            throw new ApiException.InvalidInput("invalid_input", "Field 'name' must not be blank");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        if (body.settings() != null) {
            Optional.ofNullable(body.settings().llmProvider()).map(String::trim).ifPresent(p -> {
                if (!LLM_PROVIDERS.contains(p)) {
                    throw new ApiException.InvalidInput("invalid_provider", "Field 'llm_provider' must be one of anthropic, openai, scripted");
                }
                settings.put("llm_provider", p);
            });
            Optional.ofNullable(body.settings().model()).map(String::trim)
                    .ifPresent(m -> settings.put("model", m.isEmpty() ? null : m));
        }
        return tx.run(ctx.tenant(), j -> {
            CurrentOrganization before = orgs.current(j, ctx.orgId()).orElseThrow(() -> new ApiException.NotFound("Organization"));
            orgs.update(j, ctx.orgId(), name, settings);
            CurrentOrganization after = orgs.current(j, ctx.orgId()).orElseThrow();
            Map<String, Object> was = new LinkedHashMap<>();
            Map<String, Object> now = new LinkedHashMap<>();
            if (name.isPresent()) {
                was.put("name", before.name());
                now.put("name", after.name());
            }
            settings.keySet().forEach(k -> {
                was.put(k, String.valueOf(before.settings().get(k)));
                now.put(k, String.valueOf(after.settings().get(k)));
            });
            ledger.record(j, new ActionLedger.Entry(ctx.orgId(), Optional.of(ctx.userId()), "user", "organization.updated",
                    "organization:" + ctx.orgId(), was, now, "completed"));
            return after;
        });
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
