package io.revtops.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.connectors.ActionResult;
import io.revtops.connectors.ApiClient;
import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.Credentials;
import io.revtops.connectors.Page;
import io.revtops.connectors.StreamSpec;
import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.testing.Connectors;
import io.revtops.connectors.testing.StreamRun;
import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.demo.Employee;
import io.revtops.simulators.slack.SlackSimulator;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Slack connector against the Slack simulator, over real HTTP through the real HTTP layer. */
class SlackConnectorTest {

    static final DemoCompany COMPANY = DemoCompany.generate(7, 0.1);

    MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
    TokenRegistry tokens = new TokenRegistry(clock);
    SlackSimulator sim;
    SlackConnector slack = new SlackConnector();
    Connectors.FixedCredentials credentials;
    ConnectorContext ctx;

    @BeforeEach
    void start() {
        sim = new SlackSimulator(COMPANY, tokens, clock);
        sim.start("127.0.0.1", 0);
        credentials = new Connectors.FixedCredentials(Credentials.token(sim.botToken()));
        ApiClient http = Connectors.client(slack.meta(), sim.apiUrl(), credentials, Connectors.fastSettings("slack"));
        ctx = Connectors.context(http, Map.of(), clock);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    StreamSpec stream(String name) {
        return slack.streams().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    StreamRun messages(Checkpoint from) {
        return StreamRun.of(slack, ctx, stream("messages"), from);
    }

    String member(int i) {
        return sim.userIdOf(COMPANY.employees().get(i).id());
    }

    @Nested
    class FirstSync {
        @Test
        void everyPublicMessageIncludingThreadRepliesBecomesOneActivity() {
            StreamRun run = messages(Checkpoint.START);
            assertThat(run.records()).hasSize(sim.publicMessageCount());
            assertThat(run.records()).hasSize(COMPANY.slackMessages().size());
            assertThat(new HashSet<>(run.ids())).hasSize(run.records().size());
            assertThat(run.failures()).isEmpty();
        }

        @Test
        void activitiesCarryChannelTextDateAuthorAndThread() {
            StreamRun run = messages(Checkpoint.START);
            var needle = COMPANY.slackMessages().getFirst();
            SyncedRecord r = run.records().stream().filter(x -> needle.text().equals(x.columns().get("description")))
                    .findFirst().orElseThrow();
            assertThat(r.columns()).containsEntry("type", "slack_message").containsEntry("subject", "#deals")
                    .containsEntry("owner_source_id", sim.userIdOf(needle.userId()))
                    .containsKey("activity_date");
            assertThat(((Instant) r.columns().get("activity_date")).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).isEqualTo(needle.at());
            assertThat(r.sourceId()).startsWith(sim.channelId("deals") + ":");
            SyncedRecord reply = run.records().stream().filter(x -> x.columns().get("thread_id") != null
                    && !((String) x.columns().get("thread_id")).endsWith((String) x.customFields().get("ts"))).findFirst().orElseThrow();
            assertThat(run.ids()).contains((String) reply.columns().get("thread_id"));
        }

        @Test
        void channelsArePagedAndAStopAfterAnyPageResumesWithoutLossOrDuplicates() {
            for (int i = 0; i < 250; i++) sim.postAs(member(i % 5), sim.channelId("deals"), "update " + i);
            Checkpoint cp = Checkpoint.START;
            Set<String> seen = new HashSet<>();
            int pages = 0;
            while (true) {
                Page page = new SlackConnector().fetch(ctx, stream("messages"), cp);
                page.records().forEach(r -> assertThat(seen.add(r.sourceId())).as("duplicate " + r.sourceId()).isTrue());
                cp = page.next();
                pages++;
                if (!page.hasMore()) break;
            }
            assertThat(pages).isGreaterThan(COMPANY.slackChannels().size()); // the busy channel took two history pages
            assertThat(seen).hasSize(sim.publicMessageCount());
        }

        @Test
        void peopleBecomeIdentityMappingsByProfileEmailAndBotsDoNot() {
            StreamRun run = StreamRun.of(slack, ctx, stream("users"), Checkpoint.START);
            assertThat(run.records()).hasSize(COMPANY.employees().size());
            Employee e = COMPANY.employees().get(3);
            assertThat(run.record(sim.userIdOf(e.id())).columns()).containsEntry("external_email", e.email().toLowerCase());
            assertThat(run.ids()).doesNotContain(sim.botUserId(), "USLACKBOT");
        }
    }

    @Nested
    class Incremental {
        @Test
        void aSecondSyncFindsNothingAndANewMessageComesBackAlone() {
            StreamRun first = messages(Checkpoint.START);
            StreamRun second = messages(first.checkpoint());
            assertThat(second.records()).isEmpty();

            String ts = sim.postAs(member(1), sim.channelId("deals"), "Vandelay signed <@" + member(2) + "> :tada:");
            StreamRun third = messages(second.checkpoint());
            assertThat(third.ids()).containsExactly(sim.channelId("deals") + ":" + ts);
            assertThat(third.records().getFirst().columns().get("description")).isEqualTo("Vandelay signed @" + member(2) + " :tada:");
            assertThat(messages(third.checkpoint()).records()).isEmpty();
        }

        @Test
        void aNewThreadWithRepliesComesBackWhole() {
            StreamRun first = messages(Checkpoint.START);
            String channel = sim.channelId("deals");
            String parent = sim.postAs(member(1), channel, "Who owns the Globex renewal?");
            String reply = sim.replyAs(member(2), channel, parent, "I do");
            assertThat(messages(first.checkpoint()).ids()).containsExactlyInAnyOrder(channel + ":" + parent, channel + ":" + reply);
        }
    }

    @Nested
    class BadPayloads {
        @Test
        void malformedMessagesAreFailuresOrKeptAndTheSyncGoesOn() {
            StreamRun first = messages(Checkpoint.START);
            String channel = sim.channelId("deals");
            sim.addRawMessage(channel, Map.of("type", "message", "user", member(1), "text", "no ts here"));
            sim.addRawMessage(channel, Map.of("type", "message", "user", member(1), "text", "bad ts", "ts", "yesterday"));
            sim.addRawMessage(channel, Map.of("type", "message", "user", member(1), "text", "x".repeat(300_000), "ts", "1769990000.000001"));
            sim.addRawMessage(channel, Map.of("type", "message", "subtype", "huddle_thread", "user", member(1), "text", "huddle",
                    "ts", "1769990000.000002"));
            String fine = sim.postAs(member(2), channel, "still here");

            StreamRun run = messages(first.checkpoint());

            assertThat(run.failures()).extracting(Page.RecordFailure::reason)
                    .anySatisfy(r -> assertThat(r).contains("without a ts"))
                    .anySatisfy(r -> assertThat(r).contains("'yesterday' is not a Slack timestamp"));
            assertThat(run.ids()).contains(channel + ":" + fine, channel + ":1769990000.000001", channel + ":1769990000.000002");
            assertThat(((String) run.record(channel + ":1769990000.000001").columns().get("description"))).hasSize(200_000);
            assertThat(run.record(channel + ":1769990000.000002").customFields()).containsEntry("subtype", "huddle_thread");
        }

        @Test
        void mrkdwnBecomesPlainText() {
            assertThat(SlackMapper.plainText("Hi <@U1|max>, see <#C2|deals> and <https://x.example/a?b=1&amp;c=2|the doc> &lt;3 <!here>"))
                    .isEqualTo("Hi @max, see #deals and the doc (https://x.example/a?b=1&c=2) <3 @here");
        }
    }

    @Nested
    class Faults {
        @Test
        void aStormOf429sIsSurvivedWithNothingLost() {
            sim.faults().rateLimitNext(2, 0).serverErrorNext(1).rateLimitNext(1, 1);
            StreamRun run = messages(Checkpoint.START);
            assertThat(run.records()).hasSize(sim.publicMessageCount());
            assertThat(sim.requests().all().stream().filter(r -> r.status() == 429)).hasSize(3);
            assertThat(sim.requests().all().stream().filter(r -> r.status() == 500)).hasSize(1);
        }

        @Test
        void aRevokedTokenAsksForReconnectWithoutARetryLoop() {
            tokens.revoke(sim.botToken());
            sim.requests().clear();
            assertThatThrownBy(() -> slack.fetch(ctx, stream("messages"), Checkpoint.START))
                    .isInstanceOf(ConnectorException.NeedsReconnect.class).hasMessage("Reconnect Slack");
            assertThat(sim.requests().all()).hasSize(1);
        }

        @Test
        void anUnknownTokenAsksForReconnectToo() {
            ApiClient http = Connectors.client(slack.meta(), sim.apiUrl(),
                    new Connectors.FixedCredentials(Credentials.token("xoxb-wrong")), Connectors.fastSettings("slack"));
            assertThatThrownBy(() -> slack.fetch(Connectors.context(http, Map.of(), clock), stream("users"), Checkpoint.START))
                    .isInstanceOf(ConnectorException.NeedsReconnect.class).hasMessage("Reconnect Slack");
        }

        @Test
        void okFalseErrorsBecomeClearConnectorErrors() {
            assertThatThrownBy(() -> slack.action(ctx, "fetch_channel_history", Map.of("channel", "C424242"), null))
                    .isInstanceOf(ConnectorException.Rejected.class).hasMessageContaining("channel_not_found");
            String deals = sim.channelId("deals");
            sim.removeBotFrom(deals);
            assertThatThrownBy(() -> slack.action(ctx, "send_message", Map.of("channel", deals, "text", "hi"), "k-1"))
                    .isInstanceOf(ConnectorException.Rejected.class)
                    .hasMessageContaining("not_in_channel").hasMessageContaining("/invite @Revtops");
            assertThatThrownBy(() -> slack.action(ctx, "fetch_channel_history", Map.of("channel", "#deals", "oldest", "soon"), null))
                    .isInstanceOf(ConnectorException.InvalidRequest.class);
        }

        @Test
        void aChannelTheAppLeftIsSkippedAndTheOthersSync() {
            String deals = sim.channelId("deals");
            sim.removeBotFrom(deals);
            StreamRun run = messages(Checkpoint.START);
            assertThat(run.ids()).isNotEmpty().noneMatch(id -> id.startsWith(deals + ":"));
            assertThat(run.failures()).isEmpty();
        }

        @Test
        void aTruncatedAnswerFailsThePageAndTheSameCheckpointWorksLater() {
            sim.faults().truncateNext(1);
            assertThatThrownBy(() -> slack.fetch(ctx, stream("users"), Checkpoint.START))
                    .isInstanceOf(ConnectorException.MalformedResponse.class);
            assertThat(slack.fetch(ctx, stream("users"), Checkpoint.START).records()).isNotEmpty();
        }
    }

    @Nested
    class Actions {
        @Test
        void sendMessagePostsOnceAndARetryWithTheSameKeyFindsTheFirstPost() {
            ActionResult first = slack.action(ctx, "send_message", Map.of("channel", "#deals", "text", "We closed Vandelay"), "op-42");
            ActionResult retry = slack.action(ctx, "send_message", Map.of("channel", "#deals", "text", "We closed Vandelay"), "op-42");

            assertThat(sim.posted("chat.postMessage")).hasSize(1);
            assertThat(sim.posted("chat.postMessage").getFirst().metadata().orElseThrow().path("event_payload")
                    .path("idempotency_key").asString()).isEqualTo("op-42");
            assertThat(retry.data()).containsEntry("ts", first.data().get("ts")).containsEntry("already_posted", true);
            assertThat(first.summary()).isEqualTo("Posted to #deals");

            slack.action(ctx, "send_message", Map.of("channel", "#deals", "text", "Another"), "op-43");
            assertThat(sim.posted("chat.postMessage")).hasSize(2);
        }

        @Test
        void sendMessageRepliesInAThread() {
            String deals = sim.channelId("deals");
            String parent = sim.postAs(member(1), deals, "Status of Globex?");
            slack.action(ctx, "send_message", Map.of("channel", deals, "text", "On track", "thread_ts", parent), "op-t");
            assertThat(sim.posted("chat.postMessage").getFirst().threadTs()).contains(parent);
        }

        @Test
        void badParametersAreRefusedBeforePosting() {
            assertThatThrownBy(() -> slack.action(ctx, "send_message", Map.of("channel", "#deals", "text", "x".repeat(40_001)), "k"))
                    .isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThatThrownBy(() -> slack.action(ctx, "send_message", Map.of("channel", "#deals", "text", "x", "thread_ts", "now"), "k"))
                    .isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThatThrownBy(() -> slack.action(ctx, "send_message", Map.of("channel", "#no-such-channel", "text", "x"), "k"))
                    .isInstanceOf(ConnectorException.InvalidRequest.class).hasMessageContaining("#no-such-channel");
            assertThatThrownBy(() -> slack.action(ctx, "delete_workspace", Map.of(), "k")).isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThat(sim.posted()).isEmpty();
        }

        @Test
        void fetchChannelHistoryReturnsTheLatestMessages() {
            String deals = sim.channelId("deals");
            sim.postAs(member(1), deals, "first");
            sim.postAs(member(2), deals, "second <@" + member(1) + ">");
            ActionResult r = slack.action(ctx, "fetch_channel_history", Map.of("channel", "#deals", "limit", 2), null);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> messages = (List<Map<String, Object>>) r.data().get("messages");
            assertThat(messages).extracting(m -> m.get("text")).containsExactly("second @" + member(1), "first");
            assertThat(r.summary()).isEqualTo("Read 2 messages of #deals");
            assertThat(messages.getFirst()).containsKeys("ts", "date", "user");
        }
    }

    @Test
    void operationsAreDeclaredAsTheApprovalsNeedThem() {
        assertThat(slack.meta().operation("send_message").orElseThrow().readOnly()).isFalse();
        assertThat(slack.meta().operation("fetch_channel_history").orElseThrow().readOnly()).isTrue();
        Map<String, Checkpoint> cps = new HashMap<>();
        StreamRun.all(slack, ctx, cps);
        assertThat(cps).containsKeys("users", "messages");
    }
}
