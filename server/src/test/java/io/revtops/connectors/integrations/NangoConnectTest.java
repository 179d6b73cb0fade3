package io.revtops.connectors.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.revtops.sync.SyncService;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Response;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.sync.CrmDataset;
import io.revtops.testing.sync.FakeConnectors;
import io.revtops.testing.sync.FakeVendor;
import io.revtops.testing.sync.SyncFixture;
import io.revtops.testing.sync.SyncTestDatabaseInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** Connecting through Nango: connect sessions for the UI, the callback, and syncs with Nango's credentials. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = NangoConnectTest.WithFakeNango.class)
@Import(FakeConnectors.class)
class NangoConnectTest {
    static final List<String> NANGO_REQUESTS = new CopyOnWriteArrayList<>();
    static HttpServer nango;

    /** The sync test database plus a fake Nango that knows one connection, {@code conn-ok}. */
    static class WithFakeNango extends SyncTestDatabaseInitializer {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            try {
                nango = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            nango.createContext("/", NangoConnectTest::answer);
            nango.start();
            TestPropertyValues.of("revtops.credentials.nango.secret-key=nango-test-secret",
                    "revtops.credentials.nango.base-url=http://127.0.0.1:" + nango.getAddress().getPort(),
                    "revtops.credentials.nango.retry-backoff=1ms").applyTo(context);
        }
    }

    static void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().toString();
        NANGO_REQUESTS.add(ex.getRequestMethod() + " " + path + " auth=" + ex.getRequestHeaders().getFirst("Authorization"));
        if (ex.getRequestMethod().equals("POST")) ex.getRequestBody().readAllBytes();
        int status;
        String body;
        if (path.startsWith("/connection/conn-ok?provider_config_key=testcrm")) {
            status = 200;
            body = "{\"connection_id\":\"conn-ok\",\"credentials\":{\"type\":\"API_KEY\",\"apiKey\":\"nango-key\"}}";
        } else if (path.equals("/connect/sessions")) {
            status = 201;
            body = "{\"data\":{\"token\":\"nango_connect_session_1\",\"expires_at\":\"2030-01-01T00:30:00.000Z\"}}";
        } else {
            status = 404;
            body = "{\"error\":{\"code\":\"not_found\",\"message\":\"Failed to find connection\"}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    @Autowired SyncService syncs;
    @Autowired FakeVendor vendor;

    TestApi api;
    SyncFixture fx;
    Session admin;

    @BeforeEach
    void organization() {
        api = new TestApi(port);
        fx = new SyncFixture(api, owner, syncs);
        admin = fx.newOrg();
        NANGO_REQUESTS.clear();
    }

    @Test
    void aConnectSessionTokenComesFromNangoForThisConnectorOnly() {
        Response r = api.post("/api/integrations/testcrm/connect-session", admin.caller(), Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("token").asString()).isEqualTo("nango_connect_session_1");
        assertThat(r.json().path("nango_provider").asString()).isEqualTo("testcrm");
        assertThat(NANGO_REQUESTS).containsExactly("POST /connect/sessions auth=Bearer nango-test-secret");
    }

    @Test
    void theCallbackConnectsAndSyncsUseNangosCredentials() {
        Response r = api.get("/api/integrations/callback?provider_config_key=testcrm&connection_id=conn-ok", admin.caller());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("credentials_source").asString()).isEqualTo("nango");
        assertThat(r.raw()).doesNotContain("nango-key");
        UUID id = UUID.fromString(r.json().path("id").asString());
        CrmDataset.seed(vendor, id);
        NANGO_REQUESTS.clear();
        assertThat(fx.sync(admin, id, "testcrm").status()).isEqualTo("completed");
        assertThat(NANGO_REQUESTS).anyMatch(x -> x.startsWith("GET /connection/conn-ok?provider_config_key=testcrm"));
    }

    @Test
    void anUnknownNangoConnectionIs400AndCreatesNothing() {
        Response r = api.post("/api/integrations/testcrm/connect", admin.caller(), Map.of("nango_connection_id", "conn-missing"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("nango_connection_not_found");
        assertThat(owner.sql("SELECT count(*) FROM integrations WHERE organization_id = :o").param("o", admin.orgId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aConnectionRevokedInNangoStopsTheSyncWithReconnect() {
        UUID id = UUID.fromString(api.post("/api/integrations/testcrm/connect", admin.caller(),
                Map.of("nango_connection_id", "conn-ok")).json().path("id").asString());
        owner.sql("UPDATE integrations SET nango_connection_id = 'conn-revoked' WHERE id = :i").param("i", id).update();
        var run = fx.sync(admin, id, "testcrm");
        assertThat(run.error()).isEqualTo("Reconnect TestCRM");
        assertThat(vendor.fetches(id)).isZero();
    }
}
