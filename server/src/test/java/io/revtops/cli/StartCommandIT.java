package io.revtops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Caller;
import io.revtops.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

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
