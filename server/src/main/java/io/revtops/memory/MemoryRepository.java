package io.revtops.memory;

import io.revtops.memory.Memory.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code memories} table (row-level security decides who sees and changes what). */
@Repository
public class MemoryRepository {
    private static final String COLUMNS = "id, user_id, scope, role_name, channel_id, content, created_at, updated_at";

    static Memory map(ResultSet rs, int n) throws SQLException {
        return new Memory(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), Scope.fromDb(rs.getString("scope")),
                Optional.ofNullable(rs.getString("role_name")), Optional.ofNullable(rs.getString("channel_id")),
                rs.getString("content"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    /** Memories that apply to this user now: their own, their role's, and (when given) the channel's. */
    public List<Memory> applicable(JdbcClient j, UUID userId, Optional<String> role, Optional<String> channelId) {
        return j.sql("SELECT " + COLUMNS + """
                 FROM memories
                WHERE (scope IN ('user', 'global_command') AND user_id = :u)
                   OR (scope = 'role' AND role_name = :role)
                   OR (scope = 'channel' AND channel_id = :channel)
                ORDER BY scope, created_at
                LIMIT 200
                """).param("u", userId).param("role", role.orElse(null)).param("channel", channelId.orElse(null))
                .query(MemoryRepository::map).list();
    }

    public List<Memory> visible(JdbcClient j) {
        return j.sql("SELECT " + COLUMNS + " FROM memories ORDER BY created_at DESC LIMIT 500").query(MemoryRepository::map).list();
    }

    public Optional<Memory> get(JdbcClient j, UUID id) {
        return j.sql("SELECT " + COLUMNS + " FROM memories WHERE id = :id").param("id", id).query(MemoryRepository::map).optional();
    }

    public Memory insert(JdbcClient j, UUID orgId, UUID userId, Scope scope, String roleName, String channelId, String content) {
        return j.sql("INSERT INTO memories (organization_id, user_id, scope, role_name, channel_id, content) "
                        + "VALUES (:o, :u, :s, :r, :c, :content) RETURNING " + COLUMNS)
                .param("o", orgId).param("u", userId).param("s", scope.db()).param("r", roleName).param("c", channelId)
                .param("content", content).query(MemoryRepository::map).single();
    }

    /** Updates the content; returns false when no row was visible and changeable (not the creator). */
    public boolean update(JdbcClient j, UUID id, String content) {
        return j.sql("UPDATE memories SET content = :c, updated_at = now() WHERE id = :id")
                .param("c", content).param("id", id).update() == 1;
    }

    public boolean delete(JdbcClient j, UUID id) {
        return j.sql("DELETE FROM memories WHERE id = :id").param("id", id).update() == 1;
    }
}
