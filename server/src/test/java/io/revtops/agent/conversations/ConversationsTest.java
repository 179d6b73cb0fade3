package io.revtops.agent.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.AgentTasks;
import io.revtops.agent.AgentTasks.TurnRequest;
import io.revtops.platform.db.Tenant;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Response;
import io.revtops.testing.TestApi.Session;
import io.revtops.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Conversations over REST as the web app uses them: who sees what, participants, paging, bad input. */
@RevtopsTest
class ConversationsTest {
    @LocalServerPort int port;
    @Autowired AgentTasks tasks;
    TestApi api;
    Session ada;
    Session bob;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        String d = domain();
        ada = api.devLogin("ada@" + d);
        bob = api.devLogin("bob@" + d);
    }

    static String domain() {
        return "co" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    String create(Session who, Map<String, ?> body) {
        Response r = api.post("/api/conversations", who.caller(), body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    List<String> listedIds(Session who, String query) {
        Response r = api.get("/api/conversations" + query, who.caller());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().path("conversations").findValuesAsString("id");
    }

    /** Asks Penny (the default runner: no model configured) and waits until the answer is saved. */
    void askAndWait(Session who, String conversationId, String message) {
        var started = tasks.start(Tenant.of(who.orgId(), who.userId()), TurnRequest.of(message).inConversation(UUID.fromString(conversationId)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!tasks.chunksSince(Tenant.of(who.orgId(), who.userId()), started.taskId(), -1).status().finished()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the task did not finish");
            Thread.onSpinWait();
        }
    }

    @Nested
    class CreateListGet {
        @Test
        void aCreatedConversationIsPrivateAndListedFirst() {
            String older = create(ada, Map.of("title", "Older"));
            String newer = create(ada, Map.of("title", "Newer"));
            Response got = api.get("/api/conversations/" + newer, ada.caller());
            assertThat(got.json().path("scope").asString()).isEqualTo("private");
            assertThat(got.json().path("owner_id").asString()).isEqualTo(ada.userId().toString());
            assertThat(listedIds(ada, "")).containsSubsequence(newer, older);
        }

        @Test
        void theListFiltersByScopeAndTitle() {
            String priv = create(ada, Map.of("title", "Q3 pipeline review"));
            String shared = create(ada, Map.of("title", "Team pipeline", "scope", "shared"));
            String other = create(ada, Map.of("title", "Hiring"));
            assertThat(listedIds(ada, "?scope=shared")).contains(shared).doesNotContain(priv, other);
            assertThat(listedIds(ada, "?q=PIPELINE")).contains(priv, shared).doesNotContain(other);
            assertThat(listedIds(ada, "?q=100%25")).isEmpty();
        }

        @Test
        void theListPagesWithBefore() {
            List<String> made = new ArrayList<>();
            for (int i = 0; i < 5; i++) made.add(create(ada, Map.of("title", "page " + i)));
            Response first = api.get("/api/conversations?limit=3", ada.caller());
            List<String> page1 = first.json().path("conversations").findValuesAsString("id");
            String cursor = first.json().path("next_before").asString();
            List<String> page2 = listedIds(ada, "?limit=3&before=" + cursor);
            assertThat(page1).containsExactly(made.get(4), made.get(3), made.get(2));
            assertThat(page2).containsExactly(made.get(1), made.get(0));
        }

        @Test
        void aConversationComesWithItsMessagesInOrderAsStored() {
            String id = create(ada, Map.of());
            askAndWait(ada, id, "first question");
            askAndWait(ada, id, "second question");
            JsonNode messages = api.get("/api/conversations/" + id, ada.caller()).json().path("messages");
            assertThat(messages.findValuesAsString("role")).containsExactly("user", "assistant", "user", "assistant");
            assertThat(messages.path(0).path("content_blocks").path(0).path("type").asString()).isEqualTo("text");
            assertThat(messages.path(0).path("content_blocks").path(0).path("text").asString()).isEqualTo("first question");
            assertThat(messages.path(1).path("content_blocks").path(0).path("text").asString())
                    .contains("ANTHROPIC_API_KEY");
            assertThat(messages.path(2).path("content_blocks").path(0).path("text").asString()).isEqualTo("second question");
            assertThat(api.get("/api/conversations/" + id, ada.caller()).json().path("title").asString()).isEqualTo("first question");
        }

        @Test
        void theChatHistoryGivesTheLastMessagesNewestLast() {
            String id = create(ada, Map.of());
            askAndWait(ada, id, "one");
            askAndWait(ada, id, "two");
            Response history = api.get("/api/chat/history?conversation_id=" + id + "&limit=3", ada.caller());
            assertThat(history.status()).isEqualTo(200);
            JsonNode messages = history.json().path("messages");
            assertThat(messages.findValuesAsString("role")).containsExactly("assistant", "user", "assistant");
            assertThat(messages.path(1).path("content_blocks").path(0).path("text").asString()).isEqualTo("two");
        }
    }

    @Nested
    class ChangeAndDelete {
        @Test
        void renamingChangesTheTitle() {
            String id = create(ada, Map.of("title", "Draft"));
            Response r = api.patch("/api/conversations/" + id, ada.caller(), Map.of("title", "Renewals"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(api.get("/api/conversations/" + id, ada.caller()).json().path("title").asString()).isEqualTo("Renewals");
        }

        @Test
        void onlyTheOwnerChangesTheScope() {
            String id = create(ada, Map.of("scope", "shared"));
            Response byBob = api.patch("/api/conversations/" + id, bob.caller(), Map.of("scope", "private"));
            assertThat(byBob.status()).isEqualTo(403);
            assertThat(byBob.errorCode()).isEqualTo("owner_only");
            assertThat(api.patch("/api/conversations/" + id, ada.caller(), Map.of("scope", "private")).status()).isEqualTo(200);
            assertThat(api.get("/api/conversations/" + id, bob.caller()).status()).isEqualTo(404);
        }

        @Test
        void onlyTheOwnerDeletesAndThenItIsGoneForEveryone() {
            String id = create(ada, Map.of("scope", "shared"));
            assertThat(api.delete("/api/conversations/" + id, bob.caller()).status()).isEqualTo(403);
            assertThat(api.delete("/api/conversations/" + id, ada.caller()).status()).isEqualTo(204);
            assertThat(api.get("/api/conversations/" + id, ada.caller()).status()).isEqualTo(404);
            assertThat(api.get("/api/conversations/" + id, bob.caller()).status()).isEqualTo(404);
        }

        @Test
        void everyChangeIsRecordedInTheActionLedger() throws Exception {
            String id = create(ada, Map.of());
            api.patch("/api/conversations/" + id, ada.caller(), Map.of("title", "Renamed"));
            api.post("/api/conversations/" + id + "/participants", ada.caller(), Map.of("user_id", bob.userId().toString()));
            api.delete("/api/conversations/" + id + "/participants/" + bob.userId(), ada.caller());
            api.delete("/api/conversations/" + id, ada.caller());
            List<String> actions = new ArrayList<>();
            try (Connection c = TestDatabase.get().connect();
                 PreparedStatement s = c.prepareStatement(
                         "SELECT action, user_id FROM action_ledger WHERE target = ? ORDER BY created_at, action")) {
                s.setString(1, "conversation:" + id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        actions.add(rs.getString(1));
                        assertThat(rs.getObject(2)).isEqualTo(ada.userId());
                    }
                }
            }
            assertThat(actions).containsExactlyInAnyOrder("conversation.created", "conversation.updated",
                    "conversation.participant_added", "conversation.participant_removed", "conversation.deleted");
        }
    }

    @Nested
    class Visibility {
        @Test
        void aPrivateConversationIsInvisibleToOtherMembers() {
            String id = create(ada, Map.of("title", "Mine"));
            assertThat(api.get("/api/conversations/" + id, bob.caller()).status()).isEqualTo(404);
            assertThat(listedIds(bob, "")).doesNotContain(id);
            assertThat(api.get("/api/chat/history?conversation_id=" + id, bob.caller()).status()).isEqualTo(404);
        }

        @Test
        void aSharedConversationIsVisibleToTheWholeOrganization() {
            String id = create(ada, Map.of("scope", "shared"));
            assertThat(api.get("/api/conversations/" + id, bob.caller()).status()).isEqualTo(200);
            assertThat(listedIds(bob, "")).contains(id);
        }

        @Test
        void addingAParticipantGrantsAccessAndRemovingRevokesItAtOnce() {
            String id = create(ada, Map.of());
            Response added = api.post("/api/conversations/" + id + "/participants", ada.caller(), Map.of("user_id", bob.userId().toString()));
            assertThat(added.status()).isEqualTo(201);
            assertThat(added.json().findValuesAsString("user_id")).containsExactly(bob.userId().toString());
            assertThat(api.get("/api/conversations/" + id, bob.caller()).status()).isEqualTo(200);
            assertThat(listedIds(bob, "")).contains(id);

            assertThat(api.delete("/api/conversations/" + id + "/participants/" + bob.userId(), ada.caller()).status()).isEqualTo(204);
            assertThat(api.get("/api/conversations/" + id, bob.caller()).status()).isEqualTo(404);
            assertThat(listedIds(bob, "")).doesNotContain(id);
        }

        @Test
        void aParticipantMayLeaveButNotRemoveOthers() {
            String d = domain();
            Session owner = api.devLogin("owner@" + d);
            Session p1 = api.devLogin("p1@" + d);
            Session p2 = api.devLogin("p2@" + d);
            String id = create(owner, Map.of());
            api.post("/api/conversations/" + id + "/participants", owner.caller(), Map.of("user_id", p1.userId().toString()));
            api.post("/api/conversations/" + id + "/participants", owner.caller(), Map.of("user_id", p2.userId().toString()));
            assertThat(api.delete("/api/conversations/" + id + "/participants/" + p2.userId(), p1.caller()).status()).isEqualTo(403);
            assertThat(api.delete("/api/conversations/" + id + "/participants/" + p1.userId(), p1.caller()).status()).isEqualTo(204);
            assertThat(api.get("/api/conversations/" + id, p2.caller()).status()).isEqualTo(200);
        }

        @Test
        void aParticipantMustBeAnActiveMemberOfTheOrganization() {
            Session eve = api.devLogin("eve@" + domain());
            String id = create(ada, Map.of());
            Response r = api.post("/api/conversations/" + id + "/participants", ada.caller(), Map.of("user_id", eve.userId().toString()));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("not_a_member");
            assertThat(api.get("/api/conversations/" + id, eve.caller().inOrg(ada.orgId())).status()).isEqualTo(403);
        }

        @Test
        void aMemberCannotAddThemselvesToSomeoneElsesPrivateConversation() {
            String id = create(ada, Map.of());
            Response r = api.post("/api/conversations/" + id + "/participants", bob.caller(), Map.of("user_id", bob.userId().toString()));
            assertThat(r.status()).isEqualTo(404);
            assertThat(api.get("/api/conversations/" + id, bob.caller()).status()).isEqualTo(404);
        }

        @Test
        void anotherOrganizationsConversationIsNotFoundEverywhere() {
            Session eve = api.devLogin("eve@" + domain());
            String id = create(eve, Map.of("scope", "shared", "title", "Eve's plans"));
            String base = "/api/conversations/" + id;
            assertThat(api.get(base, ada.caller()).status()).isEqualTo(404);
            assertThat(api.patch(base, ada.caller(), Map.of("title", "mine now")).status()).isEqualTo(404);
            assertThat(api.delete(base, ada.caller()).status()).isEqualTo(404);
            assertThat(api.post(base + "/participants", ada.caller(), Map.of("user_id", ada.userId().toString())).status()).isEqualTo(404);
            assertThat(api.get("/api/chat/history?conversation_id=" + id, ada.caller()).status()).isEqualTo(404);
            Response notFound = api.get(base, ada.caller());
            assertThat(notFound.errorCode()).isEqualTo("not_found");
            assertThat(notFound.raw()).doesNotContain("Eve");
            assertThat(api.get(base, eve.caller()).json().path("title").asString()).isEqualTo("Eve's plans");
        }
    }

    @Nested
    class BadInput {
        @Test
        void anIdThatIsNotAUuidIs400() {
            Response r = api.get("/api/conversations/not-a-uuid", ada.caller());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_parameter");
        }

        @Test
        void anUnknownScopeIs400() {
            Response created = api.post("/api/conversations", ada.caller(), Map.of("scope", "public"));
            assertThat(created.status()).isEqualTo(400);
            assertThat(created.json().path("error").path("message").asString()).contains("scope");
            assertThat(api.get("/api/conversations?scope=public", ada.caller()).status()).isEqualTo(400);
        }

        @Test
        void anOversizedTitleIs400AndNothingIsCreated() {
            int before = listedIds(ada, "?limit=200").size();
            Response r = api.post("/api/conversations", ada.caller(), Map.of("title", "x".repeat(201)));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_input");
            assertThat(listedIds(ada, "?limit=200")).hasSize(before);
        }

        @Test
        void aBlankRenameIs400() {
            String id = create(ada, Map.of("title", "Keep"));
            assertThat(api.patch("/api/conversations/" + id, ada.caller(), Map.of("title", "  ")).status()).isEqualTo(400);
            assertThat(api.get("/api/conversations/" + id, ada.caller()).json().path("title").asString()).isEqualTo("Keep");
        }

        @Test
        void aLimitOutOfRangeIs400() {
            assertThat(api.get("/api/conversations?limit=0", ada.caller()).status()).isEqualTo(400);
            assertThat(api.get("/api/conversations?limit=1000", ada.caller()).status()).isEqualTo(400);
        }

        @Test
        void malformedJsonIs400() {
            Response r = api.sendRaw("POST", "/api/conversations", ada.caller(), "{\"title\":");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("malformed_json");
        }
    }

    @Test
    void theEndpointsAreInTheOpenApiDocument() {
        JsonNode paths = api.get("/api/openapi.json", TestApi.Caller.anonymous()).json().path("paths");
        assertThat(paths.has("/api/conversations")).isTrue();
        assertThat(paths.has("/api/conversations/{id}")).isTrue();
        assertThat(paths.has("/api/conversations/{id}/participants")).isTrue();
        assertThat(paths.has("/api/conversations/{id}/participants/{userId}")).isTrue();
        assertThat(paths.has("/api/chat/history")).isTrue();
    }
}
