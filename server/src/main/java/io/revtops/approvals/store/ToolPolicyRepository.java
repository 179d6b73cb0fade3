package io.revtops.approvals.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code user_tool_settings} (a user's auto-approvals) and {@code org_tool_policies} (an admin's denials). */
@Repository
public class ToolPolicyRepository {

    /** One setting: a tool key and its flag. */
    public record Setting(String tool, boolean value) {}

    public List<Setting> userSettings(JdbcClient j, UUID userId) {
        return j.sql("SELECT tool, auto_approve FROM user_tool_settings WHERE user_id = :u ORDER BY tool")
                .param("u", userId).query((rs, n) -> new Setting(rs.getString(1), rs.getBoolean(2))).list();
    }

    /** Row-level security allows writing one's own settings only. */
    public void setAutoApprove(JdbcClient j, UUID orgId, UUID userId, String tool, boolean autoApprove) {
        j.sql("""
                INSERT INTO user_tool_settings (organization_id, user_id, tool, auto_approve) VALUES (:o, :u, :t, :a)
                ON CONFLICT (organization_id, user_id, tool) DO UPDATE SET auto_approve = EXCLUDED.auto_approve, updated_at = now()
                """).param("o", orgId).param("u", userId).param("t", tool).param("a", autoApprove).update();
    }

    public List<Setting> orgPolicies(JdbcClient j) {
        return j.sql("SELECT tool, denied FROM org_tool_policies ORDER BY tool")
                .query((rs, n) -> new Setting(rs.getString(1), rs.getBoolean(2))).list();
    }

    public void setDenied(JdbcClient j, UUID orgId, String tool, boolean denied) {
        j.sql("""
                INSERT INTO org_tool_policies (organization_id, tool, denied) VALUES (:o, :t, :d)
                ON CONFLICT (organization_id, tool) DO UPDATE SET denied = EXCLUDED.denied, updated_at = now()
                """).param("o", orgId).param("t", tool).param("d", denied).update();
    }

    /** The first of {@code keys} the organization denies. */
    public Optional<String> deniedKey(JdbcClient j, Collection<String> keys) {
        return j.sql("SELECT tool FROM org_tool_policies WHERE denied AND tool = ANY (CAST(:keys AS text[])) ORDER BY length(tool) LIMIT 1")
                .param("keys", keys.toArray(String[]::new)).query(String.class).optional();
    }

    /** Whether the user auto-approved any of {@code keys}. */
    public boolean userAutoApproves(JdbcClient j, UUID userId, Collection<String> keys) {
        return j.sql("SELECT EXISTS (SELECT 1 FROM user_tool_settings WHERE user_id = :u AND auto_approve AND tool = ANY (CAST(:keys AS text[])))")
                .param("u", userId).param("keys", keys.toArray(String[]::new)).query(Boolean.class).single();
    }
}
