package io.revtops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.demo.DemoCompany;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Caller;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.TestDatabase;
import io.revtops.testing.sync.SyncFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The first ten minutes: the built jar starts with no configuration, serves the app, keeps data across restarts. */
class StartCommandIT {

    @Test
    void startWithNoConfigurationServesHealthAndThePageAndKeepsDataAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory("revtops-start-it");
        String email = "first@persist" + UUID.randomUUID().toString().substring(0, 6) + ".test";
        UUID orgId;
        try (RevtopsProcess first = RevtopsProcess.start("start", Map.of("REVTOPS_DATA_DIR", data.toString()),
                data.resolve("first.log"))) {
            first.awaitHealthy(Duration.ofMinutes(3));
            TestApi api = new TestApi(first.base());
            var health = api.get("/health", Caller.anonymous());
            assertThat(health.json().path("migrations_pending").asInt()).isZero();
            assertThat(health.json().path("roles").toString()).contains("api", "worker");
            var page = api.get("/", Caller.anonymous());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.raw()).contains("<html").contains("Revtops");
            orgId = api.devLogin(email).orgId();
        }
        try (RevtopsProcess second = RevtopsProcess.start("start", Map.of("REVTOPS_DATA_DIR", data.toString()),
                data.resolve("second.log"))) {
            second.awaitHealthy(Duration.ofMinutes(3));
            assertThat(new TestApi(second.base()).devLogin(email).orgId()).isEqualTo(orgId);
        }
    }

    /** A small demo company keeps the test short; the generator is the one the server uses (seed 42 by default). */
    static final Map<String, String> SMALL_DEMO = Map.of("REVTOPS_DEMO_SCALE", "0.05");
    static final List<String> DEMO_SYNCS = List.of("gmail", "hubspot", "salesforce", "slack");

    @Test
    void theDemoCompanySyncsSlackAndTheAdminsOwnMailboxAndARestartAddsNoIntegration() throws Exception {
        Path data = Files.createTempDirectory("revtops-demo-it");
        DemoCompany company = DemoCompany.generate(42, 0.05);
        String adminEmail = company.employees().getFirst().email();
        String memberEmail = company.employees().get(1).email();
        Map<String, String> env = new java.util.HashMap<>(SMALL_DEMO);
        env.put("REVTOPS_DATA_DIR", data.toString());
        List<String> integrations;
        try (RevtopsProcess first = RevtopsProcess.start("start", env, data.resolve("first.log"))) {
            first.awaitHealthy(Duration.ofMinutes(3));
            TestApi api = new TestApi(first.base());
            Session admin = awaitDemoSynced(api, adminEmail, Instant.EPOCH);
            Session member = api.devLogin(memberEmail);
            assertThat(member.orgId()).isEqualTo(admin.orgId());

            integrations = integrationIds(api, admin);
            assertThat(providers(api, admin)).contains("slack", "gmail");
            assertThat(rows(api, admin, "source_system=slack&type=slack_message")).isPositive();
            assertThat(rows(api, admin, "source_system=gmail&type=email")).isPositive();
            assertThat(rows(api, member, "source_system=gmail")).as("the admin's mailbox is hers alone").isZero();
        }
        Instant restart = Instant.now();
        try (RevtopsProcess second = RevtopsProcess.start("start", env, data.resolve("second.log"))) {
            second.awaitHealthy(Duration.ofMinutes(3));
            TestApi api = new TestApi(second.base());
            Session admin = awaitDemoSynced(api, adminEmail, restart);
            assertThat(integrationIds(api, admin)).containsExactlyInAnyOrderElementsOf(integrations);
        }
    }

    /** Signs in as the demo admin once the demo organization exists and waits until each demo sync completed after {@code since}. */
    static Session awaitDemoSynced(TestApi api, String adminEmail, Instant since) {
        Session[] admin = new Session[1];
        SyncFixture.await(() -> {
            Session s = api.devLogin(adminEmail);
            JsonNode status = api.get("/api/sync/" + s.orgId() + "/status", s.caller()).json();
            List<String> done = new java.util.ArrayList<>();
            for (JsonNode i : status) {
                JsonNode run = i.path("last_run");
                if (run.path("status").asString("").equals("completed") && !i.path("state").asString("").equals("running")
                        && Instant.parse(run.path("started_at").asString()).isAfter(since)) {
                    done.add(i.path("provider").asString());
                }
            }
            admin[0] = s;
            return done.containsAll(DEMO_SYNCS);
        }, Duration.ofMinutes(3), "every demo sync completed");
        return admin[0];
    }

    static List<String> integrationIds(TestApi api, Session who) {
        List<String> ids = new java.util.ArrayList<>();
        api.get("/api/integrations", who.caller()).json().forEach(i -> ids.add(i.path("id").asString()));
        return ids;
    }

    static List<String> providers(TestApi api, Session who) {
        List<String> providers = new java.util.ArrayList<>();
        api.get("/api/integrations", who.caller()).json().forEach(i -> providers.add(i.path("provider").asString()));
        return providers;
    }

    static long rows(TestApi api, Session who, String filters) {
        var r = api.get("/api/data/activities?limit=1&" + filters, who.caller());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().path("total").asLong();
    }

    @Test
    void twoApiProcessesOnOneDatabaseBothServeRequests() throws Exception {
        Path data = Files.createTempDirectory("revtops-two-api-it");
        String database = TestDatabase.get().databaseUrl(TestDatabase.get().createDatabase("revtops_two_api"));
        Map<String, String> env = Map.of("DATABASE_URL", database, "SECRET_KEY", "shared-secret-for-both-processes",
                "REVTOPS_DATA_DIR", data.toString());
        try (RevtopsProcess one = RevtopsProcess.start("api", env, data.resolve("one.log"));
             RevtopsProcess two = RevtopsProcess.start("api", env, data.resolve("two.log"))) {
            one.awaitHealthy(Duration.ofMinutes(3));
            two.awaitHealthy(Duration.ofMinutes(3));
            TestApi a = new TestApi(one.base());
            TestApi b = new TestApi(two.base());
            var session = a.devLogin("both@two" + UUID.randomUUID().toString().substring(0, 6) + ".test");
            var me = b.get("/api/auth/me", new Caller(session.token(), null));
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().path("organizations").path(0).path("id").asString()).isEqualTo(session.orgId().toString());
            assertThat(b.get("/health", Caller.anonymous()).json().path("roles").toString()).contains("api").doesNotContain("worker");
        }
    }
}
