package io.revtops.connectors.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.connectors.ActionResult;
import io.revtops.connectors.ApiClient;
import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.Credentials;
import io.revtops.connectors.StreamSpec;
import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.testing.Connectors;
import io.revtops.connectors.testing.StreamRun;
import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.gmail.GmailSimulator;
import io.revtops.simulators.gmail.GmailStore.NewMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Gmail connector against the Gmail simulator, over real HTTP through the real HTTP layer. */
class GmailConnectorTest {
    static final DemoCompany COMPANY = DemoCompany.generate(7, 0.3);
    /** Half a year, so the first mailbox has more than one page of mail in the window. */
    static final int LOOKBACK_DAYS = 180;

    MutableClock clock = new MutableClock(COMPANY.anchor());
    TokenRegistry tokens = new TokenRegistry(clock);
    GmailSimulator sim;
    GmailConnector gmail = new GmailConnector();
    Connectors.FixedCredentials credentials;
    ConnectorContext ctx;
    String mailbox;
    StreamSpec messages = gmail.streams().getFirst();

    @BeforeEach
    void start() {
        sim = new GmailSimulator(COMPANY, tokens, clock);
        sim.start("127.0.0.1", 0);
        mailbox = sim.mailboxes().getFirst();
        credentials = new Connectors.FixedCredentials(Credentials.token(sim.tokenFor(mailbox)));
        ApiClient http = Connectors.client(gmail.meta(), sim.baseUrl(), credentials, Connectors.fastSettings("gmail"));
        ctx = Connectors.context(http, Map.of("lookback_days", LOOKBACK_DAYS), clock);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    Instant windowStart() {
        return clock.instant().minus(Duration.ofDays(LOOKBACK_DAYS));
    }

    StreamRun sync(Checkpoint from) {
        return StreamRun.of(gmail, ctx, messages, from);
    }

    NewMessage inbound(String subject, String text) {
        return NewMessage.inbound("ana@globex.example", mailbox, subject, text, clock.instant());
    }

    @Nested
    class FirstSync {
        @Test
        void listsTheWindowAndReadsEveryMessageOfIt() {
            StreamRun run = sync(Checkpoint.START);
            List<String> expected = sim.idsSince(mailbox, Instant.ofEpochSecond(windowStart().getEpochSecond()));
            assertThat(expected).hasSizeGreaterThan(GmailClient.PAGE);
            assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(new HashSet<>(run.ids())).hasSameSizeAs(run.ids());
            assertThat(run.failures()).isEmpty();
            assertThat(run.pages()).isGreaterThan(1);
            assertThat(run.checkpoint().get(GmailConnector.HISTORY_ID)).isPresent();
        }

        @Test
        void rowsCarryHeadersTextDirectionAndRecipients() {
            StreamRun run = sync(Checkpoint.START);
            assertThat(run.records()).allSatisfy(r -> assertThat(r.columns())
                    .containsEntry("type", "email").containsKeys("subject", "description", "activity_date", "from_email",
                            "to_emails", "thread_id", "direction"));
            SyncedRecord out = run.records().stream().filter(r -> r.columns().get("direction").equals("outbound")).findFirst().orElseThrow();
            assertThat(out.columns().get("from_email")).isEqualTo(mailbox);
            SyncedRecord in = run.records().stream().filter(r -> r.columns().get("direction").equals("inbound")).findFirst().orElseThrow();
            assertThat(in.columns().get("from_email")).isNotEqualTo(mailbox);
            // HTML alternatives exist in the mailbox, but only text is stored
            assertThat(run.records()).anySatisfy(r -> assertThat(r.customFields()).containsEntry("has_html", true));
            assertThat(run.records()).allSatisfy(r -> assertThat((String) r.columns().get("description")).doesNotContain("<div", "<br"));
        }

        @Test
        void withoutALookbackSettingTheWindowIsThirtyDays() {
            ConnectorContext plain = Connectors.context(ctx.http(), Map.of(), clock);
            StreamRun run = StreamRun.of(gmail, plain, messages, Checkpoint.START);
            List<String> expected = sim.idsSince(mailbox, Instant.ofEpochSecond(clock.instant().minus(Duration.ofDays(30)).getEpochSecond()));
            assertThat(expected).isNotEmpty().hasSizeLessThan(sim.idsSince(mailbox, windowStart()).size());
            assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Nested
    class Incremental {
        @Test
        void aSecondSyncFindsNothing() {
            Checkpoint cp = sync(Checkpoint.START).checkpoint();
            StreamRun again = sync(cp);
            assertThat(again.records()).isEmpty();
            assertThat(again.deleted()).isEmpty();
        }

        @Test
        void aNewMessageComesThroughHistoryAndNothingElse() {
            Checkpoint cp = sync(Checkpoint.START).checkpoint();
            String id = sim.deliver(mailbox, inbound("Renewal", "Can we talk about the renewal?"));
            StreamRun run = sync(cp);
            assertThat(run.ids()).containsExactly(id);
            assertThat(run.record(id).columns()).containsEntry("subject", "Renewal").containsEntry("direction", "inbound")
                    .containsEntry("description", "Can we talk about the renewal?");
            assertThat(sim.requests().matching("GET", "/gmail/v1/users/me/history")).isNotEmpty();
            assertThat(sync(run.checkpoint()).records()).isEmpty();
        }

        @Test
        void aDeletedMessageIsReportedDeleted() {
            StreamRun first = sync(Checkpoint.START);
            String gone = first.ids().getFirst();
            sim.delete(mailbox, gone);
            StreamRun run = sync(first.checkpoint());
            assertThat(run.deleted()).containsExactly(gone);
            assertThat(run.records()).isEmpty();
        }

        @Test
        void expiredHistoryRelistsTheWindowWithoutDuplicates() {
            Checkpoint cp = sync(Checkpoint.START).checkpoint();
            String id = sim.deliver(mailbox, inbound("After expiry", "Hello"));
            sim.expireHistory(mailbox);
            StreamRun run = sync(cp);
            assertThat(run.ids()).contains(id)
                    .containsExactlyInAnyOrderElementsOf(sim.idsSince(mailbox, Instant.ofEpochSecond(windowStart().getEpochSecond())));
            assertThat(new HashSet<>(run.ids())).hasSameSizeAs(run.ids());
            // and history works again from the new mark
            String next = sim.deliver(mailbox, inbound("Later", "Again"));
            assertThat(sync(run.checkpoint()).ids()).containsExactly(next);
        }
    }

    @Nested
    class Faults {
        @Test
        void a429WithRetryAfterIsWaitedOutAndTheSyncCompletes() {
            sim.faults().rateLimitNext(2, 1);
            StreamRun run = sync(Checkpoint.START);
            assertThat(run.ids()).hasSameSizeAs(sim.idsSince(mailbox, Instant.ofEpochSecond(windowStart().getEpochSecond())));
            assertThat(sim.requests().all()).filteredOn(r -> r.status() == 429).hasSize(2);
        }

        @Test
        void googles403UserRateLimitIsRetriedLikeA429() {
            // the per-user window needs a clock that moves while the HTTP layer waits
            TokenRegistry realTime = new TokenRegistry(java.time.Clock.systemUTC());
            try (GmailSimulator limited = new GmailSimulator(COMPANY, realTime, java.time.Clock.systemUTC())) {
                limited.start("127.0.0.1", 0);
                limited.faults().limitRate(20, Duration.ofMillis(300));
                ApiClient http = Connectors.client(gmail.meta(), limited.baseUrl(),
                        new Connectors.FixedCredentials(Credentials.token(limited.tokenFor(mailbox))), Connectors.fastSettings("gmail"));
                StreamRun run = StreamRun.of(gmail, Connectors.context(http, Map.of("lookback_days", LOOKBACK_DAYS), clock),
                        messages, Checkpoint.START);
                assertThat(run.ids()).hasSameSizeAs(limited.idsSince(mailbox, Instant.ofEpochSecond(windowStart().getEpochSecond())));
                assertThat(limited.requests().all()).filteredOn(r -> r.status() == 403).isNotEmpty();
            }
        }

        @Test
        void aRevokedTokenAsksForReconnectAfterOneRefreshAndNoRetryLoop() {
            tokens.revoke(sim.tokenFor(mailbox));
            assertThatThrownBy(() -> sync(Checkpoint.START))
                    .isInstanceOf(ConnectorException.NeedsReconnect.class)
                    .hasMessage("Reconnect Gmail");
            assertThat(credentials.refreshes.get()).isEqualTo(1);
            assertThat(sim.requests().all()).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
        }

        @Test
        void aTruncatedAnswerFailsThePageAndTheNextRunResumesFromTheCheckpoint() {
            Checkpoint cp = sync(Checkpoint.START).checkpoint();
            String id = sim.deliver(mailbox, inbound("Truncated once", "Hello"));
            sim.faults().truncateNext(1);
            assertThatThrownBy(() -> sync(cp)).isInstanceOf(ConnectorException.MalformedResponse.class);
            assertThat(sync(cp).ids()).containsExactly(id);
        }
    }

    @Nested
    class BadPayloads {
        Checkpoint cp;

        @BeforeEach
        void synced() {
            cp = sync(Checkpoint.START).checkpoint();
        }

        SyncedRecord only(StreamRun run, String id) {
            assertThat(run.failures()).isEmpty();
            return run.record(id);
        }

        @Test
        void aMessageWithoutHeadersIsKeptWithItsDateAndText() {
            String data = Base64.getUrlEncoder().encodeToString("just text".getBytes(StandardCharsets.UTF_8));
            String id = sim.deliver(mailbox, inbound("x", "x").withOverrides(Map.of("payload",
                    Map.of("mimeType", "text/plain", "body", Map.of("size", 9, "data", data)))));
            SyncedRecord r = only(sync(cp), id);
            assertThat(r.columns()).containsEntry("description", "just text").containsKey("activity_date")
                    .doesNotContainKeys("subject", "from_email", "to_emails");
        }

        @Test
        void invalidDatesLeaveTheDateEmptyAndKeepTheRecord() {
            String id = sim.deliver(mailbox, inbound("Bad date", "body").withOverrides(Map.of("internalDate", "yesterday-ish",
                    "payload", Map.of("mimeType", "text/plain", "headers", List.of(Map.of("name", "Date", "value", "32 Foo 2026 99:99"),
                            Map.of("name", "Subject", "value", "Bad date")), "body", Map.of("size", 0)))));
            SyncedRecord r = only(sync(cp), id);
            assertThat(r.columns()).containsEntry("subject", "Bad date").doesNotContainKey("activity_date");
            assertThat(r.customFields()).containsEntry("invalid_date", "32 Foo 2026 99:99");
        }

        @Test
        void aHugeBodyIsCutToTheTextLimit() {
            String id = sim.deliver(mailbox, inbound("Huge", "word ".repeat(100_000)));
            SyncedRecord r = only(sync(cp), id);
            assertThat((String) r.columns().get("description")).hasSizeLessThanOrEqualTo(200_000).startsWith("word word");
            assertThat(r.customFields()).containsEntry("body_truncated", true);
        }

        @Test
        void brokenBase64KeepsTheRecordWithTheSnippetAsText() {
            String id = sim.deliver(mailbox, inbound("Broken", "Readable snippet").withOverrides(Map.of("payload",
                    Map.of("mimeType", "text/plain", "headers", List.of(Map.of("name", "Subject", "value", "Broken")),
                            "body", Map.of("size", 12, "data", "%%%not*base64%%%")))));
            SyncedRecord r = only(sync(cp), id);
            assertThat(r.columns()).containsEntry("subject", "Broken").containsEntry("description", "Readable snippet");
            assertThat(r.customFields()).containsEntry("body_unreadable", true);
        }

        @Test
        void htmlOnlyMailBecomesTextWithoutScriptsOrTags() {
            String html = "<html><head><style>p{color:red}</style></head><body><p>Hello <b>Ada</b></p>"
                    + "<script>alert('x')</script><p>Price &amp; terms</p></body></html>";
            String id = sim.deliver(mailbox, inbound("Html", "x").withOverrides(Map.of("payload", Map.of("mimeType", "text/html",
                    "headers", List.of(Map.of("name", "Content-Type", "value", "text/html; charset=UTF-8")),
                    "body", Map.of("size", html.length(), "data", Base64.getUrlEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)))))));
            String text = (String) only(sync(cp), id).columns().get("description");
            assertThat(text).contains("Hello Ada", "Price & terms").doesNotContain("<", "alert", "color:red");
        }

        @Test
        void aMessageWithoutAnIdIsAFailureAndTheRestIsSynced() {
            String bad = sim.deliver(mailbox, inbound("No id", "x").withOverrides(java.util.Collections.singletonMap("id", null)));
            String good = sim.deliver(mailbox, inbound("Fine", "y"));
            StreamRun run = sync(cp);
            assertThat(run.ids()).containsExactly(good);
            assertThat(run.failures()).singleElement().satisfies(f -> assertThat(f.sourceId()).isEqualTo(bad));
        }

        @Test
        void unreadableAddressesAreSkippedAndTheRestKept() {
            String id = sim.deliver(mailbox, new NewMessage("not an address", List.of("ok@globex.example", "broken@@x"),
                    List.of("=?UTF-8?B?QmVh?= <bea@initech.example>"), "Addresses", "body", false, clock.instant(),
                    List.of("INBOX"), Map.of()));
            SyncedRecord r = only(sync(cp), id);
            assertThat(r.columns()).doesNotContainKey("from_email");
            assertThat(r.columns().get("to_emails")).isEqualTo(List.of("ok@globex.example", "bea@initech.example"));
            assertThat(r.customFields()).containsEntry("invalid_from", "not an address");
        }
    }

    @Nested
    class SendEmail {
        Map<String, Object> params = Map.of("to", List.of("ana@globex.example"), "cc", List.of("leo@globex.example"),
                "subject", "Prix révisés", "body", "Hello Ana,\nthe new prices are attached.\n");

        @Test
        void sendsExactlyOneMessageWithTheKeysMessageId() {
            ActionResult r = gmail.action(ctx, "send_email", params, "op-key-1");
            assertThat(sim.sent(mailbox)).singleElement().satisfies(s -> {
                assertThat(s.to()).containsExactly("ana@globex.example");
                assertThat(s.cc()).containsExactly("leo@globex.example");
                assertThat(s.subject()).isEqualTo("Prix révisés");
                assertThat(s.text()).isEqualTo("Hello Ana,\r\nthe new prices are attached.");
                assertThat(s.rfc822MessageId()).isEqualTo(GmailOutgoing.messageId("op-key-1", mailbox));
            });
            assertThat(r.data()).containsEntry("already_sent", false).containsEntry("message_id", sim.sent(mailbox).getFirst().id());
        }

        @Test
        void aRetryWithTheSameKeyDoesNotSendTwice() {
            ActionResult first = gmail.action(ctx, "send_email", params, "op-key-2");
            ActionResult again = gmail.action(ctx, "send_email", params, "op-key-2");
            assertThat(sim.sent(mailbox)).hasSize(1);
            assertThat(again.data()).containsEntry("already_sent", true).containsEntry("message_id", first.data().get("message_id"));
            gmail.action(ctx, "send_email", params, "op-key-3");
            assertThat(sim.sent(mailbox)).hasSize(2);
        }

        @Test
        void aServerErrorOnSendIsNotResentBlindlyButLookedUpThenSentOnce() {
            sim.faults().inject(new io.revtops.simulators.common.Fault.ServerError(503), 1, "/gmail/v1/users/me/messages/send");
            gmail.action(ctx, "send_email", params, "op-key-4");
            assertThat(sim.sent(mailbox)).hasSize(1);
            assertThat(sim.requests().matching("POST", "/gmail/v1/users/me/messages/send")).hasSize(2);
            // each send attempt was preceded by a look-up of the Message-ID
            assertThat(sim.requests().all()).filteredOn(q -> q.path().equals("/gmail/v1/users/me/messages")
                    && q.query().contains("rfc822msgid")).hasSize(2);
        }

        @Test
        void headerInjectionInAnAddressIsRefusedBeforeAnyCall() {
            assertThatThrownBy(() -> gmail.action(ctx, "send_email", Map.of("to", List.of("a@b.example\r\nBcc: x@evil.test"),
                    "subject", "s", "body", "b"), "op-key-5")).isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThat(sim.requests().all()).isEmpty();
        }

        @Test
        void lineBreaksInTheSubjectCannotAddHeaders() {
            gmail.action(ctx, "send_email", Map.of("to", List.of("ana@globex.example"),
                    "subject", "Hi\r\nBcc: x@evil.test", "body", "b"), "op-key-6");
            assertThat(sim.sent(mailbox)).singleElement().satisfies(s -> {
                assertThat(s.bcc()).isEmpty();
                assertThat(s.subject()).isEqualTo("Hi Bcc: x@evil.test");
            });
        }
    }

    @Test
    void searchMailboxReadsMatchingMessagesWithoutSending() {
        sim.deliver(mailbox, inbound("Quarterly invoice", "Please find the invoice for Q3."));
        ActionResult r = gmail.action(ctx, "search_mailbox", Map.of("query", "subject:invoice", "limit", 5), "read-1");
        assertThat(r.data().get("count")).isEqualTo(1);
        assertThat(r.data().get("messages").toString()).contains("Please find the invoice for Q3.");
        assertThat(sim.sent(mailbox)).isEmpty();
    }
}
