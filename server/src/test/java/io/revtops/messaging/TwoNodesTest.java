package io.revtops.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.Revtops;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.ScriptedTurns;
import io.revtops.testing.TestApi;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Two api processes on one database (acceptance 5): the test's context is node 1; a second application context in
 * this JVM, with its own node id, port and connection pool, is node 2. Same data directory, so the same signing key.
 */
@RevtopsTest
@Import(ScriptedTurns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {
    @LocalServerPort int port1;
    @Autowired Environment env;
    ConfigurableApplicationContext node2;
    int port2;
    String node2Id = "node-2-" + UUID.randomUUID().toString().substring(0, 8);
    TestApi api;
    Session ada;
    UUID orphanTask;

    @BeforeAll
    void startNodeTwo() throws Exception {
        api = new TestApi(port1);
        ada = api.devLogin("ada@co" + UUID.randomUUID().toString().substring(0, 8) + ".test");
        orphanTask = leaveATaskRunningFor(node2Id);
        // the scan of node 2 also finds ScriptedTurns (no test filter outside a test context): node 2 runs it
        // command-line arguments: they win over application.yml (default properties would not)
        node2 = new SpringApplicationBuilder(Revtops.class, ScriptedTurns.class).run(
                "--server.port=0",
                "--revtops.node-id=" + node2Id,
                "--revtops.roles=api",
                "--revtops.database-url=" + TestDatabase.get().databaseUrl(),
                "--revtops.data-dir=" + env.getRequiredProperty("revtops.data-dir"));
        port2 = Integer.parseInt(node2.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    void stopNodeTwo() {
        if (node2 != null) node2.close();
    }

    UUID leaveATaskRunningFor(String node) throws Exception {
        UUID conversation = UUID.fromString(api.post("/api/conversations", ada.caller(), Map.of()).json().path("id").asString());
        try (Connection c = TestDatabase.get().connect();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO agent_tasks (organization_id, conversation_id, user_id, status, owner_node)
                     VALUES (?, ?, ?, 'running', ?) RETURNING id""")) {
            s.setObject(1, ada.orgId());
            s.setObject(2, conversation);
            s.setObject(3, ada.userId());
            s.setString(4, node);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    static List<Integer> indexes(List<JsonNode> frames) {
        return ChatSocketTest.indexes(frames);
    }

    @Test
    void aTurnRunningOnNodeTwoStreamsToASocketOnNodeOneInOrderExactlyOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        // chunk 12 is 20 KB: too big for a notification, it travels as a pointer into the chunk log
        String message = ScriptedTurns.Gate.open(key, true);
        ScriptedTurns.Gate gate = ScriptedTurns.GATES.get(key);
        try (SocketClient onNode2 = SocketClient.connect(port2, ada); SocketClient onNode1 = SocketClient.connect(port1, ada)) {
            String taskId = onNode2.ask(message, null).path("task_id").asString();
            onNode1.send(Map.of("type", "subscribe", "task_id", taskId, "since_index", -1));
            List<JsonNode> frames = new ArrayList<>(List.of(onNode1.expect("catchup")));
            gate.release1.countDown();
            assertThat(gate.phase2.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // while the turn still runs on node 2, chunks 5-9 reach node 1 live (well before any periodic re-sync)
            while (!indexes(frames).contains(9)) frames.add(onNode1.next(Duration.ofSeconds(2)));
            gate.release2.countDown();
            frames.addAll(onNode1.untilComplete(taskId));

            assertThat(indexes(frames)).isEqualTo(IntStream.range(0, 15).boxed().toList());
            JsonNode big = frames.stream().filter(f -> f.path("chunk").path("index").asInt(-1) == 12).findFirst()
                    .orElseThrow().path("chunk");
            assertThat(big.path("data").path("text").asString()).hasSize(20_000);
            assertThat(frames.getLast().path("status").asString()).isEqualTo("completed");
        }
    }

    @Test
    void cancelSentToNodeOneStopsATurnRunningOnNodeTwoPromptly() {
        try (SocketClient onNode2 = SocketClient.connect(port2, ada); SocketClient onNode1 = SocketClient.connect(port1, ada)) {
            String taskId = onNode2.ask("block", null).path("task_id").asString();
            onNode2.expect("task_chunk");
            onNode1.send(Map.of("type", "subscribe", "task_id", taskId, "since_index", 0));
            assertThat(onNode1.expect("catchup").path("status").asString()).isEqualTo("running");

            long asked = System.nanoTime();
            onNode1.send(Map.of("type", "cancel", "task_id", taskId));
            JsonNode complete = onNode1.next(Duration.ofSeconds(5));
            assertThat(complete.path("type").asString()).isEqualTo("task_complete");
            assertThat(complete.path("status").asString()).isEqualTo("cancelled");
            assertThat((System.nanoTime() - asked) / 1_000_000).isLessThan(5000);
        }
    }

    @Test
    void typingOnNodeTwoReachesATeammateOnNodeOne() {
        Session bob = api.devLogin("bob@" + domainOf(ada));
        String shared = api.post("/api/conversations", ada.caller(), Map.of("scope", "shared")).json().path("id").asString();
        try (SocketClient bobOnNode1 = SocketClient.connect(port1, bob); SocketClient adaOnNode2 = SocketClient.connect(port2, ada)) {
            adaOnNode2.send(Map.of("type", "typing", "conversation_id", shared));
            JsonNode typing = bobOnNode1.expect("typing");
            assertThat(typing.path("conversation_id").asString()).isEqualTo(shared);
            assertThat(typing.path("user_id").asString()).isEqualTo(ada.userId().toString());
        }
    }

    @Test
    void aNodeFailsTheTasksItLeftRunningWhenItStartsAgain() {
        var catchup = node2.getBean(io.revtops.agent.AgentTasks.class)
                .chunksSince(io.revtops.platform.db.Tenant.of(ada.orgId(), ada.userId()), orphanTask, -1);
        assertThat(catchup.status().dbValue()).isEqualTo("failed");
        assertThat(catchup.error()).hasValueSatisfying(e -> assertThat(e).contains("restarted"));
    }

    String domainOf(Session s) {
        String email = api.get("/api/auth/me", new TestApi.Caller(s.token(), null)).json().path("user").path("email").asString();
        return email.substring(email.indexOf('@') + 1);
    }
}
