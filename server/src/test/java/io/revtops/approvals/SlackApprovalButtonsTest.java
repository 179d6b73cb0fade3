package io.revtops.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.model.ScriptedModelClient;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.slack.SlackSimulator;
import io.revtops.testing.TestApi;
import io.revtops.testing.sync.SyncFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Approval buttons in Slack (SPEC §5): a change waiting for a requester whose Slack account is mapped arrives as a DM
 * with Approve / Reject buttons; a signed click on {@code /api/slack/interactions} decides it through the approvals
 * service, exactly once, and the DM is updated with the outcome. Clicks are signed here the way Slack signs them.
 */
@ApprovalsTest
class SlackApprovalButtonsTest {
    static final DemoCompany COMPANY = DemoCompany.generate(11, 0.1);
    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort int port;
    @Autowired ApplicationContext spring;

    SlackSimulator slack;
    Scenario s;
    String adminSlack;
    String general;

    @BeforeEach
    void slackConnectedAndTheAdminMapped() {
        slack = new SlackSimulator(COMPANY, new TokenRegistry(Clock.systemUTC()), Clock.systemUTC());
        slack.start("127.0.0.1", 0);
        s = Scenario.start(port, spring);
        s.connectSlack(slack);
        // the admin is a demo employee in Slack (member of every channel) whose mapping the Slack sync would leave
        adminSlack = slack.userIdOf(COMPANY.employees().get(0).id());
        map(adminSlack, s.admin.userId());
        general = slack.channelIdOf(COMPANY.slackChannels().get(0).id());
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    void map(String slackUser, UUID userId) {
        s.tx.execute(s.tenant, j -> j.sql("""
                INSERT INTO identity_mappings (organization_id, source_system, external_id, user_id) VALUES (:o, 'slack', :x, :u)
                """).param("o", s.tenant.orgId()).param("x", slackUser).param("u", userId).update());
    }

    /** Penny proposes a Slack post to #deals; the admin has not auto-approved it, so it waits. */
    UUID proposed() {
        String input = TestApi.json().writeValueAsString(Map.of("connector", "slack", "action", "send_message",
                "params", Map.of("channel", "#deals", "text", "We closed Vandelay!")));
        s.turn(ScriptedModelClient.builder().turn(t -> t.toolCall("run_action", input)).turn(t -> t.text("Queued.")).build(),
                "Tell #deals we closed Vandelay", new Scenario.RecordingSink());
        return UUID.fromString(s.api.get("/api/pending-changes?status=pending", s.admin.caller()).json().path(0).path("id").asString());
    }

    /** The approval DM the requester got, once it arrived and Revtops recorded it (so its buttons can be clicked). */
    SlackSimulator.Posted dm() {
        SyncFixture.await(() -> slack.posted("chat.postMessage").stream().anyMatch(p -> p.channel().startsWith("D")), WAIT, "the approval DM");
        SyncFixture.await(() -> s.tx.run(s.tenant, j -> j.sql("SELECT count(*) FROM slack_approval_messages").query(Long.class).single()) > 0,
                WAIT, "the approval DM to be recorded");
        return slack.posted("chat.postMessage").stream().filter(p -> p.channel().startsWith("D")).findFirst().orElseThrow();
    }

    List<SlackSimulator.Posted> postsToDeals() {
        return slack.posted("chat.postMessage").stream().filter(p -> p.channel().equals(slack.channelId("deals"))).toList();
    }

    String status(UUID id) {
        return s.api.get("/api/pending-changes/" + id, s.admin.caller()).json().path("status").asString();
    }

    String payload(String slackUser, String actionId, UUID operationId, String channel) {
        return TestApi.json().writeValueAsString(Map.of("type", "block_actions",
                "team", Map.of("id", slack.teamId(), "domain", "acme-demo"),
                "user", Map.of("id", slackUser, "team_id", slack.teamId()),
                "container", Map.of("type", "message", "channel_id", channel),
                "channel", Map.of("id", channel),
                "actions", List.of(Map.of("type", "button", "block_id", "revtops_approval", "action_id", actionId,
                        "value", operationId.toString()))));
    }

    HttpResponse<String> click(String body, String timestamp, String signature) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/slack/interactions"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
            if (timestamp != null) b.header("X-Slack-Request-Timestamp", timestamp);
            if (signature != null) b.header("X-Slack-Signature", signature);
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A click signed as Slack signs it. */
    HttpResponse<String> signedClick(String payload) {
        String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        return click(body, ts, sign(ApprovalsTest.SLACK_SIGNING_SECRET, ts, body));
    }

    static String sign(String secret, String ts, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<SlackSimulator.Posted> ephemeralsFor(String slackUser) {
        return slack.posted("chat.postEphemeral").stream().filter(p -> p.user().orElse("").equals(slackUser)).toList();
    }

    @Nested
    class TheDm {
        @Test
        void aPendingChangeArrivesAsADmWithApproveAndRejectButtons() {
            UUID id = proposed();
            SlackSimulator.Posted dm = dm();
            assertThat(dm.channel()).isEqualTo("D" + adminSlack.substring(1));
            assertThat(dm.text()).contains("Change 1 needs your approval");
            JsonNode buttons = dm.blocks().path(2).path("elements");
            assertThat(buttons.path(0).path("action_id").asString()).isEqualTo("approve");
            assertThat(buttons.path(1).path("action_id").asString()).isEqualTo("reject");
            assertThat(buttons.path(0).path("value").asString()).isEqualTo(id.toString());
            assertThat(postsToDeals()).isEmpty();
        }

        @Test
        void anOrganizationCanTurnTheDmsOff() {
            s.tx.execute(s.tenant, j -> j.sql("UPDATE organizations SET settings = settings || '{\"slack_approval_buttons\": false}'::jsonb WHERE id = :o")
                    .param("o", s.tenant.orgId()).update());
            UUID id = proposed();
            // the approval in the web app ends it; had a DM been sent, its update would show up too
            s.api.post("/api/pending-changes/" + id + "/approve", s.admin.caller(), Map.of());
            assertThat(slack.posted("chat.postMessage")).extracting(SlackSimulator.Posted::channel).containsExactly(slack.channelId("deals"));
            assertThat(slack.posted("chat.update")).isEmpty();
        }
    }

    @Nested
    class Clicks {
        @Test
        void aSignedApproveClickExecutesOnceAndTheDmShowsTheOutcome() {
            UUID id = proposed();
            SlackSimulator.Posted dm = dm();

            HttpResponse<String> r = signedClick(payload(adminSlack, "approve", id, dm.channel()));

            assertThat(r.statusCode()).isEqualTo(200);
            SyncFixture.await(() -> status(id).equals("completed"), WAIT, "the change to complete");
            assertThat(postsToDeals()).hasSize(1);
            assertThat(postsToDeals().getFirst().text()).startsWith("We closed Vandelay!");
            SyncFixture.await(() -> !slack.posted("chat.update").isEmpty(), WAIT, "the DM update");
            SlackSimulator.Posted update = slack.posted("chat.update").getFirst();
            assertThat(update.ts()).isEqualTo(dm.ts());
            assertThat(update.text()).contains("approved and done");
            assertThat(update.blocks().toString()).doesNotContain("\"approve\"");
            JsonNode ledger = s.api.get("/api/action-ledger?action=pending_change.approved", s.admin.caller()).json();
            assertThat(ledger.path(0).path("user_id").asString()).isEqualTo(s.admin.userId().toString());
        }

        @Test
        void aSignedRejectClickRejects() {
            UUID id = proposed();
            SlackSimulator.Posted dm = dm();
            signedClick(payload(adminSlack, "reject", id, dm.channel()));
            SyncFixture.await(() -> status(id).equals("rejected"), WAIT, "the change to be rejected");
            SyncFixture.await(() -> !slack.posted("chat.update").isEmpty(), WAIT, "the DM update");
            assertThat(slack.posted("chat.update").getFirst().text()).contains("rejected");
            assertThat(postsToDeals()).isEmpty();
        }

        @Test
        void aDoubleClickExecutesOnce() {
            UUID id = proposed();
            SlackSimulator.Posted dm = dm();
            String p = payload(adminSlack, "approve", id, dm.channel());

            assertThat(signedClick(p).statusCode()).isEqualTo(200);
            assertThat(signedClick(p).statusCode()).isEqualTo(200);

            SyncFixture.await(() -> status(id).equals("completed") && !ephemeralsFor(adminSlack).isEmpty(), WAIT,
                    "one execution and one refusal");
            assertThat(postsToDeals()).hasSize(1);
            assertThat(ephemeralsFor(adminSlack).getFirst().text()).contains("already");
        }
    }

    @Nested
    class Refusals {
        @Test
        void badMissingOrStaleSignaturesAre401AndChangeNothing() {
            UUID id = proposed();
            SlackSimulator.Posted dm = dm();
            String body = "payload=" + URLEncoder.encode(payload(adminSlack, "approve", id, dm.channel()), StandardCharsets.UTF_8);
            String now = Long.toString(Instant.now().getEpochSecond());
            String old = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());

            HttpResponse<String> wrongSecret = click(body, now, sign("not-the-secret", now, body));
            HttpResponse<String> missing = click(body, null, null);
            HttpResponse<String> stale = click(body, old, sign(ApprovalsTest.SLACK_SIGNING_SECRET, old, body));
            HttpResponse<String> tampered = click(body.replace("approve", "reject"), now, sign(ApprovalsTest.SLACK_SIGNING_SECRET, now, body));
            HttpResponse<String> garbage = click(body, now, "v0=zz");

            for (HttpResponse<String> r : List.of(wrongSecret, missing, stale, tampered, garbage)) {
                assertThat(r.statusCode()).isEqualTo(401);
                assertThat(TestApi.json().readTree(r.body()).path("error").path("code").asString()).isEqualTo("unauthorized");
            }
            assertThat(status(id)).isEqualTo("pending");
            assertThat(postsToDeals()).isEmpty();
            assertThat(slack.posted("chat.postEphemeral")).isEmpty();
        }

        @Test
        void aSignedBodyThatIsNotAnInteractionIs400() {
            String body = "hello=world";
            String ts = Long.toString(Instant.now().getEpochSecond());
            HttpResponse<String> r = click(body, ts, sign(ApprovalsTest.SLACK_SIGNING_SECRET, ts, body));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("Exception");
        }

        @Test
        void anUnknownSlackMemberIsPolitelyRefused() {
            UUID id = proposed();
            dm();
            String stranger = slack.userIdOf(COMPANY.employees().get(1).id()); // in the workspace, not linked to a member

            assertThat(signedClick(payload(stranger, "approve", id, general)).statusCode()).isEqualTo(200);

            SyncFixture.await(() -> !ephemeralsFor(stranger).isEmpty(), WAIT, "the refusal");
            assertThat(ephemeralsFor(stranger).getFirst().text()).contains("I don't know you yet");
            assertThat(status(id)).isEqualTo("pending");
            assertThat(postsToDeals()).isEmpty();
        }

        @Test
        void aMemberWhoIsNotTheRequesterIsRefused() {
            UUID id = proposed();
            dm();
            TestApi.Session max = s.member("max");
            String maxSlack = slack.userIdOf(COMPANY.employees().get(2).id());
            map(maxSlack, max.userId());

            signedClick(payload(maxSlack, "approve", id, general));

            SyncFixture.await(() -> !ephemeralsFor(maxSlack).isEmpty(), WAIT, "the refusal");
            assertThat(ephemeralsFor(maxSlack).getFirst().text()).contains("Only the person who asked");
            assertThat(status(id)).isEqualTo("pending");
            assertThat(postsToDeals()).isEmpty();
        }

        @Test
        void aClickFromAnotherWorkspaceIsIgnored() {
            UUID id = proposed();
            SlackSimulator.Posted dm = dm();
            String p = payload(adminSlack, "approve", id, dm.channel()).replace(slack.teamId(), "TOTHERTEAM");
            assertThat(signedClick(p).statusCode()).isEqualTo(200);
            // a later genuine click still works, so the foreign one did nothing
            signedClick(payload(adminSlack, "reject", id, dm.channel()));
            SyncFixture.await(() -> status(id).equals("rejected"), WAIT, "the genuine click");
            assertThat(postsToDeals()).isEmpty();
        }
    }
}
