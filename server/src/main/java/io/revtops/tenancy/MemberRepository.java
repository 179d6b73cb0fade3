package io.revtops.tenancy;

import io.revtops.tenancy.Views.MemberView;
import io.revtops.tenancy.Views.MembershipView;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code org_members} table. */
@Repository
public class MemberRepository {

    /** All organizations a user belongs to (system lookup at sign-in). */
    public List<MembershipView> membershipsOf(JdbcClient j, UUID userId) {
        return j.sql("""
                SELECT o.id, o.name, o.handle, o.email_domain, o.is_personal, m.role, m.status
                  FROM org_members m JOIN organizations o ON o.id = m.organization_id
                 WHERE m.user_id = :u
                 ORDER BY m.joined_at
                """).param("u", userId).query(MembershipView.class).list();
    }

    public void add(JdbcClient j, UUID orgId, UUID userId, Role role) {
        j.sql("""
                INSERT INTO org_members (organization_id, user_id, role, status, joined_at)
                VALUES (:o, :u, :r, 'active', now())
                ON CONFLICT (organization_id, user_id) DO NOTHING
                """).param("o", orgId).param("u", userId).param("r", role.dbValue()).update();
    }

    /** The caller's active role in the current organization (runs under RLS for that organization). */
    public Optional<Role> activeRole(JdbcClient j, UUID orgId, UUID userId) {
        return j.sql("SELECT role FROM org_members WHERE organization_id = :o AND user_id = :u AND status = 'active'")
                .param("o", orgId).param("u", userId).query(String.class).optional().map(Role::fromDb);
    }

    public List<MemberView> list(JdbcClient j) {
        return j.sql("""
                SELECT u.id AS user_id, u.email, u.name, m.role, m.status, m.title, m.joined_at
                  FROM org_members m JOIN users u ON u.id = m.user_id
                 ORDER BY lower(u.email)
                """).query(MemberView.class).list();
    }

    public Optional<MemberView> get(JdbcClient j, UUID userId) {
        return j.sql("""
                SELECT u.id AS user_id, u.email, u.name, m.role, m.status, m.title, m.joined_at
                  FROM org_members m JOIN users u ON u.id = m.user_id
                 WHERE m.user_id = :u
                """).param("u", userId).query(MemberView.class).optional();
    }

    public long activeAdmins(JdbcClient j) {
        return j.sql("SELECT count(*) FROM org_members WHERE role = 'admin' AND status = 'active'")
                .query(Long.class).single();
    }

    public void setRole(JdbcClient j, UUID userId, Role role) {
        j.sql("UPDATE org_members SET role = :r WHERE user_id = :u").param("r", role.dbValue()).param("u", userId).update();
    }

    public void setStatus(JdbcClient j, UUID userId, String status) {
        j.sql("UPDATE org_members SET status = :s WHERE user_id = :u").param("s", status).param("u", userId).update();
    }
}
