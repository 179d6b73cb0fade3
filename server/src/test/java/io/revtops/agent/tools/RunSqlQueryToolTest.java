package io.revtops.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.agent.AgentProperties;
import io.revtops.agent.TurnSource;
import io.revtops.agent.model.CancellationToken;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.testing.RevtopsTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** run_sql_query (issue 4, acceptance 6): reads under RLS, refuses everything else, and the database backs it up. */
@RevtopsTest
class RunSqlQueryToolTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    @Autowired TenantTx tx;
    @Autowired JdbcClient owner;
    @Autowired RunSqlQueryTool tool;
    @Autowired QueryVectors vectors;

    UUID orgA;
    UUID orgB;
    UUID userA;

    @BeforeEach
    void twoOrganizationsWithAccounts() {
        orgA = org();
        orgB = org();
        userA = owner.sql("INSERT INTO users (email, name) VALUES (:e, 'A') RETURNING id").param("e", UUID.randomUUID() + "@a.test")
                .query(UUID.class).single();
        owner.sql("INSERT INTO org_members (organization_id, user_id, role, status) VALUES (:o, :u, 'admin', 'active')")
                .param("o", orgA).param("u", userA).update();
        for (int i = 0; i < 3; i++) account(orgA, "Alpha " + i);
        account(orgB, "Secret B");
    }

    UUID org() {
        return owner.sql("INSERT INTO organizations (name, handle) VALUES ('O', :h) RETURNING id")
                .param("h", "sql-" + UUID.randomUUID().toString().substring(0, 8)).query(UUID.class).single();
    }

    void account(UUID org, String name) {
        owner.sql("INSERT INTO accounts (organization_id, source_system, source_id, name, annual_revenue) VALUES (:o, 'hubspot', :s, :n, 1000.50)")
                .param("o", org).param("s", UUID.randomUUID().toString()).param("n", name).update();
    }

    ToolContext ctx() {
        return new ToolContext(Tenant.of(orgA, userA), UUID.randomUUID(), UUID.randomUUID(), TurnSource.WEB, Optional.empty(),
                new CancellationToken());
    }

    ToolOutcome run(RunSqlQueryTool t, String sql) throws Exception {
        return t.execute(ctx(), JSON.valueToTree(Map.of("sql", sql)));
    }

    ToolOutcome run(String sql) throws Exception {
        return run(tool, sql);
    }

    long accountsOf(UUID org) {
        return owner.sql("SELECT count(*) FROM accounts WHERE organization_id = :o").param("o", org).query(Long.class).single();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSelectReturnsColumnsRowsAndCountWithJsonSafeValues() throws Exception {
        ToolOutcome out = run("SELECT name, annual_revenue, id, created_at FROM accounts ORDER BY name");
        assertThat(out).isInstanceOf(ToolOutcome.Ok.class);
        Map<String, Object> content = (Map<String, Object>) ((ToolOutcome.Ok) out).content();
        assertThat(content.get("columns")).isEqualTo(List.of("name", "annual_revenue", "id", "created_at"));
        assertThat(content.get("row_count")).isEqualTo(3);
        assertThat(content.get("truncated")).isEqualTo(false);
        assertThat(JSON.writeValueAsString(content)).contains("Alpha 0", "1000.5");
    }

    @Test
    void anotherOrganizationsRowsAreInvisibleEvenWhenNamed() throws Exception {
        ToolOutcome out = run("SELECT name FROM accounts WHERE organization_id = '" + orgB + "'");
        assertThat(JSON.writeValueAsString(((ToolOutcome.Ok) out).content())).contains("\"row_count\":0").doesNotContain("Secret B");
    }

    @Nested
    class Refusals {
        @ParameterizedTest
        @ValueSource(strings = {
                "INSERT INTO accounts (organization_id, source_system, source_id, name) VALUES (gen_random_uuid(), 'x', 'y', 'z')",
                "UPDATE accounts SET name = 'x'",
                "DELETE FROM accounts",
                "WITH x AS (DELETE FROM accounts RETURNING *) SELECT * FROM x",
                "SELECT 1; DELETE FROM accounts",
                "SELECT * FROM accounts FOR UPDATE",
                "SELECT pg_sleep(30)",
                "SELECT pg_read_file('/etc/passwd')",
                "SELECT set_config('app.current_org_id', '00000000-0000-0000-0000-000000000001', true)",
                "SELECT current_setting('app.current_org_id')",
                "SELECT * FROM dblink('host=x', 'select 1') AS t(a int)",
                "COPY accounts TO PROGRAM 'sh -c id'",
                "SELECT * FROM information_schema.tables",
                "SELECT * FROM pg_catalog.pg_authid",
                "SELECT 1 /* ; */; DROP TABLE accounts"})
        void isRefusedWithAMessageAndChangesNothing(String sql) throws Exception {
            long before = accountsOf(orgA) + accountsOf(orgB);
            ToolOutcome out = run(sql);
            assertThat(out).isInstanceOf(ToolOutcome.Error.class);
            assertThat(((ToolOutcome.Error) out).message()).startsWith("Query refused");
            assertThat(((ToolOutcome.Error) out).hint()).isNotBlank();
            assertThat(accountsOf(orgA) + accountsOf(orgB)).isEqualTo(before);
        }
    }

    @Test
    void aLongQueryIsCancelledAtTheTimeout() throws Exception {
        RunSqlQueryTool quick = new RunSqlQueryTool(tx, new AgentProperties(20, 25, Duration.ofSeconds(60), Duration.ofSeconds(1), 1024), vectors);
        long t0 = System.nanoTime();
        ToolOutcome out = run(quick, "SELECT count(*) FROM generate_series(1, 5000000000) AS g");
        assertThat(out).isInstanceOf(ToolOutcome.Error.class);
        assertThat(((ToolOutcome.Error) out).message()).contains("time limit");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void semanticEmbedBindsTheActiveModelsQueryVector() throws Exception {
        ToolOutcome out = run("SELECT source_id, embedding <=> semantic_embed('pricing') AS distance FROM embeddings "
                + "ORDER BY embedding <=> semantic_embed('pricing') LIMIT 3");
        assertThat(out).isInstanceOf(ToolOutcome.Ok.class);
    }

    @Nested
    class DefenceInDepth {
        @Test
        void theApplicationRoleCannotSleepEvenIfTheGuardWereFooled() {
            assertThatThrownBy(() -> tx.readOnly(Tenant.of(orgA, userA), Duration.ofSeconds(5),
                    j -> j.sql("SELECT pg_sleep(0.01)").query().singleRow()))
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        }

        @Test
        void theApplicationRoleCannotChangeItsTenantEvenIfTheGuardWereFooled() {
            assertThatThrownBy(() -> tx.readOnly(Tenant.of(orgA, userA), Duration.ofSeconds(5),
                    j -> j.sql("SELECT set_config('app.current_org_id', :b, true)").param("b", orgB.toString()).query().singleRow()))
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        }

        @Test
        void theReadOnlyTransactionRefusesWrites() {
            assertThatThrownBy(() -> tx.readOnly(Tenant.of(orgA, userA), Duration.ofSeconds(5),
                    j -> j.sql("UPDATE accounts SET name = 'x'").update()))
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("read-only");
            assertThat(owner.sql("SELECT count(*) FROM accounts WHERE organization_id = :o AND name = 'x'").param("o", orgA)
                    .query(Long.class).single()).isZero();
        }
    }
}
