package io.revtops.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Caller;
import io.revtops.testing.TestApi.Response;
import io.revtops.testing.TestApi.Session;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Malformed or oversized requests get a 4xx JSON error, change nothing and never show a stack trace. */
@RevtopsTest
class BadInputTest {
    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    TestApi api;
    Session ada;
    Session bob;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        String d = "bad" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        ada = api.devLogin("ada@" + d);
        bob = api.devLogin("bob@" + d);
    }

    long organizations() {
        return jdbc.sql("SELECT count(*) FROM organizations").query(Long.class).single();
    }

    static void assertCleanError(Response r, int status, String code) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.errorCode()).isEqualTo(code);
        assertThat(r.json().path("error").path("message").asString()).isNotBlank();
        assertThat(r.raw()).doesNotContain("Exception", "at io.", "at org.", "\tat ");
    }

    @Test
    void malformedJsonIs400AndCreatesNothing() {
        long before = organizations();
        Response r = api.sendRaw("POST", "/api/organizations", new Caller(ada.token(), null), "{\"name\": \"Acme\",");
        assertCleanError(r, 400, "malformed_json");
        assertThat(organizations()).isEqualTo(before);
    }

    @Test
    void aBodyOverTheLimitIs413AndCreatesNothing() {
        long before = organizations();
        String huge = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
        Response r = api.sendRaw("POST", "/api/organizations", new Caller(ada.token(), null), huge);
        assertCleanError(r, 413, "payload_too_large");
        assertThat(organizations()).isEqualTo(before);
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        Response r = api.sendRaw("POST", "/api/organizations", new Caller(ada.token(), null), "{\"name\": {\"nested\": true}}");
        assertCleanError(r, 400, "invalid_input");
        assertThat(r.json().path("error").path("message").asString()).contains("name");
    }

    @Test
    void anUnknownEnumValueIs400ListingTheAllowedOnes() {
        Response r = api.patch("/api/members/" + bob.userId(), ada.caller(), Map.of("role", "superuser"));
        assertCleanError(r, 400, "invalid_input");
        assertThat(r.json().path("error").path("message").asString()).contains("admin", "member");
        assertThat(jdbc.sql("SELECT role FROM org_members WHERE user_id = ?").param(bob.userId()).query(String.class).single())
                .isEqualTo("member");
    }

    @Test
    void anInvalidUuidInThePathIs400() {
        Response r = api.patch("/api/members/not-a-uuid", ada.caller(), Map.of("role", "admin"));
        assertCleanError(r, 400, "invalid_parameter");
    }

    @Test
    void sqlMetacharactersInAHandleAre400AndCreateNothing() {
        long before = organizations();
        Response r = api.post("/api/organizations", new Caller(ada.token(), null),
                Map.of("name", "Robert", "handle", "x'); DROP TABLE organizations; --"));
        assertCleanError(r, 400, "invalid_input");
        assertThat(organizations()).isEqualTo(before);
    }

    @Test
    void sqlMetacharactersInANameAreStoredAsPlainText() {
        String name = "O'Brien \"Ltd\"; DROP TABLE organizations; --";
        Response r = api.post("/api/organizations", new Caller(ada.token(), null), Map.of("name", name));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("name").asString()).isEqualTo(name);
        assertThat(jdbc.sql("SELECT count(*) FROM organizations WHERE name = ?").param(name).query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void aMissingRequiredFieldIs400() {
        Response r = api.post("/api/organizations", new Caller(ada.token(), null), Map.of("handle", "no-name-here"));
        assertCleanError(r, 400, "invalid_input");
    }

    @Test
    void anUnknownEndpointIsAJson404() {
        Response r = api.get("/api/no-such-thing", ada.caller());
        assertCleanError(r, 404, "not_found");
    }

    @Test
    void aWrongMethodIsAJson405() {
        Response r = api.delete("/api/auth/me", ada.caller());
        assertCleanError(r, 405, "method_not_allowed");
    }
}
