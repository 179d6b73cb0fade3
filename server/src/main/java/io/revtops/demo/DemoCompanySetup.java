package io.revtops.demo;

import io.revtops.connectors.credentials.StoredSecret;
import io.revtops.connectors.http.HttpApiClientFactory;
import io.revtops.connectors.integrations.Integrations;
import io.revtops.connectors.integrations.Integrations.ConnectRequest;
import io.revtops.platform.db.TenantTx;
import io.revtops.simulators.Simulators;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.demo.Employee;
import io.revtops.sync.SyncService;
import io.revtops.tenancy.RequestContext;
import io.revtops.tenancy.Role;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the "Acme demo" organization (its employees as members, HubSpot owners and Salesforce users mapped to them)
 * and connects it to the vendor simulators through the real connectors — HubSpot, Salesforce, Apollo and Slack for
 * the organization, Gmail as the admin's own mailbox — then asks for a sync of everything. Slack members are mapped
 * by the Slack connector's own {@code users} stream. Idempotent: a restart reuses the organization and re-points the
 * same integrations at the simulators (connecting again repairs the existing integration, it never adds one).
 */
@Component
public class DemoCompanySetup {
    private static final Logger log = LoggerFactory.getLogger(DemoCompanySetup.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String DOMAIN = "acme-demo.test";

    private final TenantTx tx;
    private final Integrations integrations;
    private final SyncService sync;
    private final HttpApiClientFactory clients;
    private final DemoProperties props;

    public DemoCompanySetup(TenantTx tx, Integrations integrations, SyncService sync, HttpApiClientFactory clients,
                            DemoProperties props) {
        this.tx = tx;
        this.integrations = integrations;
        this.sync = sync;
        this.clients = clients;
        this.props = props;
    }

    /** What the setup made: the organization, its first admin, and the integrations asked to sync. */
    public record Seeded(UUID orgId, UUID adminUserId, List<SyncService.SyncRequested> syncs) {}

    public Seeded seed(Simulators sims) {
        DemoCompany company = sims.company();
        Map<String, UUID> userByEmail = new HashMap<>();
        // system work: the demo organization and its members are created before anyone signs in
        UUID orgId = tx.system("demo company seed", j -> {
            UUID org = j.sql("SELECT id FROM organizations WHERE lower(email_domain) = :d AND NOT is_personal LIMIT 1")
                    .param("d", DOMAIN).query(UUID.class).optional()
                    .orElseGet(() -> j.sql("INSERT INTO organizations (name, handle, email_domain) VALUES ('Acme demo', :h, :d) RETURNING id")
                            .param("h", "acme-demo-" + UUID.randomUUID().toString().substring(0, 4)).param("d", DOMAIN)
                            .query(UUID.class).single());
            boolean first = true;
            for (Employee e : company.employees()) {
                UUID user = j.sql("SELECT id FROM users WHERE lower(email) = lower(:e)").param("e", e.email()).query(UUID.class).optional()
                        .orElseGet(() -> j.sql("INSERT INTO users (email, name) VALUES (:e, :n) RETURNING id")
                                .param("e", e.email()).param("n", e.name()).query(UUID.class).single());
                j.sql("""
                        INSERT INTO org_members (organization_id, user_id, role, status, title, joined_at)
                        VALUES (:o, :u, :r, 'active', :t, now())
                        ON CONFLICT (organization_id, user_id) DO NOTHING
                        """).param("o", org).param("u", user).param("r", first ? "admin" : "member").param("t", e.title()).update();
                userByEmail.put(e.email().toLowerCase(), user);
                first = false;
            }
            return org;
        });
        String adminEmail = company.employees().getFirst().email();
        UUID admin = userByEmail.get(adminEmail.toLowerCase());
        RequestContext ctx = new RequestContext(admin, adminEmail, orgId, Role.ADMIN);
        // before the first client is made: the demo's integrations talk only to these simulators, whose limits are ours
        clients.useSimulatorRateLimits(Simulators.SLUGS.stream().map(sims::baseUrl).toList(), props.rateLimits());
        connect(ctx, "hubspot", sims.baseUrl("hubspot"), token(sims.credential("hubspot")));
        connect(ctx, "salesforce", sims.baseUrl("salesforce"), new StoredSecret(Optional.empty(), Optional.of(sims.credential("salesforce")),
                Optional.empty(), Optional.of(sims.baseUrl("salesforce"))));
        connect(ctx, "apollo", sims.baseUrl("apollo"), new StoredSecret(Optional.of(sims.credential("apollo")), Optional.empty(),
                Optional.empty(), Optional.empty()));
        connect(ctx, "slack", sims.slack().apiUrl(), token(sims.credential("slack")));
        // Gmail is personal: connected by the admin (ctx) for their own mailbox, its e-mails visible to them only
        connect(ctx, "gmail", sims.baseUrl("gmail"), token(sims.gmail().tokenFor(adminEmail.toLowerCase())));
        mapOwners(orgId, sims, userByEmail);
        List<SyncService.SyncRequested> syncs = sync.requestAll(orgId, admin, "demo");
        log.info("event=demo_seeded org_id={} members={} syncs={}", orgId, userByEmail.size(), syncs.size());
        return new Seeded(orgId, admin, syncs);
    }

    private void connect(RequestContext ctx, String provider, String baseUrl, StoredSecret secret) {
        integrations.connect(ctx, provider, new ConnectRequest(Optional.empty(), Optional.of(secret),
                Optional.of(Map.of("base_url", baseUrl))));
    }

    private static StoredSecret token(String accessToken) {
        return new StoredSecret(Optional.empty(), Optional.of(accessToken), Optional.empty(), Optional.empty());
    }

    /** HubSpot owners and Salesforce users, read through the vendors' own APIs, mapped to members by email. */
    private void mapOwners(UUID orgId, Simulators sims, Map<String, UUID> userByEmail) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> hubspot = new HashMap<>();
        for (JsonNode o : get(http, sims.baseUrl("hubspot") + "/crm/v3/owners?limit=100", sims.credential("hubspot")).path("results")) {
            hubspot.put(o.path("id").asString(), o.path("email").asString(""));
        }
        Map<String, String> salesforce = new HashMap<>();
        String soql = URLEncoder.encode("SELECT Id, Email FROM User", StandardCharsets.UTF_8);
        for (JsonNode u : get(http, sims.baseUrl("salesforce") + "/services/data/v60.0/query?q=" + soql, sims.credential("salesforce")).path("records")) {
            salesforce.put(u.path("Id").asString(), u.path("Email").asString(""));
        }
        tx.system("demo identity mappings", j -> {
            insertMappings(j, orgId, "hubspot", hubspot, userByEmail);
            insertMappings(j, orgId, "salesforce", salesforce, userByEmail);
            return null;
        });
    }

    private static void insertMappings(JdbcClient j, UUID orgId, String system, Map<String, String> emailById, Map<String, UUID> userByEmail) {
        emailById.forEach((id, email) -> {
            UUID user = userByEmail.get(email.toLowerCase());
            if (user == null) return;
            j.sql("""
                    INSERT INTO identity_mappings (organization_id, source_system, external_id, external_email, user_id)
                    VALUES (:o, :s, :x, :e, :u) ON CONFLICT (organization_id, source_system, external_id) DO NOTHING
                    """).param("o", orgId).param("s", system).param("x", id).param("e", email).param("u", user).update();
        });
    }

    private static JsonNode get(HttpClient http, String url, String token) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.missingNode();
        } catch (Exception e) {
            log.warn("event=demo_owner_lookup_failed url={} error={}", url.replaceAll("\\?.*", ""), e.toString());
            return JSON.missingNode();
        }
    }
}
