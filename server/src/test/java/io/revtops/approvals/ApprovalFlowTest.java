package io.revtops.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.model.ScriptedModelClient;
import io.revtops.connectors.SyncedRecord;
import io.revtops.simulators.Simulators;
import io.revtops.simulators.common.RecordedRequest;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.testing.TestApi;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §5 end to end against the HubSpot simulator over real HTTP: Penny (scripted) proposes a deal update, nothing
 * reaches HubSpot until a person approves, approval sends it exactly once, and the ledger, the local copy and the
 * conversation show the outcome. Acceptance 1–3 of issue 6 and its bad-input cases.
 */
@ApprovalsTest
class ApprovalFlowTest {
    static final DemoCompany COMPANY = DemoCompany.generate(42, 0.1);
    static final String DEALS = "/crm/v3/objects/deals";

    @LocalServerPort int port;
    @Autowired ApplicationContext spring;
    @Autowired ApprovalExecutor executor;
    @Autowired ApprovalSweeps sweeps;

    Simulators sims;
    Scenario s;
    SyncedRecord deal;

    @BeforeEach
    void hubspotWithSyncedDeals() {
        sims = Simulators.start(COMPANY, 0);
        s = Scenario.start(port, spring);
        UUID hubspot = s.connectHubSpot(sims);
        deal = s.syncDeals(hubspot).getFirst();
        sims.requests("hubspot").clear();
    }

    @AfterEach
    void stop() {
        sims.close();
    }

    /** Penny asks to set the deal's amount; returns the pending change's id. */
    UUID pennyProposesAmount(String amount, Scenario.RecordingSink sink) {
        String input = TestApi.json().writeValueAsString(Map.of("connector", "hubspot", "operation", "update_deal",
                "params", Map.of("deal_id", deal.sourceId(), "properties", Map.of("amount", amount))));
        var model = ScriptedModelClient.builder()
                .turn(t -> t.text("I'll update it.").toolCall("write_to_system", input))
                .turn(t -> t.text("Queued for your approval."))
                .build();
        s.turn(model, "Set the amount of " + deal.columns().get("name") + " to " + amount, sink);
        var pending = s.api.get("/api/pending-changes?conversation_id=" + s.conversation, s.admin.caller());
        assertThat(pending.status()).isEqualTo(200);
        return UUID.fromString(pending.json().path(0).path("id").asString());
    }

    TestApi.Response approve(UUID id) {
        return s.api.post("/api/pending-changes/" + id + "/approve", s.admin.caller(), Map.of());
    }

    long patches() {
        return sims.requests("hubspot").count("PATCH", DEALS);
    }

    String before() {
        return ((BigDecimal) deal.columns().get("amount")).stripTrailingZeros().toPlainString();
    }

    @Nested
    class ExternalWriteWaitsForApproval {
        @Test
        void theProposalIsAPendingChangeWithTheDiffAndHubSpotReceivedNothing() {
            var sink = new Scenario.RecordingSink();
            UUID id = pennyProposesAmount("123456", sink);

            JsonNode change = s.api.get("/api/pending-changes/" + id, s.admin.caller()).json();
            assertThat(change.path("status").asString()).isEqualTo("pending");
            assertThat(change.path("number").asInt()).isEqualTo(1);
            assertThat(change.path("tool_key").asString()).isEqualTo("write_to_system:hubspot.update_deal");
            assertThat(change.path("diff")).hasSize(1);
            assertThat(change.path("diff").path(0).path("field").asString()).isEqualTo("amount");
            assertThat(change.path("diff").path(0).path("column").asString()).isEqualTo("amount");
            assertThat(change.path("diff").path(0).path("before").asString()).isEqualTo(before());
            assertThat(change.path("diff").path(0).path("after").asString()).isEqualTo("123456");
            assertThat(change.path("preview").asString()).contains(deal.sourceId()).contains("amount " + before() + " → 123456");
            assertThat(sims.requests("hubspot").all()).isEmpty();
            // the model was told, and the chat got a pending_change chunk
            assertThat(sink.toolResults().getFirst().get("summary")).isEqualTo("Queued for approval as change 1");
            assertThat(sink.ofType("pending_change")).singleElement()
                    .satisfies(c -> assertThat(c).containsEntry("status", "pending").containsEntry("number", 1));
        }

        @Test
        void approvalSendsExactlyOnePatchUpdatesTheLocalDealAndRecordsIntentAndOutcome() {
            UUID id = pennyProposesAmount("123456", new Scenario.RecordingSink());

            TestApi.Response r = approve(id);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("status").asString()).isEqualTo("completed");
            assertThat(patches()).isEqualTo(1);
            RecordedRequest patch = sims.requests("hubspot").matching("PATCH", DEALS).getFirst();
            assertThat(patch.path()).endsWith("/" + deal.sourceId());
            assertThat(patch.headers()).containsEntry("Idempotency-Key", "revtops-op-" + id);
            assertThat(sims.hubspot().properties("deals", deal.sourceId()).orElseThrow().get("amount")).isEqualTo("123456");
            assertThat(s.deal(deal.sourceId(), "amount", BigDecimal.class)).isEqualByComparingTo("123456");

            List<Map<String, Object>> ledger = s.ledgerOf(id);
            Map<String, Object> execution = ledger.stream().filter(l -> l.get("action").equals("write_to_system:hubspot.update_deal"))
                    .findFirst().orElseThrow();
            assertThat(execution.get("status")).isEqualTo("completed");
            assertThat(s.json(execution.get("intent")).path("params").path("properties").path("amount").asString()).isEqualTo("123456");
            assertThat(s.json(execution.get("intent")).path("approved_by").asString()).isEqualTo(s.admin.userId().toString());
            assertThat(s.json(execution.get("outcome")).path("status").asString()).isEqualTo("completed");
            assertThat(execution.get("conversation_id")).isEqualTo(s.conversation);
            assertThat(ledger).anySatisfy(l -> assertThat(l.get("action")).isEqualTo("pending_change.approved"));

            assertThat(s.assistantTexts(s.conversation)).anySatisfy(t -> assertThat(t).startsWith("Change 1 is done").contains("123456"));
        }
    }

    @Nested
    class NothingIsSentWithoutApproval {
        @Test
        void aRejectedChangeIsNeverSent() {
            UUID id = pennyProposesAmount("5", new Scenario.RecordingSink());
            assertThat(s.api.post("/api/pending-changes/" + id + "/reject", s.admin.caller(), Map.of()).json()
                    .path("status").asString()).isEqualTo("rejected");

            TestApi.Response again = approve(id);
            sweeps.sweep();

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("already_resolved");
            assertThat(sims.requests("hubspot").all()).isEmpty();
            assertThat(s.assistantTexts(s.conversation)).anySatisfy(t -> assertThat(t).contains("Change 1 was rejected"));
        }

        @Test
        void anExpiredChangeIsNeverSent() {
            UUID id = pennyProposesAmount("6", new Scenario.RecordingSink());
            s.tx.system("test: let the change expire", j -> j.sql(
                    "UPDATE pending_operations SET expires_at = now() - interval '1 minute' WHERE id = :id").param("id", id).update());

            TestApi.Response r = approve(id);

            assertThat(r.status()).isEqualTo(409);
            assertThat(r.errorCode()).isEqualTo("expired");
            assertThat(s.api.get("/api/pending-changes/" + id, s.admin.caller()).json().path("status").asString()).isEqualTo("expired");
            assertThat(sims.requests("hubspot").all()).isEmpty();
        }

        @Test
        void theSweeperExpiresChangesPastTheirTime() {
            UUID id = pennyProposesAmount("7", new Scenario.RecordingSink());
            s.tx.system("test: let the change expire", j -> j.sql(
                    "UPDATE pending_operations SET expires_at = now() - interval '1 minute' WHERE id = :id").param("id", id).update());

            sweeps.sweep();

            assertThat(s.api.get("/api/pending-changes/" + id, s.admin.caller()).json().path("status").asString()).isEqualTo("expired");
            assertThat(s.assistantTexts(s.conversation)).anySatisfy(t -> assertThat(t).contains("expired"));
            assertThat(approve(id).status()).isEqualTo(409);
            assertThat(sims.requests("hubspot").all()).isEmpty();
        }

        @Test
        void approvingTwiceSendsOnce() {
            UUID id = pennyProposesAmount("8", new Scenario.RecordingSink());
            TestApi.Response first = approve(id);
            TestApi.Response second = approve(id);
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.errorCode()).isEqualTo("already_resolved");
            assertThat(patches()).isEqualTo(1);
        }

        @Test
        void approvingFromTwoThreadsAtOnceSendsOnce() throws Exception {
            UUID id = pennyProposesAmount("9", new Scenario.RecordingSink());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(2)) {
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit((Callable<Integer>) () -> {
                        go.await();
                        return approve(id).status();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : answers) statuses.add(f.get());
                assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            }
            assertThat(patches()).isEqualTo(1);
        }
    }

    @Nested
    class CrashRecovery {
        @Test
        void aCrashBetweenTheVendorCallAndTheStatusUpdateIsReconciledWithoutASecondEffect() {
            UUID id = pennyProposesAmount("424242", new Scenario.RecordingSink());
            executor.hooks().crashAfterVendorCallOnce();

            TestApi.Response crashed = approve(id);

            assertThat(crashed.status()).isEqualTo(500);
            assertThat(s.api.get("/api/pending-changes/" + id, s.admin.caller()).json().path("status").asString()).isEqualTo("executing");
            assertThat(patches()).isEqualTo(1);

            int reconciled = executor.reconcile(Duration.ZERO); // "restart": the reconciler finds it

            assertThat(reconciled).isEqualTo(1);
            JsonNode after = s.api.get("/api/pending-changes/" + id, s.admin.caller()).json();
            assertThat(after.path("status").asString()).isEqualTo("completed");
            assertThat(after.path("attempts").asInt()).isEqualTo(2);
            List<RecordedRequest> sent = sims.requests("hubspot").matching("PATCH", DEALS);
            assertThat(sent).hasSize(2);
            assertThat(sent).extracting(RecordedRequest::replayed).containsExactly(false, true); // one applied change
            assertThat(sent).extracting(r -> r.headers().get("Idempotency-Key")).containsOnly("revtops-op-" + id);
            assertThat(s.deal(deal.sourceId(), "amount", BigDecimal.class)).isEqualByComparingTo("424242");
            assertThat(s.ledgerOf(id)).filteredOn(l -> l.get("action").equals("write_to_system:hubspot.update_deal"))
                    .singleElement().satisfies(l -> assertThat(l.get("status")).isEqualTo("completed"));
            assertThat(executor.reconcile(Duration.ZERO)).isZero();
        }
    }

    @Nested
    class InterruptedApproval {
        @Test
        void aChangeApprovedByAProcessThatDiedBeforeRunningItIsExecutedOnceByTheReconciler() {
            UUID id = pennyProposesAmount("515151", new Scenario.RecordingSink());
            s.tx.system("test: an approval whose process died before the executor claimed it", j -> j.sql("""
                    UPDATE pending_operations SET status = 'approved', approved_at = now() - interval '1 hour',
                           resolved_by_user_id = requested_by_user_id WHERE id = :id
                    """).param("id", id).update());

            assertThat(executor.reconcile(Duration.ofMinutes(2))).isEqualTo(1);

            assertThat(s.api.get("/api/pending-changes/" + id, s.admin.caller()).json().path("status").asString()).isEqualTo("completed");
            assertThat(patches()).isEqualTo(1);
            assertThat(executor.reconcile(Duration.ZERO)).isZero();
            assertThat(patches()).isEqualTo(1);
        }
    }

    @Nested
    class BadInput {
        @Test
        void approvingAnUnknownOperationIs404() {
            assertThat(approve(UUID.randomUUID()).status()).isEqualTo(404);
        }

        @Test
        void approvingAnotherOrganizationsOperationIs404AndSendsNothing() {
            UUID id = pennyProposesAmount("10", new Scenario.RecordingSink());
            Scenario other = Scenario.start(port, spring);
            TestApi.Response r = other.api.post("/api/pending-changes/" + id + "/approve", other.admin.caller(), Map.of());
            assertThat(r.status()).isEqualTo(404);
            assertThat(other.api.get("/api/pending-changes/" + id, other.admin.caller()).status()).isEqualTo(404);
            assertThat(sims.requests("hubspot").all()).isEmpty();
        }

        @Test
        void aMemberWhoDidNotAskMayNotApproveEvenWhenTheySeeTheConversation() {
            s.tx.execute(s.tenant, j -> j.sql("UPDATE conversations SET scope = 'shared' WHERE id = :c").param("c", s.conversation).update());
            UUID id = pennyProposesAmount("11", new Scenario.RecordingSink());
            TestApi.Session member = s.member("sam");
            assertThat(s.api.get("/api/pending-changes/" + id, member.caller()).status()).isEqualTo(200);
            TestApi.Response r = s.api.post("/api/pending-changes/" + id + "/approve", member.caller(), Map.of());
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("not_requester");
            assertThat(sims.requests("hubspot").all()).isEmpty();
        }

        @Test
        void editsAreValidatedAgainstTheOperationsSchema() {
            UUID id = pennyProposesAmount("12", new Scenario.RecordingSink());
            String path = "/api/pending-changes/" + id;
            TestApi.Response wrongType = s.api.patch(path, s.admin.caller(), Map.of("params", Map.of("deal_id", 123)));
            TestApi.Response unknownParam = s.api.patch(path, s.admin.caller(), Map.of("params", Map.of("colour", "red")));
            TestApi.Response nestedObject = s.api.patch(path, s.admin.caller(),
                    Map.of("params", Map.of("properties", Map.of("amount", Map.of("value", 1)))));
            TestApi.Response unknownField = s.api.patch(path, s.admin.caller(), Map.of("parameters", Map.of()));
            assertThat(List.of(wrongType, unknownParam, nestedObject, unknownField))
                    .allSatisfy(r -> assertThat(r.status()).as(r.raw()).isEqualTo(400));
            assertThat(wrongType.json().path("error").path("message").asString()).contains("deal_id");
            assertThat(unknownParam.json().path("error").path("message").asString()).contains("colour");

            TestApi.Response ok = s.api.patch(path, s.admin.caller(), Map.of("params", Map.of("properties", Map.of("amount", "777"))));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().path("diff").path(0).path("after").asString()).isEqualTo("777");
            assertThat(ok.json().path("preview").asString()).contains("→ 777");
            assertThat(approve(id).json().path("status").asString()).isEqualTo("completed");
            assertThat(sims.hubspot().properties("deals", deal.sourceId()).orElseThrow().get("amount")).isEqualTo("777");
        }

        @Test
        void malformedParametersFromTheModelAreRefusedAndNothingIsQueued() {
            var sink = new Scenario.RecordingSink();
            var model = ScriptedModelClient.builder()
                    .turn(t -> t.toolCall("write_to_system", "{\"connector\":\"hubspot\",\"operation\":\"update_deal\","
                            + "\"params\":{\"deal_id\":42,\"properties\":\"lots\"}}"))
                    .turn(t -> t.text("Sorry."))
                    .build();
            s.turn(model, "Update the deal", sink);
            Map<String, Object> result = sink.toolResults().getFirst();
            assertThat(result.get("status")).isEqualTo("error");
            assertThat((String) result.get("error")).contains("do not match hubspot.update_deal");
            assertThat(s.api.get("/api/pending-changes?conversation_id=" + s.conversation, s.admin.caller()).json()).isEmpty();
        }

        @Test
        void aVendorValidationErrorFailsTheChangeWithTheVendorsMessageAndChangesNothingLocally() {
            UUID id = pennyProposesAmount("a lot", new Scenario.RecordingSink());
            BigDecimal localBefore = s.deal(deal.sourceId(), "amount", BigDecimal.class);

            TestApi.Response r = approve(id);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("status").asString()).isEqualTo("failed");
            assertThat(r.json().path("error").asString()).startsWith("HubSpot refused it:").contains("Property values were not valid");
            assertThat(s.deal(deal.sourceId(), "amount", BigDecimal.class)).isEqualByComparingTo(localBefore);
            assertThat(s.ledgerOf(id)).filteredOn(l -> l.get("action").equals("write_to_system:hubspot.update_deal"))
                    .singleElement().satisfies(l -> assertThat(l.get("status")).isEqualTo("failed"));
            assertThat(s.assistantTexts(s.conversation)).anySatisfy(t -> assertThat(t).startsWith("Change 1 failed: HubSpot refused it"));
            assertThat(approve(id).status()).isEqualTo(409);
        }

        @Test
        void listingWithAnUnknownStatusIs400() {
            TestApi.Response r = s.api.get("/api/pending-changes?status=maybe", s.admin.caller());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_parameter");
        }
    }
}
