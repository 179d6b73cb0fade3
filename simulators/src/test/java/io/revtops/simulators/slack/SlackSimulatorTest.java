package io.revtops.simulators.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.demo.Employee;
import io.revtops.simulators.demo.SlackMessage;
import io.revtops.simulators.testing.Http;
import io.revtops.simulators.testing.Http.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SlackSimulatorTest {
    static final DemoCompany COMPANY = DemoCompany.generate(5, 0.1);

    MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
    TokenRegistry tokens = new TokenRegistry(clock);
    SlackSimulator slack;
    Http http;

    @BeforeEach
    void start() {
        slack = new SlackSimulator(COMPANY, tokens, clock);
        slack.start("127.0.0.1", 0);
        http = Http.bearer(slack.botToken());
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    String url(String method) {
        return slack.apiUrl() + "/" + method;
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    Reply form(String method, String body, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(method)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) b.header("Authorization", "Bearer " + token);
            HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), Map.of(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class Reading {
        @Test
        void channelsPageWithCursorsUntilTheCursorIsEmpty() {
            Set<String> ids = new HashSet<>();
            String cursor = "";
            int pages = 0;
            do {
                JsonNode page = http.get(url("conversations.list?types=public_channel&limit=1&cursor=" + enc(cursor))).json();
                assertThat(page.path("ok").asBoolean()).isTrue();
                page.path("channels").forEach(c -> ids.add(c.path("id").asString()));
                cursor = page.path("response_metadata").path("next_cursor").asString();
                pages++;
            } while (!cursor.isEmpty());
            assertThat(ids).hasSize(COMPANY.slackChannels().size());
            assertThat(pages).isGreaterThan(1);
        }

        @Test
        void historyIsNewestFirstWithoutRepliesAndPagesByCursor() {
            String channel = slack.channelIdOf(COMPANY.slackChannels().get(0).id());
            long roots = COMPANY.slackMessages().stream().filter(m -> m.channelId().equals(COMPANY.slackChannels().get(0).id())
                    && m.threadParentId().isEmpty()).count();
            List<String> ts = new ArrayList<>();
            String cursor = "";
            boolean more;
            do {
                JsonNode page = http.get(url("conversations.history?channel=" + channel + "&limit=50&cursor=" + enc(cursor))).json();
                page.path("messages").forEach(m -> ts.add(m.path("ts").asString()));
                more = page.path("has_more").asBoolean();
                cursor = page.path("response_metadata").path("next_cursor").asString();
            } while (more);
            assertThat(ts).hasSize((int) roots).doesNotHaveDuplicates();
            assertThat(ts).isSortedAccordingTo((a, b) -> new java.math.BigDecimal(b).compareTo(new java.math.BigDecimal(a)));
        }

        @Test
        void oldestIsExclusiveUnlessInclusive() {
            String channel = slack.channelId("deals");
            String ts = slack.postAs(slack.userIdOf(COMPANY.employees().get(1).id()), channel, "one");
            assertThat(http.get(url("conversations.history?channel=" + channel + "&oldest=" + ts)).json().path("messages")).isEmpty();
            assertThat(http.get(url("conversations.history?channel=" + channel + "&oldest=" + ts + "&inclusive=true")).json()
                    .path("messages")).hasSize(1);
        }

        @Test
        void repliesStartWithTheParent() {
            SlackMessage reply = COMPANY.slackMessages().stream().filter(m -> m.threadParentId().isPresent()).findFirst().orElseThrow();
            String channel = slack.channelIdOf(reply.channelId());
            JsonNode parent = null;
            for (JsonNode m : http.get(url("conversations.history?channel=" + channel + "&limit=999")).json().path("messages")) {
                if (m.path("reply_count").asInt() > 0) parent = m;
            }
            assertThat(parent).isNotNull();
            JsonNode thread = http.get(url("conversations.replies?channel=" + channel + "&ts=" + parent.path("ts").asString())).json();
            assertThat(thread.path("messages").path(0).path("ts").asString()).isEqualTo(parent.path("ts").asString());
            assertThat(thread.path("messages")).hasSize(parent.path("reply_count").asInt() + 1);
        }

        @Test
        void usersCarryProfileEmailsAndTheBotIsABot() {
            JsonNode members = http.get(url("users.list")).json().path("members");
            Employee e = COMPANY.employees().get(0);
            assertThat(members.toString()).contains(e.email());
            boolean botSeen = false;
            for (JsonNode m : members) if (m.path("id").asString().equals(slack.botUserId())) botSeen = m.path("is_bot").asBoolean();
            assertThat(botSeen).isTrue();
        }

        @Test
        void formBodiesWorkLikeQueryStrings() {
            Reply r = form("conversations.history", "channel=" + slack.channelId("deals") + "&limit=2", slack.botToken());
            assertThat(r.json().path("messages")).hasSize(2);
        }
    }

    @Nested
    class Errors {
        @Test
        void authErrorsAreOkFalseWithHttp200() {
            assertThat(Http.anonymous().get(url("auth.test")).json().path("error").asString()).isEqualTo("not_authed");
            Reply bad = Http.bearer("xoxb-nope").get(url("auth.test"));
            assertThat(bad.status()).isEqualTo(200);
            assertThat(bad.json().path("error").asString()).isEqualTo("invalid_auth");
            tokens.revoke(slack.botToken());
            assertThat(http.get(url("auth.test")).json().path("error").asString()).isEqualTo("token_revoked");
        }

        @Test
        void unknownChannelAndMissingMembershipAreNamed() {
            assertThat(http.get(url("conversations.history?channel=C999999")).json().path("error").asString())
                    .isEqualTo("channel_not_found");
            String deals = slack.channelId("deals");
            slack.removeBotFrom(deals);
            assertThat(http.get(url("conversations.history?channel=" + deals)).json().path("error").asString())
                    .isEqualTo("not_in_channel");
        }

        @Test
        void badArgumentsAreInvalidArguments() {
            String deals = slack.channelId("deals");
            assertThat(http.get(url("conversations.history?channel=" + deals + "&oldest=yesterday")).json().path("error").asString())
                    .isEqualTo("invalid_arguments");
            assertThat(http.get(url("conversations.history?channel=" + deals + "&cursor=" + enc("no such cursor"))).json().path("ok").asBoolean())
                    .isFalse();
        }

        @Test
        void rateLimitsAre429WithRetryAfter() {
            slack.faults().rateLimitNext(1, 3);
            Reply r = http.get(url("auth.test"));
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.header("Retry-After")).contains("3");
            assertThat(r.json().path("error").asString()).isEqualTo("ratelimited");
        }
    }

    @Nested
    class Posting {
        @Test
        void postedMessagesAppearInHistoryWithTheirMetadata() {
            String deals = slack.channelId("deals");
            JsonNode r = http.post(url("chat.postMessage"), Map.of("channel", "#deals", "text", "We closed Vandelay",
                    "metadata", Map.of("event_type", "revtops_action", "event_payload", Map.of("idempotency_key", "k-1")))).json();
            assertThat(r.path("ok").asBoolean()).isTrue();
            assertThat(r.path("channel").asString()).isEqualTo(deals);
            JsonNode newest = http.get(url("conversations.history?channel=" + deals + "&limit=1&include_all_metadata=true")).json()
                    .path("messages").path(0);
            assertThat(newest.path("ts").asString()).isEqualTo(r.path("ts").asString());
            assertThat(newest.path("metadata").path("event_payload").path("idempotency_key").asString()).isEqualTo("k-1");
            assertThat(http.get(url("conversations.history?channel=" + deals + "&limit=1")).json().path("messages").path(0)
                    .has("metadata")).isFalse();
            assertThat(slack.posted("chat.postMessage")).hasSize(1);
        }

        @Test
        void slackIgnoresIdempotencyKeys() {
            Http keyed = Http.bearer(slack.botToken()).header("Idempotency-Key", "same");
            keyed.post(url("chat.postMessage"), Map.of("channel", "#deals", "text", "one"));
            keyed.post(url("chat.postMessage"), Map.of("channel", "#deals", "text", "one"));
            assertThat(slack.posted("chat.postMessage")).hasSize(2);
        }

        @Test
        void aMemberIdOpensADirectMessageAndUpdatesReplaceIt() {
            String user = slack.userIdOf(COMPANY.employees().get(2).id());
            JsonNode r = http.post(url("chat.postMessage"), Map.of("channel", user, "text", "Approve?",
                    "blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "Approve?"))))).json();
            assertThat(r.path("channel").asString()).startsWith("D");
            JsonNode u = http.post(url("chat.update"), Map.of("channel", r.path("channel").asString(), "ts", r.path("ts").asString(),
                    "text", "Approved")).json();
            assertThat(u.path("ok").asBoolean()).isTrue();
            assertThat(slack.posted("chat.update").getFirst().text()).isEqualTo("Approved");
        }

        @Test
        void badPostsAreRefusedWithSlacksCodes() {
            assertThat(http.post(url("chat.postMessage"), Map.of("channel", "#nope", "text", "x")).json().path("error").asString())
                    .isEqualTo("channel_not_found");
            assertThat(http.post(url("chat.postMessage"), Map.of("channel", "#deals")).json().path("error").asString())
                    .isEqualTo("no_text");
            assertThat(http.post(url("chat.postMessage"), Map.of("channel", "#deals", "text", "x".repeat(40_001))).json()
                    .path("error").asString()).isEqualTo("msg_too_long");
            assertThat(http.post(url("chat.postMessage"), Map.of("channel", "#deals", "text", "x", "metadata", Map.of("a", 1))).json()
                    .path("error").asString()).isEqualTo("invalid_metadata_format");
            assertThat(slack.posted()).isEmpty();
        }

        @Test
        void reactionsAreAddedOnce() {
            String deals = slack.channelId("deals");
            String ts = slack.postAs(slack.userIdOf(COMPANY.employees().get(1).id()), deals, "hi");
            assertThat(form("reactions.add", "channel=" + deals + "&timestamp=" + ts + "&name=eyes", slack.botToken()).json()
                    .path("ok").asBoolean()).isTrue();
            assertThat(form("reactions.add", "channel=" + deals + "&timestamp=" + ts + "&name=eyes", slack.botToken()).json()
                    .path("error").asString()).isEqualTo("already_reacted");
            assertThat(slack.reactions(deals, ts)).containsKey("eyes");
        }
    }
}
