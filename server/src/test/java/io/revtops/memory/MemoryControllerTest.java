package io.revtops.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Memories (SPEC §8): only the creator changes one; global commands stay short; user memories stay private. */
@RevtopsTest
class MemoryControllerTest {
    @LocalServerPort int port;
    TestApi api;
    Session ada;
    Session bob;

    @BeforeEach
    void twoColleagues() {
        api = new TestApi(port);
        String d = "mem" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        ada = api.devLogin("ada@" + d);
        bob = api.devLogin("bob@" + d);
    }

    String save(Session who, Map<String, Object> body) {
        var r = api.post("/api/memories", who.caller(), body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    @Test
    void aUserMemoryIsSeenOnlyByItsCreator() {
        String id = save(ada, Map.of("scope", "user", "content", "I prefer tables over prose"));
        assertThat(api.get("/api/memories", ada.caller()).json().findValuesAsString("id")).contains(id);
        assertThat(api.get("/api/memories", bob.caller()).json().findValuesAsString("id")).doesNotContain(id);
    }

    @Test
    void aRoleMemoryIsSharedButOnlyItsCreatorMayChangeIt() {
        String id = save(ada, Map.of("scope", "role", "role_name", "sales", "content", "Quote in EUR"));
        assertThat(api.get("/api/memories", bob.caller()).json().findValuesAsString("id")).contains(id);
        var edit = api.patch("/api/memories/" + id, bob.caller(), Map.of("content", "Quote in USD"));
        assertThat(edit.status()).isEqualTo(403);
        assertThat(edit.errorCode()).isEqualTo("not_creator");
        assertThat(api.delete("/api/memories/" + id, bob.caller()).status()).isEqualTo(403);
        var own = api.patch("/api/memories/" + id, ada.caller(), Map.of("content", "Quote in USD"));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("content").asString()).isEqualTo("Quote in USD");
    }

    @Test
    void aGlobalCommandOverAThousandCharactersIsRefused() {
        var r = api.post("/api/memories", ada.caller(), Map.of("scope", "global_command", "content", "x".repeat(1001)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("memory_too_long");
        save(ada, Map.of("scope", "global_command", "content", "y".repeat(1000)));
    }

    @Test
    void aRoleMemoryWithoutItsRoleIsRefused() {
        var r = api.post("/api/memories", ada.caller(), Map.of("scope", "role", "content", "x"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("role_required");
    }

    @Test
    void anUnknownScopeIsRefused() {
        var r = api.post("/api/memories", ada.caller(), Map.of("scope", "everyone", "content", "x"));
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void theCreatorDeletesTheirMemory() {
        String id = save(ada, Map.of("scope", "user", "content", "temporary"));
        assertThat(api.delete("/api/memories/" + id, ada.caller()).status()).isEqualTo(204);
        assertThat(api.get("/api/memories", ada.caller()).json().findValuesAsString("id")).doesNotContain(id);
    }
}
