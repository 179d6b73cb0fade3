package io.revtops.agent.tasks;

import io.revtops.agent.ChunkType;
import io.revtops.agent.TaskChunk;
import io.revtops.agent.TaskEvent.TaskRef;
import io.revtops.agent.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code agent_tasks} and {@code agent_task_chunks}. */
@Repository
public class TaskRepository {
    private final JsonMapper json;

    public TaskRepository(JsonMapper json) {
        this.json = json;
    }

    /** A task's row as catch-up and cancel need it. */
    public record TaskRow(UUID id, UUID conversationId, Optional<UUID> userId, UUID conversationOwnerId,
                          TaskStatus status, Optional<String> error, Optional<String> ownerNode, int lastChunkIndex) {}

    public UUID insert(JdbcClient j, UUID orgId, UUID conversationId, UUID userId, String ownerNode) {
        return j.sql("""
                INSERT INTO agent_tasks (organization_id, conversation_id, user_id, status, owner_node)
                VALUES (:org, :c, :u, 'running', :node)
                RETURNING id
                """).param("org", orgId).param("c", conversationId).param("u", userId).param("node", ownerNode)
                .query(UUID.class).single();
    }

    public void linkMessage(JdbcClient j, UUID taskId, UUID messageId) {
        j.sql("UPDATE agent_tasks SET message_id = :m, updated_at = now() WHERE id = :t")
                .param("m", messageId).param("t", taskId).update();
    }

    /** Records how the task ended, once: a finished task is never reopened. */
    public boolean finish(JdbcClient j, UUID taskId, TaskStatus status, Optional<String> error, int lastChunkIndex) {
        return j.sql("""
                UPDATE agent_tasks
                   SET status = :s, error = :e, last_chunk_index = :last, finished_at = now(), updated_at = now()
                 WHERE id = :t AND status = 'running'
                """).param("s", status.dbValue()).param("e", error.orElse(null)).param("last", lastChunkIndex)
                .param("t", taskId).update() == 1;
    }

    public Optional<TaskRow> find(JdbcClient j, UUID taskId) {
        return j.sql("""
                SELECT t.id, t.conversation_id, t.user_id, c.user_id AS owner_id, t.status, t.error, t.owner_node,
                       t.last_chunk_index
                  FROM agent_tasks t JOIN conversations c ON c.id = t.conversation_id
                 WHERE t.id = :t
                """).param("t", taskId)
                .query((rs, n) -> new TaskRow(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                        Optional.ofNullable(rs.getObject("user_id", UUID.class)), rs.getObject("owner_id", UUID.class),
                        TaskStatus.fromDb(rs.getString("status")), Optional.ofNullable(rs.getString("error")),
                        Optional.ofNullable(rs.getString("owner_node")), rs.getInt("last_chunk_index")))
                .optional();
    }

    public List<TaskChunk> chunksSince(JdbcClient j, UUID taskId, int sinceIndex) {
        return j.sql("""
                SELECT idx, type, data::text AS data FROM agent_task_chunks
                 WHERE task_id = :t AND idx > :since
                 ORDER BY idx
                """).param("t", taskId).param("since", sinceIndex)
                .query((rs, n) -> new TaskChunk(rs.getInt("idx"), ChunkType.fromWire(rs.getString("type")),
                        json.readTree(rs.getString("data"))))
                .list();
    }

    /**
     * Appends chunks of any number of tasks in one statement. {@code rowsJson} is a JSON array of
     * {@code {o, t, c, i, y, d}} (organization, task, conversation, index, type, data). Rows of tasks deleted in the
     * meantime (their conversation was deleted) are skipped; rows already written are left as they are.
     */
    public int appendChunks(JdbcClient j, String rowsJson) {
        return j.sql("""
                INSERT INTO agent_task_chunks (organization_id, task_id, conversation_id, idx, type, data)
                SELECT CAST(r->>'o' AS uuid), CAST(r->>'t' AS uuid), CAST(r->>'c' AS uuid), CAST(r->>'i' AS int),
                       r->>'y', r->'d'
                  FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r
                 WHERE EXISTS (SELECT 1 FROM agent_tasks t WHERE t.id = CAST(r->>'t' AS uuid))
                ON CONFLICT (task_id, idx) DO NOTHING
                """).param("rows", rowsJson).update();
    }

    /** This node is alive: its running tasks' heartbeat is now. */
    public int heartbeat(JdbcClient j, String ownerNode) {
        return j.sql("UPDATE agent_tasks SET heartbeat_at = now() WHERE status = 'running' AND owner_node = :node")
                .param("node", ownerNode).update();
    }

    /** A task failed by the liveness sweep, with its last persisted chunk. */
    public record Stale(TaskRef ref, int lastIndex) {}

    /** Fails running tasks whose node has not sent a heartbeat within {@code staleAfter}: that node is gone. */
    public List<Stale> failStale(JdbcClient j, Duration staleAfter, String error) {
        return j.sql("""
                UPDATE agent_tasks
                   SET status = 'failed', error = :e, finished_at = now(), updated_at = now(),
                       last_chunk_index = coalesce((SELECT max(idx) FROM agent_task_chunks k WHERE k.task_id = agent_tasks.id), -1)
                 WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => :secs)
                RETURNING organization_id, conversation_id, id, last_chunk_index
                """).param("e", error).param("secs", staleAfter.toMillis() / 1000.0)
                .query((rs, n) -> new Stale(new TaskRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class)), rs.getInt(4)))
                .list();
    }

    /** Fails the tasks a previous run of this node left running: nobody is writing them any more. */
    public int failOrphans(JdbcClient j, String ownerNode, String error) {
        return j.sql("""
                UPDATE agent_tasks
                   SET status = 'failed', error = :e, finished_at = now(), updated_at = now(),
                       last_chunk_index = coalesce((SELECT max(idx) FROM agent_task_chunks k WHERE k.task_id = agent_tasks.id), -1)
                 WHERE status = 'running' AND owner_node = :node
                """).param("e", error).param("node", ownerNode).update();
    }
}
