package io.revtops.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TenantRows;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tenant isolation is PostgreSQL's job: through TenantTx, organization A can neither see nor change B's rows. */
@RevtopsTest
class RowLevelSecurityTest {
    /** The only tables without row-level security: Flyway's history and db-scheduler's queue. */
    static final Set<String> GLOBAL_TABLES = Set.of("flyway_schema_history", "scheduled_tasks");

    @Autowired TenantTx tx;
    @Autowired JdbcClient owner;

    UUID orgA;
    UUID orgB;
    UUID userA;
    UUID userB;
    Map<String, String> rowsOfB;

    @BeforeEach
    void twoOrganizations() {
        orgA = org("a");
        orgB = org("b");
        userA = user(orgA);
        userB = user(orgB);
        TenantRows.seed(owner, orgA, userA);
        rowsOfB = TenantRows.seed(owner, orgB, userB);
    }

    UUID org(String tag) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return owner.sql("INSERT INTO organizations (name, handle, email_domain) VALUES (:n, :h, :d) RETURNING id")
                .param("n", "Org " + tag).param("h", "rls-" + tag + "-" + suffix).param("d", tag + suffix + ".test")
                .query(UUID.class).single();
    }

    UUID user(UUID org) {
        UUID id = owner.sql("INSERT INTO users (email, name) VALUES (:e, 'U') RETURNING id")
                .param("e", "u" + UUID.randomUUID() + "@x.test").query(UUID.class).single();
        owner.sql("INSERT INTO org_members (organization_id, user_id, role, status) VALUES (:o, :u, 'admin', 'active')")
                .param("o", org).param("u", id).update();
        return id;
    }

    @Test
    void everyTableHasForcedRowLevelSecurityExceptTheNamedGlobalOnes() {
        List<String> unprotected = owner.sql("""
                SELECT relname FROM pg_class
                 WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')
                   AND NOT (relrowsecurity AND relforcerowsecurity)
                 ORDER BY relname
                """).query(String.class).list();
        assertThat(unprotected).isSubsetOf(GLOBAL_TABLES);
    }

    @Test
    void theFixtureCoversEveryTenantTable() {
        assertThat(rowsOfB.keySet()).containsExactlyInAnyOrderElementsOf(TenantRows.tenantTables(owner));
        assertThat(rowsOfB).hasSizeGreaterThan(30);
    }

    @Test
    void aMemberOfACannotSeeRowsOfBEvenNamingThemDirectly() {
        for (String table : rowsOfB.keySet()) {
            long visible = tx.run(Tenant.of(orgA, userA), j -> j.sql("SELECT count(*) FROM " + table + " WHERE organization_id = :b")
                    .param("b", orgB).query(Long.class).single());
            assertThat(visible).as("rows of B visible in %s", table).isZero();
        }
    }

    @Test
    void aMemberOfACannotUpdateOrDeleteRowsOfB() {
        for (String table : rowsOfB.keySet()) {
            int updated = changedOrRefused(() -> tx.run(Tenant.of(orgA, userA), j -> j.sql(
                    "UPDATE " + table + " SET organization_id = organization_id WHERE organization_id = :b").param("b", orgB).update()));
            int deleted = changedOrRefused(() -> tx.run(Tenant.of(orgA, userA), j -> j.sql(
                    "DELETE FROM " + table + " WHERE organization_id = :b").param("b", orgB).update()));
            assertThat(updated + deleted).as("rows of B changed in %s", table).isZero();
        }
        for (String table : rowsOfB.keySet()) {
            assertThat(owner.sql("SELECT count(*) FROM " + table + " WHERE organization_id = :b").param("b", orgB)
                    .query(Long.class).single()).as("rows of B left in %s", table).isPositive();
        }
    }

    @Test
    void aMemberOfACannotInsertRowsForB() {
        for (String table : rowsOfB.keySet()) {
            String row = owner.sql("SELECT row_to_json(t)::text FROM " + table + " t WHERE organization_id = :b LIMIT 1")
                    .param("b", orgB).query(String.class).single();
            String columns = insertableColumns(table);
            assertThatThrownBy(() -> tx.execute(Tenant.of(orgA, userA), j -> j.sql(
                    "INSERT INTO " + table + " (" + columns + ") SELECT " + columns
                            + " FROM json_populate_record(NULL::" + table + ", CAST(:row AS json))")
                    .param("row", row).update()))
                    .as("insert into %s for B", table)
                    .isInstanceOf(DataAccessException.class)
                    .rootCause().hasMessageContaining("row-level security");
        }
    }

    @Test
    void aMemberOfACannotMoveTheirRowsToB() {
        for (String table : rowsOfB.keySet()) {
            if (table.equals("organizations")) continue;
            assertThatThrownBy(() -> tx.execute(Tenant.of(orgA, userA), j -> j.sql(
                    "UPDATE " + table + " SET organization_id = :b WHERE organization_id = :a")
                    .param("a", orgA).param("b", orgB).update()))
                    .as("moving rows of %s to B", table)
                    .isInstanceOf(DataAccessException.class);
        }
    }

    @Test
    void withNoOrganizationSetTenantTablesShowNoRows() {
        for (String table : rowsOfB.keySet()) {
            long visible = owner.sql("SELECT count(*) FROM (SELECT 1 FROM " + table + ") t").query(Long.class).single();
            assertThat(visible).isPositive(); // the owner sees them: the rows exist
        }
        List<String> leaking = tx.system("test: no-org role check", j -> {
            j.sql("SET LOCAL ROLE revtops_app").update();
            return rowsOfB.keySet().stream()
                    .filter(t -> j.sql("SELECT count(*) FROM " + t).query(Long.class).single() > 0)
                    .toList();
        });
        assertThat(leaking).isEmpty();
    }

    @Test
    void theSettingsDoNotOutliveTheTransaction() {
        tx.run(Tenant.of(orgA, userA), j -> j.sql("SELECT 1").query(Integer.class).single());
        String after = tx.system("test: settings cleared", j ->
                j.sql("SELECT coalesce(current_setting('app.current_org_id', true), '') || '|' || current_user")
                        .query(String.class).single());
        assertThat(after).doesNotContain(orgA.toString()).doesNotContain("revtops_app");
    }

    @Test
    void aGarbageOrganizationSettingFailsClosed() {
        long visible = tx.system("test: garbage setting", j -> {
            j.sql("SELECT set_config('app.current_org_id', 'not-a-uuid', true)").query().singleRow();
            j.sql("SET LOCAL ROLE revtops_app").update();
            return j.sql("SELECT count(*) FROM accounts").query(Long.class).single();
        });
        assertThat(visible).isZero();
    }

    /** Rows changed, or 0 when the role may not change the table at all (the append-only ledger). */
    static int changedOrRefused(java.util.function.IntSupplier change) {
        try {
            return change.getAsInt();
        } catch (DataAccessException e) {
            assertThat(e.getMostSpecificCause().getMessage()).contains("permission denied");
            return 0;
        }
    }

    String insertableColumns(String table) {
        return String.join(", ", owner.sql("""
                SELECT column_name FROM information_schema.columns
                 WHERE table_schema = 'public' AND table_name = :t AND is_generated = 'NEVER' AND generation_expression IS NULL
                 ORDER BY ordinal_position
                """).param("t", table).query(String.class).list());
    }
}
