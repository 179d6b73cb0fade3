package io.revtops.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.model.ScriptedModelClient;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.slack.SlackSimulator;
import io.revtops.testing.TestApi;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Auto-approval and the organization's deny list (SPEC §5), the disclosure footer on outbound text, and the ledger
 * and settings REST. Acceptance 6 of issue 6, on the real Slack connector and the Slack simulator.
 */
@ApprovalsTest
class AutoApprovalTest {
    @LocalServerPort int port;
    @Autowired ApplicationContext spring;
    @Autowired Approvals approvals;
    @Autowired ApprovalExecutor executor;

    static final DemoCompany COMPANY = DemoCompany.generate(11, 0.1);

    SlackSimulator slack;
    Scenario s;

    @BeforeEach
    void slackConnected() {
        slack = new SlackSimulator(COMPANY, new TokenRegistry(Clock.systemUTC()), Clock.systemUTC());
        slack.start("127.0.0.1", 0);
        s = Scenario.start(port, spring);
        s.connectSlack(slack);
    }

    /** What Slack received from chat.postMessage, in order. */
    List<SlackSimulator.Posted> sends() {
        return slack.posted("chat.postMessage");
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    Scenario.RecordingSink pennyPosts(String text) {
        String input = TestApi.json().writeValueAsString(Map.of("connector", "slack", "action", "send_message",
                "params", Map.of("channel", "#deals", "text", text)));
        var sink = new Scenario.RecordingSink();
        s.turn(ScriptedModelClient.builder().turn(t -> t.toolCall("run_action", input)).turn(t -> t.text("Posted.")).build(),
                "Tell #deals we closed Vandelay", sink);
        return sink;
    }

    TestApi.Response setting(String key, boolean autoApprove) {
        return s.api.put("/api/tool-settings/" + key, s.admin.caller(), Map.of("auto_approve", autoApprove));
    }

    TestApi.Response policy(TestApi.Session who, String key, boolean denied) {
        return s.api.put("/api/tool-policies/" + key, who.caller(), Map.of("denied", denied));
    }

    @Nested
    class AutoApproval {
        @Test
        void aUserWhoAutoApprovedSendSlackGetsItExecutedAtOnceAndRecorded() {
            assertThat(setting("run_action:send_slack", true).status()).isEqualTo(200);

            var sink = pennyPosts("We closed Vandelay!");

            assertThat(sends()).hasSize(1);
            assertThat(sends().getFirst().channel()).isEqualTo(slack.channelId("deals"));
            assertThat(sink.toolResults().getFirst().get("summary")).isEqualTo("Done (auto-approved) as change 1");
            JsonNode change = s.api.get("/api/pending-changes?conversation_id=" + s.conversation, s.admin.caller()).json().path(0);
            assertThat(change.path("status").asString()).isEqualTo("completed");
            assertThat(change.path("auto_approved").asBoolean()).isTrue();
            JsonNode ledger = s.api.get("/api/action-ledger?action=run_action:slack.send_message", s.admin.caller()).json();
            assertThat(ledger).hasSize(1);
            assertThat(ledger.path(0).path("actor").asString()).isEqualTo("agent");
            assertThat(ledger.path(0).path("status").asString()).isEqualTo("completed");
            assertThat(ledger.path(0).path("intent").path("approved_by").asString()).isEqualTo("auto");
            assertThat(ledger.path(0).path("pending_operation_id").asString()).isEqualTo(change.path("id").asString());
        }

        @Test
        void withoutTheSettingTheSameMessageWaitsForApproval() {
            setting("run_action:send_slack", false);
            var sink = pennyPosts("We closed Vandelay!");
            assertThat(sink.toolResults().getFirst().get("summary")).isEqualTo("Queued for approval as change 1");
            assertThat(sends()).isEmpty();
        }

        @Test
        void anOrgDenyBlocksTheToolEvenForAUserWhoAutoApprovedIt() {
            setting("run_action:send_slack", true);
            assertThat(policy(s.admin, "run_action:send_slack", true).status()).isEqualTo(200);

            var sink = pennyPosts("We closed Vandelay!");

            assertThat(sink.toolResults().getFirst().get("status")).isEqualTo("error");
            assertThat(sink.toolResults().getFirst().get("error").toString()).contains("An admin has turned off run_action:send_slack");
            assertThat(sends()).isEmpty();
            assertThat(s.api.get("/api/pending-changes?conversation_id=" + s.conversation, s.admin.caller()).json()).isEmpty();
        }

        @Test
        void aDenyAfterTheProposalBlocksItsApproval() {
            pennyPosts("We closed Vandelay!");
            String id = s.api.get("/api/pending-changes?status=pending", s.admin.caller()).json().path(0).path("id").asString();
            policy(s.admin, "run_action", true);

            TestApi.Response approve = s.api.post("/api/pending-changes/" + id + "/approve", s.admin.caller(), Map.of());

            assertThat(approve.status()).isEqualTo(403);
            assertThat(approve.errorCode()).isEqualTo("tool_denied");
            assertThat(sends()).isEmpty();
        }

        @Test
        void workflowGrantsAutoApproveButNeverAgainstADeny() {
            ToolKey key = ToolKey.of("run_action", "slack", "send_message");
            assertThat(approvals.autoApproved(s.tenant, key, java.util.Optional.of(java.util.Set.of("run_action:slack.*")))).isTrue();
            assertThat(approvals.autoApproved(s.tenant, key, java.util.Optional.of(java.util.Set.of("run_action:gmail.*")))).isFalse();
            policy(s.admin, "run_action:slack.*", true);
            assertThat(approvals.autoApproved(s.tenant, key, java.util.Optional.of(java.util.Set.of("run_action:slack.*")))).isFalse();
        }
    }

    @Nested
    class ExactlyOnce {
        @Test
        void aCrashAfterSlackPostedIsReconciledByFindingThePostNotByPostingAgain() {
            pennyPosts("We closed Vandelay!");
            String id = s.api.get("/api/pending-changes?status=pending", s.admin.caller()).json().path(0).path("id").asString();
            executor.hooks().crashAfterVendorCallOnce();

            assertThat(s.api.post("/api/pending-changes/" + id + "/approve", s.admin.caller(), Map.of()).status()).isEqualTo(500);
            assertThat(sends()).hasSize(1);

            executor.reconcile(java.time.Duration.ZERO); // "restart": the reconciler sends it again with the same key

            JsonNode after = s.api.get("/api/pending-changes/" + id, s.admin.caller()).json();
            assertThat(after.path("status").asString()).isEqualTo("completed");
            assertThat(after.path("result").path("data").path("already_posted").asBoolean()).isTrue();
            assertThat(sends()).hasSize(1);
            assertThat(sends().getFirst().metadata().orElseThrow().path("event_payload").path("idempotency_key").asString())
                    .isEqualTo("revtops-op-" + id);
        }
    }

    @Nested
    class Disclosure {
        @Test
        void outboundTextCarriesTheFooterOnceEvenWhenItWasAlreadyThere() {
            setting("run_action:send_slack", true);
            pennyPosts("Deal closed.");
            String footer = "— Sent by Penny, the Revtops assistant, on behalf of admin"; // the dev login's name
            pennyPosts("Second note.\n\n" + footer);

            List<String> texts = sends().stream().map(SlackSimulator.Posted::text).toList();
            assertThat(texts).containsExactly("Deal closed.\n\n" + footer, "Second note.\n\n" + footer);
        }

        @Test
        void anOrganizationChoosesItsOwnWording() {
            s.tx.execute(s.tenant, j -> j.sql("UPDATE organizations SET settings = settings || '{\"disclosure_footer\": \"(drafted by AI for {user})\"}'::jsonb WHERE id = :o")
                    .param("o", s.tenant.orgId()).update());
            pennyPosts("Hello team");
            JsonNode change = s.api.get("/api/pending-changes?status=pending", s.admin.caller()).json().path(0);
            assertThat(change.path("params").path("text").asString()).isEqualTo("Hello team\n\n(drafted by AI for admin)");
        }
    }

    @Nested
    class SettingsAndLedgerApi {
        @Test
        void settingsAreReadBackWithTheKeysOnOffer() {
            setting("write_to_system:hubspot.update_deal", true);
            JsonNode view = s.api.get("/api/tool-settings", s.admin.caller()).json();
            assertThat(view.path("auto_approve").path(0).path("tool").asString()).isEqualTo("write_to_system:hubspot.update_deal");
            assertThat(view.path("auto_approve").path(0).path("value").asBoolean()).isTrue();
            assertThat(view.path("available_keys").toString()).contains("run_action:slack.send_message", "run_action:send_slack");
        }

        @Test
        void badKeysAndBodiesAre400() {
            assertThat(setting("delete_everything", true).status()).isEqualTo(400);
            assertThat(s.api.put("/api/tool-settings/run_action", s.admin.caller(), Map.of("auto_approve", "yes")).status()).isEqualTo(400);
            assertThat(s.api.put("/api/tool-settings/run_action", s.admin.caller(), Map.of("auto", true)).status()).isEqualTo(400);
        }

        @Test
        void onlyAdminsChangeTheDenyList() {
            TestApi.Session member = s.member("max");
            TestApi.Response r = policy(member, "run_action", true);
            assertThat(r.status()).isEqualTo(403);
            assertThat(s.api.get("/api/tool-policies", s.admin.caller()).json()).isEmpty();
        }

        @Test
        void membersSeeTheirOwnLedgerLinesAndAdminsSeeAll() {
            TestApi.Session member = s.member("meg");
            s.api.put("/api/tool-settings/run_action", member.caller(), Map.of("auto_approve", false));
            setting("trigger_sync", false);

            JsonNode mine = s.api.get("/api/action-ledger?action=tool_setting.changed", member.caller()).json();
            JsonNode all = s.api.get("/api/action-ledger?action=tool_setting.changed", s.admin.caller()).json();

            assertThat(mine).hasSize(1);
            assertThat(mine.path(0).path("user_id").asString()).isEqualTo(member.userId().toString());
            assertThat(all).hasSize(2);
            assertThat(s.api.get("/api/action-ledger?actor=robot", s.admin.caller()).status()).isEqualTo(400);
            assertThat(s.api.get("/api/action-ledger?from=yesterday", s.admin.caller()).status()).isEqualTo(400);
            assertThat(s.api.get("/api/action-ledger?from=2999-01-01T00:00:00Z", s.admin.caller()).json()).isEmpty();
        }
    }
}
