package io.revtops.tenancy;

import io.revtops.tenancy.Views.CurrentOrganization;
import io.revtops.tenancy.Views.OrganizationView;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The organization with its settings (visible only as the current organization under RLS). */
    public Optional<CurrentOrganization> current(JdbcClient j, UUID id) {
        return j.sql("SELECT " + COLUMNS + ", settings::text AS settings FROM organizations WHERE id = :id").param("id", id)
                .query((rs, n) -> new CurrentOrganization(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("handle"), rs.getString("email_domain"), rs.getBoolean("is_personal"),
                        JSON.readValue(rs.getString("settings"), new TypeReference<Map<String, Object>>() {})))
                .optional();
    }

    /** Renames the organization (when {@code name} is given) and merges {@code settings} into its settings. */
    public void update(JdbcClient j, UUID id, Optional<String> name, Map<String, Object> settings) {
        j.sql("""
                UPDATE organizations
                   SET name = coalesce(:name, name),
                       settings = settings || CAST(:settings AS jsonb),
                       updated_at = now()
                 WHERE id = :id
                """).param("id", id).param("name", name.orElse(null)).param("settings", JSON.writeValueAsString(settings)).update();
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
