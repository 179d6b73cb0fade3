package io.revtops.tenancy;

import io.revtops.tenancy.Views.OrganizationView;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code organizations} table. */
@Repository
public class OrganizationRepository {
    private static final String COLUMNS = "id, name, handle, email_domain, is_personal";

    public Optional<OrganizationView> byId(JdbcClient j, UUID id) {
        return j.sql("SELECT " + COLUMNS + " FROM organizations WHERE id = :id")
                .param("id", id).query(OrganizationView.class).optional();
    }

    /** The team organization that owns a work-email domain (personal workspaces never match). */
    public Optional<OrganizationView> byDomain(JdbcClient j, String domain) {
        return j.sql("SELECT " + COLUMNS + """
                 FROM organizations
                WHERE lower(email_domain) = lower(:d) AND NOT is_personal
                ORDER BY created_at LIMIT 1
                """).param("d", domain).query(OrganizationView.class).optional();
    }

    public boolean handleTaken(JdbcClient j, String handle) {
        return j.sql("SELECT count(*) FROM organizations WHERE lower(handle) = lower(:h)")
                .param("h", handle).query(Long.class).single() > 0;
    }

    public OrganizationView create(JdbcClient j, String name, String handle, String domain, boolean personal) {
        return j.sql("INSERT INTO organizations (name, handle, email_domain, is_personal) VALUES (:n, :h, :d, :p) RETURNING "
                        + COLUMNS)
                .param("n", name).param("h", handle).param("d", domain).param("p", personal)
                .query(OrganizationView.class).single();
    }

    /** Serializes first sign-ins of one domain so two people of a new company end up in one organization. */
    public void lockDomain(JdbcClient j, String domain) {
        j.sql("SELECT pg_advisory_xact_lock(hashtext('org-domain:' || lower(:d)))").param("d", domain).query().singleRow();
    }
}
