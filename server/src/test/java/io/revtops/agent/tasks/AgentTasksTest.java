package io.revtops.agent.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.AgentTasks;
import io.revtops.agent.AgentTasks.Catchup;
import io.revtops.agent.AgentTasks.Started;
import io.revtops.agent.AgentTasks.TurnRequest;
import io.revtops.agent.TaskChunk;
import io.revtops.agent.TaskEvent;
import io.revtops.agent.TaskStatus;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.errors.ApiException;
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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** Agent tasks through their public API: the chunk log, catch-up while streaming, cancel, visibility. */
@RevtopsTest
@Import(ScriptedTurns.class)
class AgentTasksTest {
    @LocalServerPort int port;
    @Autowired AgentTasks tasks;
    Session ada;
    Tenant tenant;

    @BeforeEach
    void setUp() {
        ada = new TestApi(port).devLogin("ada@co" + UUID.randomUUID().toString().substring(0, 8) + ".test");
        tenant = Tenant.of(ada.orgId(), ada.userId());
    }

    Catchup awaitFinished(UUID taskId, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Catchup c = tasks.chunksSince(tenant, taskId, -1);
            if (c.status().finished()) return c;
            if (System.nanoTime() > deadline) throw new AssertionError("task " + taskId + " still " + c.status() + " after " + within);
            Thread.onSpinWait();
        }
    }

    @Test
    void everyChunkIsStoredOnceWithADenseIndexAndTheTaskRecordsItsEnd() throws Exception {
        Started started = tasks.start(tenant, TurnRequest.of("stream 300 0"));
        awaitFinished(started.taskId(), Duration.ofSeconds(20));
        List<Integer> stored = new ArrayList<>();
        try (Connection c = TestDatabase.get().connect()) {
            try (PreparedStatement s = c.prepareStatement("SELECT idx FROM agent_task_chunks WHERE task_id = ? ORDER BY idx")) {
                s.setObject(1, started.taskId());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) stored.add(rs.getInt(1));
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT status, last_chunk_index, message_id IS NOT NULL, owner_node, finished_at IS NOT NULL FROM agent_tasks WHERE id = ?")) {
                s.setObject(1, started.taskId());
                try (ResultSet rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("completed");
                    assertThat(rs.getInt(2)).isEqualTo(299);
                    assertThat(rs.getBoolean(3)).as("assistant message linked").isTrue();
                    assertThat(rs.getString(4)).isEqualTo(tasks.nodeId());
                    assertThat(rs.getBoolean(5)).isTrue();
                }
            }
        }
        assertThat(stored).isEqualTo(IntStream.range(0, 300).boxed().toList());
    }

    @Test
    void aCatchUpDuringStreamingIsAlwaysExactlyTheChunksAfterTheGivenIndex() throws Exception {
        java.util.concurrent.atomic.AtomicReference<UUID> mine = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger emitted = new java.util.concurrent.atomic.AtomicInteger(-1);
        int reads = 0;
        try (AutoCloseable ignored = tasks.listen(e -> {
            if (e instanceof TaskEvent.Chunk c && c.task().taskId().equals(mine.get())) emitted.set(c.chunk().index());
        })) {
            Started started = tasks.start(tenant, TurnRequest.of("stream 400 1"), s -> mine.set(s.taskId()));
            Catchup last;
            do {
                int before = emitted.get();
                int since = Math.max(-1, before - ThreadLocalRandom.current().nextInt(0, 60));
                last = tasks.chunksSince(tenant, started.taskId(), since);
                List<Integer> got = last.chunks().stream().map(TaskChunk::index).toList();
                // every chunk emitted before the read, whether still in memory or already written, none twice
                assertThat(got).as("read %d since %d", reads, since)
                        .isEqualTo(IntStream.range(since + 1, since + 1 + got.size()).boxed().toList());
                assertThat(since + got.size()).as("read %d covers chunk %d", reads, before).isGreaterThanOrEqualTo(before);
                reads++;
            } while (!last.status().finished());
            assertThat(tasks.chunksSince(tenant, started.taskId(), -1).chunks()).hasSize(400);
        }
        assertThat(reads).as("reads while streaming").isGreaterThan(20);
    }

    @Test
    void listenersGetEveryChunkInOrderBeforeTheEnd() throws Exception {
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<TaskEvent.Finished> end = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<UUID> mine = new java.util.concurrent.atomic.AtomicReference<>();
        try (AutoCloseable ignored = tasks.listen(e -> {
            if (!e.task().taskId().equals(mine.get())) return;
            switch (e) {
                case TaskEvent.Chunk c -> seen.add(c.chunk().index());
                case TaskEvent.Finished f -> end.complete(f);
            }
        })) {
            tasks.start(tenant, TurnRequest.of("stream 200 0"), s -> mine.set(s.taskId()));
            TaskEvent.Finished finished = end.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(finished.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(finished.lastIndex()).isEqualTo(199);
        }
        assertThat(seen).isEqualTo(IntStream.range(0, 200).boxed().toList());
    }

    @Test
    void aRunnerThatIgnoresCancelStillEndsCancelledPromptly() {
        Started started = tasks.start(tenant, TurnRequest.of("stubborn"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tasks.chunksSince(tenant, started.taskId(), -1).chunks().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long asked = System.nanoTime();
        assertThat(tasks.cancel(tenant, started.taskId()).result()).isEqualTo(AgentTasks.CancelOutcome.Result.CANCELLED);
        Catchup end = awaitFinished(started.taskId(), Duration.ofSeconds(5));
        assertThat((System.nanoTime() - asked) / 1_000_000).isLessThan(5000);
        assertThat(end.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(end.chunks()).extracting(TaskChunk::index).containsExactly(0);
    }

    @Test
    void anotherUsersTaskIsNotFound() {
        Started started = tasks.start(tenant, TurnRequest.of("stream 2 0"));
        Session eve = new TestApi(port).devLogin("eve@co" + UUID.randomUUID().toString().substring(0, 8) + ".test");
        Tenant other = Tenant.of(eve.orgId(), eve.userId());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.chunksSince(other, started.taskId(), -1))
                .isInstanceOf(ApiException.NotFound.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tasks.cancel(other, started.taskId()))
                .isInstanceOf(ApiException.NotFound.class);
    }

    UUID runningTaskOf(String node, String heartbeatAge) throws Exception {
        UUID conversation = tasks.start(tenant, TurnRequest.of("stream 1 0")).conversationId();
        try (Connection c = TestDatabase.get().connect();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO agent_tasks (organization_id, conversation_id, user_id, status, owner_node, heartbeat_at)
                     VALUES (?, ?, ?, 'running', ?, now() - CAST(? AS interval)) RETURNING id""")) {
            s.setObject(1, ada.orgId());
            s.setObject(2, conversation);
            s.setObject(3, ada.userId());
            s.setString(4, node);
            s.setString(5, heartbeatAge);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    @Test
    void aTaskWhoseNodeStoppedSendingHeartbeatsIsFailedAndItsWatchersAreTold() throws Exception {
        UUID gone = runningTaskOf("gone-" + UUID.randomUUID(), "1 hour");
        UUID alive = runningTaskOf("alive-" + UUID.randomUUID(), "5 seconds");
        List<TaskEvent.Finished> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = tasks.listen(e -> {
            if (e instanceof TaskEvent.Finished f && f.task().taskId().equals(gone)) told.add(f);
        })) {
            ((TaskEngine) tasks).checkLiveness();
        }

        Catchup failed = tasks.chunksSince(tenant, gone, -1);
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("stopped"));
        assertThat(told).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(TaskStatus.FAILED));
        assertThat(tasks.chunksSince(tenant, alive, -1).status()).isEqualTo(TaskStatus.RUNNING);
    }
}
