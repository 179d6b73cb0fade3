package io.revtops.messaging;

import static io.revtops.messaging.SocketClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.revtops.platform.security.DevTokens;
import io.revtops.platform.security.SecretKeys;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.ScriptedTurns;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** The chat socket as a browser uses it: authentication at the handshake, streaming, catch-up, bad input, cancel. */
@RevtopsTest
@Import(ScriptedTurns.class)
class ChatSocketTest {
    @LocalServerPort int port;
    @Autowired SecretKeys secretKeys;
    TestApi api;
    Session ada;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        ada = api.devLogin("ada@" + domain());
    }

    static String domain() {
        return "co" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    static List<Integer> indexes(List<JsonNode> frames) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode f : frames) {
            if (f.path("type").asString().equals("task_chunk")) out.add(f.path("chunk").path("index").asInt());
            if (f.path("type").asString().equals("catchup")) f.path("chunks").forEach(c -> out.add(c.path("index").asInt()));
        }
        return out;
    }

    static List<Integer> range(int fromInclusive, int toExclusive) {
        return IntStream.range(fromInclusive, toExclusive).boxed().toList();
    }

    @Nested
    class Handshake {
        @Test
        void anUpgradeWithoutATokenIsRefusedWith401() {
            assertThat(SocketClient.refusedStatus(port, null, ada.orgId())).isEqualTo(401);
        }

        @Test
        void aGarbageTokenIsRefusedWith401() {
            assertThat(SocketClient.refusedStatus(port, "not.a.jwt", ada.orgId())).isEqualTo(401);
        }

        @Test
        void anExpiredTokenIsRefusedWith401() throws Exception {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(DevTokens.ISSUER).subject("dev|expired")
                    .audience("authenticated").claim("email", "old@" + domain())
                    .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(3600))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secretKeys.derive("dev-login-token")));
            assertThat(SocketClient.refusedStatus(port, jwt.serialize(), ada.orgId())).isEqualTo(401);
        }

        @Test
        void anOrganizationTheUserIsNotInIsRefusedWith403() {
            Session outsider = api.devLogin("eve@" + domain());
            assertThat(SocketClient.refusedStatus(port, ada.token(), outsider.orgId())).isEqualTo(403);
        }

        @Test
        void aValidTokenAndMembershipOpenTheSocket() {
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                socket.ask("hello", null);
                assertThat(socket.closed).isNotDone();
            }
        }
    }

    @Nested
    class Streaming {
        @Test
        void aMessageWithoutConversationCreatesOneThenStreamsTheAnswerInOrder() {
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                socket.send(Map.of("type", "send_message", "message", "stream 20 2", "request_id", "r1"));
                JsonNode created = socket.expect("conversation_created");
                JsonNode started = socket.expect("task_started");
                List<JsonNode> rest = socket.untilComplete(started.path("task_id").asString());

                assertThat(created.path("conversation").path("scope").asString()).isEqualTo("private");
                assertThat(created.path("conversation").path("title").asString()).isEqualTo("stream 20 2");
                assertThat(created.path("request_id").asString()).isEqualTo("r1");
                assertThat(started.path("conversation_id").asString()).isEqualTo(created.path("conversation").path("id").asString());
                assertThat(indexes(rest)).isEqualTo(range(0, 20));
                assertThat(rest.getFirst().path("chunk").path("type").asString()).isEqualTo("text_delta");
                assertThat(rest.getFirst().path("chunk").path("data").path("text").asString()).isEqualTo("t0 ");
                assertThat(rest.getLast().path("status").asString()).isEqualTo("completed");
            }
        }

        @Test
        void theAnswerAndEveryChunkArePersisted() {
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                JsonNode started = socket.ask("stream 12 0", null);
                String taskId = started.path("task_id").asString();
                socket.untilComplete(taskId);

                var conversation = api.get("/api/conversations/" + started.path("conversation_id").asString(), ada.caller());
                assertThat(conversation.json().path("messages").findValuesAsString("role")).containsExactly("user", "assistant");
                assertThat(conversation.json().path("messages").path(1).path("content_blocks").path(0).path("text").asString())
                        .isEqualTo(IntStream.range(0, 12).mapToObj(ScriptedTurns::text).reduce("", String::concat));

                socket.send(Map.of("type", "subscribe", "task_id", taskId, "since_index", -1));
                JsonNode catchup = socket.expect("catchup");
                assertThat(indexes(List.of(catchup))).isEqualTo(range(0, 12));
                assertThat(catchup.path("status").asString()).isEqualTo("completed");
                assertThat(socket.expect("task_complete").path("status").asString()).isEqualTo("completed");
            }
        }

        @Test
        void aMessageInAnExistingConversationStreamsThereWithoutCreatingOne() {
            var conversation = api.post("/api/conversations", ada.caller(), Map.of("title", "Pipeline"));
            UUID id = UUID.fromString(conversation.json().path("id").asString());
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                socket.send(Map.of("type", "send_message", "message", "hi", "conversation_id", id.toString()));
                JsonNode first = socket.next();
                assertThat(first.path("type").asString()).isEqualTo("task_started");
                assertThat(first.path("conversation_id").asString()).isEqualTo(id.toString());
                socket.untilComplete(first.path("task_id").asString());
            }
            assertThat(api.get("/api/conversations/" + id, ada.caller()).json().path("title").asString()).isEqualTo("Pipeline");
        }

        @Test
        void aClientThatReconnectsGetsExactlyTheMissedChunksThenTheLiveOnes() throws Exception {
            String key = UUID.randomUUID().toString();
            String message = ScriptedTurns.Gate.open(key, false);
            ScriptedTurns.Gate gate = ScriptedTurns.GATES.get(key);
            String taskId;
            int lastSeen;
            try (SocketClient first = SocketClient.connect(port, ada)) {
                taskId = first.ask(message, null).path("task_id").asString();
                List<JsonNode> seen = first.until(f -> f.path("chunk").path("index").asInt(-1) == 2);
                lastSeen = indexes(seen).getLast();
                assertThat(indexes(seen)).isEqualTo(range(0, 3));
                first.abort();
            }
            gate.release1.countDown();
            assertThat(gate.phase2.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            try (SocketClient again = SocketClient.connect(port, ada)) {
                again.send(Map.of("type", "subscribe", "task_id", taskId, "since_index", lastSeen));
                JsonNode catchup = again.expect("catchup");
                assertThat(catchup.path("status").asString()).isEqualTo("running");
                assertThat(indexes(List.of(catchup))).isEqualTo(range(3, 10));
                gate.release2.countDown();
                List<JsonNode> live = again.untilComplete(taskId);
                assertThat(indexes(live)).isEqualTo(range(10, 15));
                assertThat(live.getLast().path("status").asString()).isEqualTo("completed");
            }
        }

        @Test
        void aReloadedPageFindsTheRunningTaskOfAConversationAndFollowsIt() {
            String key = UUID.randomUUID().toString();
            ScriptedTurns.Gate gate;
            String taskId;
            String conversationId;
            try (SocketClient first = SocketClient.connect(port, ada)) {
                JsonNode started = first.ask(ScriptedTurns.Gate.open(key, false), null);
                taskId = started.path("task_id").asString();
                conversationId = started.path("conversation_id").asString();
                gate = ScriptedTurns.GATES.get(key);
            }
            JsonNode detail = api.get("/api/conversations/" + conversationId, ada.caller()).json();
            assertThat(detail.path("running_task_ids").path(0).asString()).isEqualTo(taskId);
            try (SocketClient reloaded = SocketClient.connect(port, ada)) {
                reloaded.send(Map.of("type", "subscribe", "task_id", taskId, "since_index", -1));
                List<JsonNode> frames = new ArrayList<>(List.of(reloaded.expect("catchup")));
                gate.release1.countDown();
                gate.release2.countDown();
                frames.addAll(reloaded.untilComplete(taskId));
                assertThat(indexes(frames)).isEqualTo(range(0, 15));
            }
            assertThat(api.get("/api/conversations/" + conversationId, ada.caller()).json().path("running_task_ids")).isEmpty();
        }

        @Test
        void aFailingTurnEndsFailedWithItsMessage() {
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                String taskId = socket.ask("fail", null).path("task_id").asString();
                JsonNode complete = socket.untilComplete(taskId).getLast();
                assertThat(complete.path("status").asString()).isEqualTo("failed");
                assertThat(complete.path("error").asString()).isEqualTo("The scripted turn failed");
            }
        }
    }

    @Nested
    class BadInput {
        void assertStillUsable(SocketClient socket) {
            JsonNode started = socket.ask("still there?", null);
            assertThat(socket.untilComplete(started.path("task_id").asString()).getLast().path("status").asString())
                    .isEqualTo("completed");
        }

        @Test
        void aFrameThatIsNotJsonGetsAnErrorAndTheSocketStaysUsable() {
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                socket.sendRaw("{this is not json");
                assertThat(socket.expect("error").path("code").asString()).isEqualTo("malformed_json");
                assertStillUsable(socket);
            }
        }

        @Test
        void aPingIsAnsweredWithAPongCarryingItsRequestId() {
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                socket.send(Map.of("type", "ping", "request_id", "p7"));
                assertThat(socket.expect("pong").path("request_id").asString()).isEqualTo("p7");
            }
        }

        @Test
        void anUnknownTypeGetsAnErrorAndTheSocketStaysUsable() {
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                socket.send(Map.of("type", "launch_missiles", "request_id", "x1"));
                JsonNode error = socket.expect("error");
                assertThat(error.path("code").asString()).isEqualTo("unknown_type");
                assertThat(error.path("request_id").asString()).isEqualTo("x1");
                assertStillUsable(socket);
            }
        }

        @Test
        void aMissingFieldGetsAnErrorAndTheSocketStaysUsable() {
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                socket.send(Map.of("type", "send_message"));
                JsonNode error = socket.expect("error");
                assertThat(error.path("code").asString()).isEqualTo("missing_field");
                assertThat(error.path("message").asString()).contains("message");
                assertStillUsable(socket);
            }
        }

        @Test
        void aFrameOver64KiBGetsAnErrorAndTheSocketStaysUsable() {
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                socket.send(Map.of("type", "send_message", "message", "x".repeat(70_000)));
                assertThat(socket.expect("error").path("code").asString()).isEqualTo("frame_too_large");
                assertStillUsable(socket);
            }
        }

        @Test
        void aConversationOfAnotherOrganizationIsNotFoundAndNothingIsWritten() {
            Session eve = api.devLogin("eve@" + domain());
            String foreign = api.post("/api/conversations", eve.caller(), Map.of("title", "Eve's")).json().path("id").asString();
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                socket.send(Map.of("type", "send_message", "message", "hello", "conversation_id", foreign));
                JsonNode error = socket.expect("error");
                assertThat(error.path("code").asString()).isEqualTo("not_found");
                assertThat(error.path("message").asString()).doesNotContain("Eve");
                assertStillUsable(socket);
            }
            assertThat(api.get("/api/conversations/" + foreign, eve.caller()).json().path("messages")).isEmpty();
        }

        @Test
        void anInvisiblePrivateConversationOfTheSameOrganizationIsNotFound() {
            String d = domain();
            Session owner = api.devLogin("owner@" + d);
            Session other = api.devLogin("other@" + d);
            String secret = api.post("/api/conversations", owner.caller(), Map.of()).json().path("id").asString();
            try (SocketClient socket = SocketClient.connect(port, other)) {
                socket.send(Map.of("type", "typing", "conversation_id", secret));
                assertThat(socket.expect("error").path("code").asString()).isEqualTo("not_found");
                socket.send(Map.of("type", "send_message", "message", "let me in", "conversation_id", secret));
                assertThat(socket.expect("error").path("code").asString()).isEqualTo("not_found");
                assertStillUsable(socket);
            }
        }

        @Test
        void aSubscriptionToATaskOfAnotherOrganizationIsNotFound() {
            Session eve = api.devLogin("eve@" + domain());
            String taskId;
            try (SocketClient eves = SocketClient.connect(port, eve)) {
                taskId = eves.ask("stream 3 0", null).path("task_id").asString();
                eves.untilComplete(taskId);
            }
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                socket.send(Map.of("type", "subscribe", "task_id", taskId, "since_index", -1));
                assertThat(socket.expect("error").path("code").asString()).isEqualTo("not_found");
                assertStillUsable(socket);
            }
        }
    }

    @Nested
    class Cancel {
        @Test
        void cancelEndsTheTaskCancelledPromptly() {
            try (SocketClient socket = SocketClient.connect(port, ada)) {
                String taskId = socket.ask("block", null).path("task_id").asString();
                socket.expect("task_chunk");
                long asked = System.nanoTime();
                socket.send(Map.of("type", "cancel", "task_id", taskId));
                JsonNode complete = socket.next(Duration.ofSeconds(5));
                long tookMillis = (System.nanoTime() - asked) / 1_000_000;
                assertThat(complete.path("type").asString()).isEqualTo("task_complete");
                assertThat(complete.path("status").asString()).isEqualTo("cancelled");
                assertThat(tookMillis).isLessThan(5000);
            }
        }
    }

    @Nested
    class Others {
        @Test
        void typingReachesTheOthersWhoSeeTheConversationOnly() {
            String d = domain();
            Session owner = api.devLogin("owner@" + d);
            Session bob = api.devLogin("bob@" + d);
            Session dave = api.devLogin("dave@" + d);
            String priv = api.post("/api/conversations", owner.caller(), Map.of()).json().path("id").asString();
            api.post("/api/conversations/" + priv + "/participants", owner.caller(), Map.of("user_id", bob.userId().toString()));
            String shared = api.post("/api/conversations", owner.caller(), Map.of("scope", "shared")).json().path("id").asString();
            try (SocketClient o = SocketClient.connect(port, owner);
                 SocketClient b = SocketClient.connect(port, bob);
                 SocketClient dv = SocketClient.connect(port, dave)) {
                o.send(Map.of("type", "typing", "conversation_id", priv));
                JsonNode typing = b.expect("typing");
                assertThat(typing.path("conversation_id").asString()).isEqualTo(priv);
                assertThat(typing.path("user_id").asString()).isEqualTo(owner.userId().toString());

                o.send(Map.of("type", "typing", "conversation_id", shared));
                // dave's first frame is the shared conversation's: he never heard of the private one
                assertThat(dv.expect("typing").path("conversation_id").asString()).isEqualTo(shared);
            }
        }

        @Test
        void aMessageInASharedConversationIsForwardedToOthersWhoCanFollowTheAnswer() {
            String d = domain();
            Session owner = api.devLogin("owner@" + d);
            Session bob = api.devLogin("bob@" + d);
            UUID shared = UUID.fromString(api.post("/api/conversations", owner.caller(), Map.of("scope", "shared")).json().path("id").asString());
            try (SocketClient o = SocketClient.connect(port, owner); SocketClient b = SocketClient.connect(port, bob)) {
                String taskId = o.ask("stream 5 0", shared).path("task_id").asString();
                JsonNode news = b.expect("new_message");
                assertThat(news.path("conversation_id").asString()).isEqualTo(shared.toString());
                assertThat(news.path("message").path("content_blocks").path(0).path("text").asString()).isEqualTo("stream 5 0");
                assertThat(news.path("task_id").asString()).isEqualTo(taskId);

                b.send(Map.of("type", "subscribe", "task_id", taskId, "since_index", -1));
                List<JsonNode> watched = b.untilComplete(taskId);
                assertThat(indexes(watched)).isEqualTo(range(0, 5));
            }
        }

        @Test
        void removingAParticipantStopsTheirLiveStreamAtOnce() {
            String d = domain();
            Session owner = api.devLogin("owner@" + d);
            Session bob = api.devLogin("bob@" + d);
            UUID priv = UUID.fromString(api.post("/api/conversations", owner.caller(), Map.of()).json().path("id").asString());
            api.post("/api/conversations/" + priv + "/participants", owner.caller(), Map.of("user_id", bob.userId().toString()));
            String key = UUID.randomUUID().toString();
            try (SocketClient o = SocketClient.connect(port, owner); SocketClient b = SocketClient.connect(port, bob)) {
                String taskId = o.ask(ScriptedTurns.Gate.open(key, false), priv).path("task_id").asString();
                b.expect("new_message");
                b.send(Map.of("type", "subscribe", "task_id", taskId, "since_index", -1));
                assertThat(b.expect("catchup").path("status").asString()).isEqualTo("running");

                assertThat(api.delete("/api/conversations/" + priv + "/participants/" + bob.userId(), owner.caller()).status()).isEqualTo(204);
                JsonNode revoked = b.until(ofType("error")).getLast();
                assertThat(revoked.path("task_id").asString()).isEqualTo(taskId);
                ScriptedTurns.GATES.get(key).release1.countDown();
                ScriptedTurns.GATES.get(key).release2.countDown();
                o.untilComplete(taskId);
            }
        }
    }
}
