package io.revtops.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.TurnSource;
import io.revtops.agent.model.CancellationToken;
import io.revtops.agent.model.ScriptedModelClient;
import io.revtops.agent.tools.ToolContext;
import io.revtops.agent.tools.ToolOutcome;
import io.revtops.agent.tools.ToolRegistry;
import io.revtops.connectors.SyncedRecord;
import io.revtops.simulators.Simulators;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.testing.TestApi;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * run_sql_write (SPEC §4): CRM tables become proposals committed to HubSpot in one batch, internal tables change at
 * once with snapshots that discarding restores, and protected tables or unbounded statements are refused.
 * Acceptance 5 of issue 6.
 */
@ApprovalsTest
class RunSqlWriteTest {
    static final DemoCompany COMPANY = DemoCompany.generate(42, 0.1);
    static final String DEALS = "/crm/v3/objects/deals";

    @LocalServerPort int port;
    @Autowired ApplicationContext spring;
    @Autowired ToolRegistry tools;

    Simulators sims;
    Scenario s;
    SyncedRecord first;
    SyncedRecord second;

    @BeforeEach
    void hubspotWithSyncedDeals() {
        sims = Simulators.start(COMPANY, 0);
        s = Scenario.start(port, spring);
        List<SyncedRecord> deals = s.syncDeals(s.connectHubSpot(sims));
        first = deals.get(0);
        second = deals.get(1);
        sims.requests("hubspot").clear();
    }

    @AfterEach
    void stop() {
        sims.close();
    }

    ToolOutcome sql(String statement) {
        ToolContext ctx = new ToolContext(s.tenant, s.conversation, UUID.randomUUID(), TurnSource.WEB, Optional.empty(),
                new CancellationToken());
        String input = TestApi.json().writeValueAsString(Map.of("sql", statement));
        return tools.run(ctx, tools.prepare(ctx, "run_sql_write", input, true));
    }

    static Map<?, ?> ok(ToolOutcome o) {
        assertThat(o).as(o.toString()).isInstanceOf(ToolOutcome.Ok.class);
        return (Map<?, ?>) ((ToolOutcome.Ok) o).content();
    }

    static String refusal(ToolOutcome o) {
        assertThat(o).as(o.toString()).isInstanceOf(ToolOutcome.Error.class);
        return ((ToolOutcome.Error) o).message();
    }

    String bothDeals() {
        return "source_system = 'hubspot' AND source_id IN ('" + first.sourceId() + "', '" + second.sourceId() + "')";
    }

    BigDecimal amount(SyncedRecord deal) {
        return s.deal(deal.sourceId(), "amount", BigDecimal.class);
    }

    UUID workflow(String name) {
        return s.tx.run(s.tenant, j -> j.sql("INSERT INTO workflows (organization_id, created_by_user_id, name, prompt) "
                + "VALUES (:o, :u, :n, 'p') RETURNING id").param("o", s.tenant.orgId()).param("u", s.admin.userId())
                .param("n", name).query(UUID.class).single());
    }

    String workflowName(UUID id) {
        return s.tx.run(s.tenant, j -> j.sql("SELECT name FROM workflows WHERE id = :id").param("id", id)
                .query(String.class).optional().orElse(null));
    }

    @Nested
    class CrmTablesBecomeProposals {
        @Test
        void anUpdateOfDealsQueuesOneHubSpotChangePerRowWithItsDiffAndLeavesTheTableAlone() {
            var sink = new Scenario.RecordingSink();
            String update = TestApi.json().writeValueAsString(Map.of("sql",
                    "UPDATE deals SET amount = amount + 1000 WHERE " + bothDeals()));
            s.turn(ScriptedModelClient.builder().turn(t -> t.toolCall("run_sql_write", update))
                    .turn(t -> t.text("Queued.")).build(), "Add 1000 to both deals", sink);

            Map<?, ?> result = (Map<?, ?>) sink.toolResults().getFirst().get("result");
            assertThat(result.get("message").toString()).startsWith("The deals table was not changed. Queued for approval as change(s) 1, 2");
            assertThat(sink.ofType("pending_change")).hasSize(2);
            assertThat(amount(first)).isEqualByComparingTo((BigDecimal) first.columns().get("amount"));
            assertThat(amount(second)).isEqualByComparingTo((BigDecimal) second.columns().get("amount"));
            assertThat(sims.requests("hubspot").all()).isEmpty();
            JsonNode pending = s.api.get("/api/pending-changes?status=pending", s.admin.caller()).json();
            assertThat(pending).hasSize(2);
            for (JsonNode c : pending) {
                assertThat(c.path("tool").asString()).isEqualTo("run_sql_write");
                assertThat(c.path("tool_key").asString()).isEqualTo("write_to_system:hubspot.update_deal");
                SyncedRecord d = c.path("params").path("deal_id").asString().equals(first.sourceId()) ? first : second;
                BigDecimal before = (BigDecimal) d.columns().get("amount");
                assertThat(c.path("diff").path(0).path("before").asString()).isEqualTo(before.stripTrailingZeros().toPlainString());
                assertThat(new BigDecimal(c.path("diff").path(0).path("after").asString())).isEqualByComparingTo(before.add(BigDecimal.valueOf(1000)));
            }
        }

        @Test
        void commitPushesTheSessionToHubSpotInOneBatchAndMarksTheRowsSynced() {
            ok(sql("UPDATE deals SET amount = amount + 1000 WHERE " + bothDeals()));
            OffsetDateTime old = OffsetDateTime.parse("2020-01-01T00:00:00Z");
            s.tx.system("test: age the synced rows", j -> j.sql("UPDATE deals SET synced_at = :t WHERE source_id IN (:a, :b)")
                    .param("t", old).param("a", first.sourceId()).param("b", second.sourceId()).update());
            String session = s.api.get("/api/pending-changes?status=pending", s.admin.caller()).json().path(0).path("session_id").asString();
            Instant before = Instant.now();

            TestApi.Response commit = s.api.post("/api/change-sessions/" + session + "/commit", s.admin.caller(), Map.of());

            assertThat(commit.status()).isEqualTo(200);
            assertThat(commit.json().path("status").asString()).isEqualTo("committed");
            assertThat(commit.json().path("changes")).hasSize(2)
                    .allSatisfy(c -> assertThat(c.path("status").asString()).isEqualTo("completed"));
            assertThat(sims.requests("hubspot").count("PATCH", DEALS)).isEqualTo(2);
            assertThat(amount(first)).isEqualByComparingTo(((BigDecimal) first.columns().get("amount")).add(BigDecimal.valueOf(1000)));
            assertThat(amount(second)).isEqualByComparingTo(((BigDecimal) second.columns().get("amount")).add(BigDecimal.valueOf(1000)));
            for (SyncedRecord d : List.of(first, second)) {
                assertThat(s.deal(d.sourceId(), "synced_at", OffsetDateTime.class).toInstant()).isAfterOrEqualTo(before.minusSeconds(1));
            }
            assertThat(s.api.post("/api/change-sessions/" + session + "/commit", s.admin.caller(), Map.of()).status()).isEqualTo(409);
        }

        @Test
        void anInsertIntoContactsProposesACreateWithADuplicateWarning() {
            String existing = COMPANY.contacts().getFirst().email();
            s.tx.execute(s.tenant, j -> j.sql("""
                    INSERT INTO contacts (organization_id, source_system, source_id, name, email)
                    VALUES (:o, 'hubspot', '1000001', 'Existing Person', :e)
                    """).param("o", s.tenant.orgId()).param("e", existing).update());

            Map<?, ?> result = ok(sql("INSERT INTO contacts (first_name, last_name, email) VALUES ('New', 'Person', '"
                    + existing.toUpperCase() + "')"));

            assertThat(result.get("changes").toString()).contains("Create HubSpot contact");
            JsonNode pending = s.api.get("/api/pending-changes?status=pending", s.admin.caller()).json();
            assertThat(pending.path(0).path("operation").asString()).isEqualTo("create_contact");
            assertThat(pending.path(0).path("warnings").path(0).asString()).startsWith("Possible duplicate").contains("Existing Person");
            assertThat(sims.requests("hubspot").all()).isEmpty();
        }
    }

    @Nested
    class Discard {
        @Test
        void discardRejectsTheProposalsAndRestoresEveryLocalRowTheSessionChanged() {
            UUID renamed = workflow("Weekly digest");
            UUID doomed = workflow("Doomed");
            ok(sql("UPDATE workflows SET name = 'Renamed', enabled = false WHERE id = '" + renamed + "'"));
            ok(sql("DELETE FROM workflows WHERE name = 'Doomed'"));
            ok(sql("INSERT INTO artifacts (type, title, content) VALUES ('markdown', 'Scratch notes', 'x')"));
            ok(sql("UPDATE deals SET amount = 1 WHERE " + bothDeals()));
            assertThat(workflowName(renamed)).isEqualTo("Renamed");
            assertThat(workflowName(doomed)).isNull();
            String session = s.api.get("/api/pending-changes?status=pending", s.admin.caller()).json().path(0).path("session_id").asString();

            TestApi.Response discard = s.api.post("/api/change-sessions/" + session + "/discard", s.admin.caller(), Map.of());

            assertThat(discard.status()).isEqualTo(200);
            assertThat(discard.json().path("changes")).hasSize(2)
                    .allSatisfy(c -> assertThat(c.path("status").asString()).isEqualTo("rejected"));
            assertThat(discard.json().path("restored_rows").asInt()).isEqualTo(3);
            assertThat(workflowName(renamed)).isEqualTo("Weekly digest");
            Boolean enabled = s.tx.run(s.tenant, j -> j.sql("SELECT enabled FROM workflows WHERE id = :id").param("id", renamed)
                    .query(Boolean.class).single());
            assertThat(enabled).isTrue();
            assertThat(workflowName(doomed)).isEqualTo("Doomed");
            Integer scratch = s.tx.run(s.tenant, j -> j.sql("SELECT count(*) FROM artifacts WHERE title = 'Scratch notes'")
                    .query(Integer.class).single());
            assertThat(scratch).isZero();
            assertThat(sims.requests("hubspot").all()).isEmpty();
            assertThat(s.api.post("/api/change-sessions/" + session + "/commit", s.admin.caller(), Map.of()).status()).isEqualTo(409);
        }
    }

    @Nested
    class Refusals {
        @Test
        void usersAndOtherProtectedTablesAreRefused() {
            for (String statement : List.of(
                    "UPDATE users SET name = 'Mallory' WHERE id = '" + s.admin.userId() + "'",
                    "DELETE FROM integrations WHERE provider = 'hubspot'",
                    "UPDATE organizations SET name = 'x' WHERE id = '" + s.tenant.orgId() + "'",
                    "INSERT INTO user_tool_settings (tool, auto_approve) VALUES ('run_action', true)",
                    "DELETE FROM action_ledger WHERE true",
                    "UPDATE pending_operations SET status = 'approved' WHERE status = 'pending'")) {
                assertThat(refusal(sql(statement))).as(statement).contains("is protected");
            }
            Optional<String> name = s.tx.run(s.tenant, j -> j.sql("SELECT name FROM users WHERE id = :u").param("u", s.admin.userId())
                    .query(String.class).optional());
            assertThat(name).isNotEqualTo(Optional.of("Mallory"));
        }

        @Test
        void updateOrDeleteWithoutWhereIsRefusedAndChangesNothing() {
            UUID w = workflow("Keep me");
            assertThat(refusal(sql("UPDATE workflows SET name = 'All the same'"))).contains("without WHERE");
            assertThat(refusal(sql("DELETE FROM workflows"))).contains("without WHERE");
            assertThat(refusal(sql("UPDATE workflows SET name = 'All the same' WHERE 1 = 1"))).contains("looks at no column");
            assertThat(refusal(sql("UPDATE deals SET amount = 0"))).contains("without WHERE");
            assertThat(workflowName(w)).isEqualTo("Keep me");
            assertThat(sims.requests("hubspot").all()).isEmpty();
        }

        @Test
        void columnsThatAreAPersonsDecisionOrTheServersAreRefused() {
            UUID w = workflow("Nightly");
            assertThat(refusal(sql("UPDATE workflows SET auto_approve_tools = '{run_action}' WHERE id = '" + w + "'")))
                    .contains("auto_approve_tools");
            assertThat(refusal(sql("UPDATE org_members SET role = 'admin' WHERE user_id = '" + s.admin.userId() + "'")))
                    .contains("org_members.role cannot be changed");
            assertThat(refusal(sql("INSERT INTO workflows (organization_id, name) VALUES ('" + UUID.randomUUID() + "', 'x')")))
                    .contains("organization_id");
        }

        @Test
        void dangerousFunctionsParametersAndSeveralStatementsAreRefused() {
            UUID w = workflow("Safe");
            assertThat(refusal(sql("UPDATE workflows SET name = pg_read_file('/etc/passwd') WHERE id = '" + w + "'")))
                    .contains("pg_read_file");
            assertThat(refusal(sql("UPDATE workflows SET name = 'a' WHERE id = '" + w + "'; DELETE FROM workflows WHERE id = '" + w + "'")))
                    .contains("2 statements");
            assertThat(refusal(sql("UPDATE workflows SET name = ? WHERE id = '" + w + "'"))).contains("Parameters");
            assertThat(refusal(sql("SELECT * FROM workflows"))).contains("INSERT, UPDATE or DELETE");
            assertThat(workflowName(w)).isEqualTo("Safe");
        }
    }

    @Nested
    class LocalWrites {
        @Test
        void anInsertFillsTheOrganizationAndTheCreator() {
            Map<?, ?> result = ok(sql("INSERT INTO workflows (name, prompt) VALUES ('Stale deals', 'List stale deals')"));
            assertThat(result.get("rows")).isEqualTo(1);
            Map<String, Object> row = s.tx.run(s.tenant, j -> j.sql(
                    "SELECT organization_id, created_by_user_id FROM workflows WHERE name = 'Stale deals'").query().singleRow());
            assertThat(row.get("organization_id")).isEqualTo(s.tenant.orgId());
            assertThat(row.get("created_by_user_id")).isEqualTo(s.admin.userId());
        }

        @Test
        void aMemberChangesOnlyTheirOwnProfileTitle() {
            TestApi.Session member = s.member("mia");
            var memberTenant = io.revtops.platform.db.Tenant.of(s.tenant.orgId(), member.userId());
            ToolContext ctx = new ToolContext(memberTenant, s.newConversation(memberTenant, "private"), UUID.randomUUID(),
                    TurnSource.WEB, Optional.empty(), new CancellationToken());
            String input = TestApi.json().writeValueAsString(Map.of("sql", "UPDATE org_members SET title = 'VP Sales' WHERE true OR user_id IS NOT NULL"));
            Map<?, ?> result = ok(tools.run(ctx, tools.prepare(ctx, "run_sql_write", input, true)));
            assertThat(result.get("rows")).isEqualTo(1);
            List<String> titles = s.tx.run(s.tenant, j -> j.sql("SELECT coalesce(title, '') FROM org_members WHERE organization_id = :o ORDER BY user_id = :m DESC")
                    .param("o", s.tenant.orgId()).param("m", member.userId()).query(String.class).list());
            assertThat(titles).containsExactly("VP Sales", "");
        }
    }
}
