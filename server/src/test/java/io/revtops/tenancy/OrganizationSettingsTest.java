package io.revtops.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** PATCH /api/organizations/current: admins rename the organization and choose its model provider and model. */
@RevtopsTest
class OrganizationSettingsTest {
    @LocalServerPort int port;
    TestApi api;
    Session admin;
    Session member;

    @BeforeEach
    void aTeam() {
        api = new TestApi(port);
        String d = "org" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        admin = api.devLogin("first@" + d);
        member = api.devLogin("second@" + d);
    }

    @Test
    void anAdminChangesTheModelSettingsAndTheyAreReadBack() {
        var r = api.patch("/api/organizations/current", admin.caller(),
                Map.of("name", "Acme Revenue", "settings", Map.of("llm_provider", "openai", "model", "gpt-4.1")));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.json().path("name").asString()).isEqualTo("Acme Revenue");
        var current = api.get("/api/organizations/current", member.caller()).json();
        assertThat(current.path("settings").path("llm_provider").asString()).isEqualTo("openai");
        assertThat(current.path("settings").path("model").asString()).isEqualTo("gpt-4.1");
        assertThat(current.path("name").asString()).isEqualTo("Acme Revenue");
    }

    @Test
    void settingsNotNamedStayAsTheyAre() {
        api.patch("/api/organizations/current", admin.caller(), Map.of("settings", Map.of("llm_provider", "anthropic", "model", "m1")));
        api.patch("/api/organizations/current", admin.caller(), Map.of("settings", Map.of("model", "m2")));
        var s = api.get("/api/organizations/current", admin.caller()).json().path("settings");
        assertThat(s.path("llm_provider").asString()).isEqualTo("anthropic");
        assertThat(s.path("model").asString()).isEqualTo("m2");
    }

    @Test
    void aMemberMayNotChangeSettings() {
        var r = api.patch("/api/organizations/current", member.caller(), Map.of("settings", Map.of("model", "x")));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("admin_only");
    }

    @Test
    void anUnknownProviderOrABlankNameIsRefused() {
        var r = api.patch("/api/organizations/current", admin.caller(), Map.of("settings", Map.of("llm_provider", "skynet")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_provider");
        assertThat(api.patch("/api/organizations/current", admin.caller(), Map.of("name", "  ")).status()).isEqualTo(400);
        assertThat(api.patch("/api/organizations/current", admin.caller(), Map.of("name", "x".repeat(201))).status()).isEqualTo(400);
    }
}
