package io.revtops.tenancy;

import io.revtops.platform.db.TenantTx;
import io.revtops.tenancy.Views.Me;
import io.revtops.tenancy.Views.OrganizationView;
import io.revtops.tenancy.Views.UserView;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * First and later sign-ins: finds or creates the user; the first sign-in of a new work-email domain creates the
 * organization (creator = admin), later ones join it; personal-email domains get a personal workspace.
 */
@Service
public class SignIn {
    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    /** Mail providers whose domain says nothing about the employer. */
    static final Set<String> PERSONAL_DOMAINS = Set.of(
            "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "hotmail.com", "outlook.com",
            "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
            "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "yandex.com", "yandex.ru", "mail.com", "mail.ru",
            "zoho.com", "fastmail.com", "hey.com", "qq.com", "163.com", "126.com", "tutanota.com");

    private final TenantTx tx;
    private final UserRepository users;
    private final OrganizationRepository orgs;
    private final MemberRepository members;
    private final Map<String, UUID> userIdBySubject = new ConcurrentHashMap<>();

    public SignIn(TenantTx tx, UserRepository users, OrganizationRepository orgs, MemberRepository members) {
        this.tx = tx;
        this.users = users;
        this.orgs = orgs;
        this.members = members;
    }

    /** The user id for a verified identity, creating user and organization on first sight. */
    public UUID userId(Identity identity) {
        UUID cached = userIdBySubject.get(identity.subject());
        if (cached != null) return cached;
        UUID id = sync(identity).user().id();
        userIdBySubject.put(identity.subject(), id);
        return id;
    }

    /** Makes sure the user exists and belongs to at least one organization; returns who they are. */
    public Me sync(Identity identity) {
        // system work: a new user has no organization yet, and joining by domain looks across organizations
        return tx.system("sign-in", j -> {
            UserView user = users.bySubject(j, identity.subject())
                    .or(() -> users.byEmail(j, identity.email()).map(u -> {
                        users.linkSubject(j, u.id(), identity.subject());
                        return u;
                    }))
                    .orElseGet(() -> users.create(j, identity.email(), identity.displayName(), identity.subject()));
            if (members.membershipsOf(j, user.id()).isEmpty()) {
                placeInOrganization(j, user, identity);
            }
            return new Me(user, members.membershipsOf(j, user.id()));
        });
    }

    /** Who the user is, without creating anything. */
    public Me me(UUID userId) {
        return tx.system("who-am-i across organizations", j -> new Me(
                users.byId(j, userId).orElseThrow(() -> new io.revtops.platform.errors.ApiException.NotFound("User")),
                members.membershipsOf(j, userId)));
    }

    /** A new team organization created explicitly by a signed-in user, who becomes its admin. */
    public OrganizationView createOrganization(UUID userId, String name, String handle, String domain) {
        return tx.system("create organization", j -> {
            String h = handle == null ? uniqueHandle(j, name) : handle.toLowerCase(Locale.ROOT);
            if (orgs.handleTaken(j, h)) {
                throw new io.revtops.platform.errors.ApiException.Conflict("handle_taken",
                        "The handle '" + h + "' is taken; choose another");
            }
            OrganizationView org = orgs.create(j, name, h, domain, false);
            members.add(j, org.id(), userId, Role.ADMIN);
            log.info("event=organization_created org_id={} by_user={}", org.id(), userId);
            return org;
        });
    }

    private void placeInOrganization(JdbcClient j, UserView user, Identity identity) {
        String domain = identity.domain();
        if (PERSONAL_DOMAINS.contains(domain)) {
            OrganizationView org = orgs.create(j, identity.displayName() + "'s workspace",
                    uniqueHandle(j, identity.email().substring(0, identity.email().indexOf('@'))), domain, true);
            members.add(j, org.id(), user.id(), Role.ADMIN);
            log.info("event=personal_org_created org_id={} user_id={}", org.id(), user.id());
            return;
        }
        orgs.lockDomain(j, domain);
        var existing = orgs.byDomain(j, domain);
        if (existing.isPresent()) {
            members.add(j, existing.get().id(), user.id(), Role.MEMBER);
            log.info("event=member_joined_by_domain org_id={} user_id={}", existing.get().id(), user.id());
            return;
        }
        OrganizationView org = orgs.create(j, nameFromDomain(domain), uniqueHandle(j, domain.replaceAll("\\.[^.]+$", "")),
                domain, false);
        members.add(j, org.id(), user.id(), Role.ADMIN);
        log.info("event=organization_created_by_domain org_id={} user_id={}", org.id(), user.id());
    }

    static String nameFromDomain(String domain) {
        String base = domain.contains(".") ? domain.substring(0, domain.lastIndexOf('.')) : domain;
        StringBuilder out = new StringBuilder();
        for (String part : base.split("[.\\-_]")) {
            if (part.isEmpty()) continue;
            if (!out.isEmpty()) out.append(' ');
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.isEmpty() ? domain : out.toString();
    }

    private String uniqueHandle(JdbcClient j, String seed) {
        String base = seed.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.length() < 2) base = "team-" + base;
        if (base.length() > 40) base = base.substring(0, 40);
        String candidate = base;
        for (int i = 2; orgs.handleTaken(j, candidate); i++) candidate = base + "-" + i;
        return candidate;
    }
}
