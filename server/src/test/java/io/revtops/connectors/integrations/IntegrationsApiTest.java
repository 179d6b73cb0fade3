package io.revtops.connectors.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.connectors.ConnectorRegistry;
import io.revtops.connectors.credentials.IntegrationCredentials;
import io.revtops.platform.db.Tenant;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Response;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.SyncEngineTest;
import io.revtops.testing.sync.SyncFixture;
import io.revtops.sync.SyncService;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code /api/integrations}: what can be connected, connecting with stored credentials, sharing, disconnecting. */
@SyncEngineTest
class IntegrationsApiTest {
    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    @Autowired SyncService syncs;
    @Autowired IntegrationCredentials credentials;
    @Autowired ConnectorRegistry registry;

    TestApi api;
    SyncFixture fx;
    Session admin;
    Session member;

    @BeforeEach
    void organization() {
        api = new TestApi(port);
        fx = new SyncFixture(api, owner, syncs);
        admin = fx.newOrg();
        member = fx.member(admin, "member");
    }

    Response connect(Session who, String provider, Object body) {
        return api.post("/api/integrations/" + provider + "/connect", who.caller(), body);
    }

    long integrations() {
        return owner.sql("SELECT count(*) FROM integrations WHERE organization_id = :o").param("o", admin.orgId()).query(Long.class).single();
    }

    static void assertCleanError(Response r, int status, String code) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.json().path("error").path("message").asString()).isNotBlank();
        assertThat(r.raw()).doesNotContain("Exception", "\tat ");
    }

    @Nested
    class Available {
        @Test
        void listsEveryConnectorWithWhatItCanDo() {
            Response r = api.get("/api/integrations/available", admin.caller());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().size()).isEqualTo(registry.all().size());
            JsonNode crm = find(r.json(), "testcrm");
            assertThat(crm.path("name").asString()).isEqualTo("TestCRM");
            assertThat(crm.path("auth_type").asString()).isEqualTo("api_key");
            assertThat(crm.path("scope").asString()).isEqualTo("organization");
            assertThat(crm.path("capabilities").toString()).isEqualTo("[\"sync\"]");
            assertThat(crm.path("entity_types").toString()).contains("accounts", "deals");
            assertThat(crm.path("connected").asBoolean()).isFalse();
        }

        @Test
        void showsWhatIsConnected() {
            UUID id = fx.connect(admin, "testcrm");
            JsonNode crm = find(api.get("/api/integrations/available", member.caller()).json(), "testcrm");
            assertThat(crm.path("connected").asBoolean()).isTrue();
            assertThat(crm.path("integration_id").asString()).isEqualTo(id.toString());
        }
    }

    @Nested
    class StoredCredentials {
        @Test
        void areNeverReturnedOnlyWhetherTheyAreConfigured() {
            String key = "sk-live-" + UUID.randomUUID();
            Response connected = connect(admin, "testcrm", Map.of("credentials", Map.of("api_key", key)));
            assertThat(connected.status()).isEqualTo(200);
            assertThat(connected.json().path("credentials_configured").asBoolean()).isTrue();
            assertThat(connected.json().path("credentials_source").asString()).isEqualTo("stored");
            Response list = api.get("/api/integrations", admin.caller());
            Response available = api.get("/api/integrations/available", admin.caller());
            for (Response r : new Response[] {connected, list, available}) assertThat(r.raw()).doesNotContain(key);
        }

        @Test
        void areEncryptedAtRestAndDecryptForTheHttpLayer() {
            String key = "sk-live-" + UUID.randomUUID();
            UUID id = UUID.fromString(connect(admin, "testcrm", Map.of("credentials", Map.of("api_key", key))).json().path("id").asString());
            var row = owner.sql("SELECT ciphertext, key_version FROM integration_credentials WHERE integration_id = :i")
                    .param("i", id).query().singleRow();
            byte[] ciphertext = (byte[]) row.get("ciphertext");
            assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(key).doesNotContain("api_key");
            assertThat(row.get("key_version")).isEqualTo(1);
            var source = credentials.sourceFor(Tenant.org(admin.orgId()), id, registry.require("testcrm").meta(), Optional.empty());
            assertThat(source.current().apiKey()).contains(key);
            assertThat(source.current().toString()).doesNotContain(key);
        }

        @Test
        void theLedgerRecordsTheConnectionWithoutTheSecret() {
            String key = "sk-live-" + UUID.randomUUID();
            connect(admin, "testcrm", Map.of("credentials", Map.of("api_key", key)));
            var entries = owner.sql("SELECT action, intent::text || outcome::text FROM action_ledger WHERE organization_id = :o")
                    .param("o", admin.orgId()).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list();
            assertThat(entries).anyMatch(e -> e.startsWith("integration.connected")).noneMatch(e -> e.contains(key));
        }
    }

    @Nested
    class Connecting {
        @Test
        void anUnknownConnectorIs400AndNamesTheKnownOnes() {
            Response r = connect(admin, "hubspott", Map.of("credentials", Map.of("api_key", "k")));
            assertCleanError(r, 400, "unknown_connector");
            assertThat(r.json().path("error").path("message").asString()).contains("hubspott", "testcrm");
            assertThat(integrations()).isZero();
        }

        @Test
        void aMalformedBaseUrlIs400AndCreatesNothing() {
            for (String bad : new String[] {"ftp://files.example.com", "not a url", "http://", "/relative/path", "https://user:pw@host.example"}) {
                Response r = connect(admin, "testcrm", Map.of("credentials", Map.of("api_key", "k"), "config", Map.of("base_url", bad)));
                assertCleanError(r, 400, "invalid_base_url");
            }
            assertThat(integrations()).isZero();
        }

        @Test
        void aValidBaseUrlIsKept() {
            Response r = connect(admin, "testcrm", Map.of("credentials", Map.of("api_key", "k"),
                    "config", Map.of("base_url", "http://127.0.0.1:8089/")));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("base_url").asString()).isEqualTo("http://127.0.0.1:8089");
        }

        @Test
        void aMemberMayNotConnectAnOrganizationWideConnector() {
            Response r = connect(member, "testcrm", Map.of("credentials", Map.of("api_key", "k")));
            assertCleanError(r, 403, "admin_only");
            assertThat(integrations()).isZero();
        }

        @Test
        void withoutCredentialsIs400() {
            assertCleanError(connect(admin, "testcrm", Map.of()), 400, "credentials_required");
            assertCleanError(connect(admin, "testcrm", Map.of("credentials", Map.of("instance_url", "https://x.example"))), 400,
                    "credentials_required");
        }

        @Test
        void aMalformedInstanceUrlIs400() {
            assertCleanError(connect(admin, "testcrm", Map.of("credentials", Map.of("access_token", "t", "instance_url", "javascript:alert(1)"))),
                    400, "invalid_instance_url");
        }

        @Test
        void nangoIsRefusedClearlyWhenItIsNotConfigured() {
            Response connect = connect(admin, "testcrm", Map.of("nango_connection_id", "conn-1"));
            assertCleanError(connect, 400, "nango_not_configured");
            assertThat(connect.json().path("error").path("message").asString()).contains("NANGO_SECRET_KEY");
            assertCleanError(api.post("/api/integrations/testcrm/connect-session", admin.caller(), Map.of()), 400, "nango_not_configured");
            assertCleanError(api.get("/api/integrations/callback?provider=testcrm&connection_id=c1", admin.caller()), 400,
                    "nango_not_configured");
        }

        @Test
        void reconnectingRepairsTheSameIntegration() {
            UUID id = fx.connect(admin, "testcrm");
            owner.sql("UPDATE integrations SET status = 'needs_reconnect', last_error = 'Reconnect TestCRM' WHERE id = :i").param("i", id).update();
            Response again = connect(admin, "testcrm", Map.of("credentials", Map.of("api_key", "new-key")));
            assertThat(again.json().path("id").asString()).isEqualTo(id.toString());
            assertThat(again.json().path("status").asString()).isEqualTo("active");
            assertThat(again.json().has("last_error")).isFalse();
            assertThat(integrations()).isEqualTo(1);
        }
    }

    @Nested
    class Disconnecting {
        @Test
        void deletesTheCredentialsAndHidesTheIntegration() {
            UUID id = fx.connect(admin, "testcrm");
            Response r = api.delete("/api/integrations/" + id, admin.caller());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("status").asString()).isEqualTo("disconnected");
            assertThat(owner.sql("SELECT count(*) FROM integration_credentials WHERE integration_id = :i").param("i", id)
                    .query(Long.class).single()).isZero();
            assertThat(api.get("/api/integrations", admin.caller()).json().size()).isZero();
            assertThat(owner.sql("SELECT count(*) FROM action_ledger WHERE organization_id = :o AND action = 'integration.disconnected'")
                    .param("o", admin.orgId()).query(Long.class).single()).isEqualTo(1);
        }

        @Test
        void aMemberMayNotDisconnectTheOrganizationsIntegration() {
            UUID id = fx.connect(admin, "testcrm");
            assertCleanError(api.delete("/api/integrations/" + id, member.caller()), 403, "owner_or_admin_only");
            assertThat(owner.sql("SELECT status FROM integrations WHERE id = :i").param("i", id).query(String.class).single())
                    .isEqualTo("active");
        }

        @Test
        void anotherOrganizationsIntegrationIsNotFound() {
            UUID id = fx.connect(admin, "testcrm");
            Session stranger = fx.newOrg();
            assertCleanError(api.delete("/api/integrations/" + id, stranger.caller()), 404, "not_found");
        }
    }

    static JsonNode find(JsonNode array, String slug) {
        for (JsonNode n : array) if (n.path("slug").asString().equals(slug)) return n;
        throw new AssertionError("no " + slug + " in " + array);
    }
}
