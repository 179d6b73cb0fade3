package io.revtops.tenancy;

import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.Views.OrganizationView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Organizations: create one, find a team by email domain, read the current one. */
@RestController
@RequestMapping("/api/organizations")
@Tag(name = "organizations")
public class OrganizationController {
    static final String HANDLE = "^[a-z0-9][a-z0-9-]{1,62}$";
    static final String DOMAIN = "^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";

    private final SignIn signIn;
    private final TenantTx tx;
    private final OrganizationRepository orgs;

    public OrganizationController(SignIn signIn, TenantTx tx, OrganizationRepository orgs) {
        this.signIn = signIn;
        this.tx = tx;
        this.orgs = orgs;
    }

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
    @Operation(summary = "The organization named by X-Organization-Id")
    public OrganizationView current(RequestContext ctx) {
        return tx.run(ctx.tenant(), j -> orgs.byId(j, ctx.orgId()))
                .orElseThrow(() -> new ApiException.NotFound("Organization"));
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
