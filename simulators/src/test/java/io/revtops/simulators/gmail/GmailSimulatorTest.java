package io.revtops.simulators.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.demo.Email;
import io.revtops.simulators.testing.Http;
import io.revtops.simulators.testing.Http.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GmailSimulatorTest {
    static final DemoCompany COMPANY = DemoCompany.generate(42, 0.1);

    MutableClock clock = new MutableClock(COMPANY.anchor());
    TokenRegistry tokens = new TokenRegistry(clock);
    GmailSimulator sim;
    String address;
    Http http;

    @BeforeEach
    void start() {
        sim = new GmailSimulator(COMPANY, tokens, clock);
        sim.start("127.0.0.1", 0);
        address = sim.mailboxes().getFirst();
        http = Http.bearer(sim.tokenFor(address));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    String url(String pathAndQuery) {
        return sim.baseUrl() + "/gmail/v1/users/me" + pathAndQuery;
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aMailboxHoldsEveryDemoEmailItsOwnerSentOrReceived() {
        long expected = COMPANY.emails().stream().filter(e -> participants(e).contains(address)).count();
        JsonNode profile = http.get(url("/profile")).json();
        assertThat(profile.path("emailAddress").asString()).isEqualTo(address);
        assertThat(profile.path("messagesTotal").asLong()).isEqualTo(expected).isPositive();
        assertThat(profile.path("historyId").asString()).matches("\\d+");
    }

    @Test
    void listingPagesWithPageTokenNewestFirstAndHonoursAfter() {
        Instant since = COMPANY.anchor().minus(Duration.ofDays(30));
        List<String> ids = new ArrayList<>();
        String token = null;
        long previous = Long.MAX_VALUE;
        do {
            Reply r = http.get(url("/messages?maxResults=7&q=" + q("after:" + since.getEpochSecond())
                    + (token == null ? "" : "&pageToken=" + token)));
            assertThat(r.status()).isEqualTo(200);
            for (JsonNode m : r.json().path("messages")) {
                ids.add(m.path("id").asString());
                long at = http.get(url("/messages/" + m.path("id").asString() + "?format=minimal")).json()
                        .path("internalDate").asLong();
                assertThat(at).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(since.toEpochMilli());
                previous = at;
            }
            token = r.json().path("nextPageToken").asString(null);
        } while (token != null);
        assertThat(ids).containsExactlyElementsOf(sim.idsSince(address, since));
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    }

    @Test
    void aFullMessageHasHeadersAndABase64UrlBody() {
        String id = http.get(url("/messages?maxResults=1")).json().path("messages").path(0).path("id").asString();
        JsonNode m = http.get(url("/messages/" + id + "?format=full")).json();
        assertThat(m.path("internalDate").asString()).matches("\\d+");
        Set<String> names = new HashSet<>();
        m.path("payload").path("headers").forEach(h -> names.add(h.path("name").asString()));
        assertThat(names).contains("From", "To", "Subject", "Date", "Message-ID");
        JsonNode part = m.path("payload").path("parts").isEmpty() ? m.path("payload") : m.path("payload").path("parts").path(0);
        String text = new String(Base64.getUrlDecoder().decode(part.path("body").path("data").asString()), StandardCharsets.UTF_8);
        assertThat(text).isNotBlank();
    }

    @Test
    void aSentMessageIsRecordedFindableByItsMessageIdAndInTheHistory() {
        long start = sim.historyId(address);
        String raw = "From: " + address + "\r\nTo: buyer@example.com\r\nSubject: =?UTF-8?B?"
                + Base64.getEncoder().encodeToString("Prix ✓".getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
                + "Message-ID: <op-1@revtops.test>\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString("Hello there".getBytes(StandardCharsets.UTF_8)) + "\r\n";
        Reply sent = http.post(url("/messages/send"), Map.of("raw", Base64.getUrlEncoder().encodeToString(
                raw.getBytes(StandardCharsets.UTF_8))));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.json().path("labelIds").toString()).contains("SENT");
        assertThat(sim.sent(address)).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo("Prix ✓");
            assertThat(s.text()).isEqualTo("Hello there");
            assertThat(s.to()).containsExactly("buyer@example.com");
        });
        JsonNode found = http.get(url("/messages?q=" + q("rfc822msgid:<op-1@revtops.test>") + "&includeSpamTrash=true")).json();
        assertThat(found.path("messages").path(0).path("id").asString()).isEqualTo(sent.json().path("id").asString());
        JsonNode history = http.get(url("/history?historyTypes=messageAdded&startHistoryId=" + start)).json();
        assertThat(history.path("history").path(0).path("messagesAdded").path(0).path("message").path("id").asString())
                .isEqualTo(sent.json().path("id").asString());
    }

    @Test
    void historyFromAnExpiredIdIsNotFoundInGooglesErrorShape() {
        long start = sim.historyId(address);
        sim.deliver(address, GmailStore.NewMessage.inbound("a@example.com", address, "Hi", "text", clock.instant()));
        sim.expireHistory(address);
        Reply r = http.get(url("/history?startHistoryId=" + start));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("error").path("status").asString()).isEqualTo("NOT_FOUND");
        assertThat(r.json().path("error").path("errors").path(0).path("reason").asString()).isEqualTo("notFound");
    }

    @Test
    void aRevokedTokenIsRefusedWithUnauthenticated() {
        tokens.revoke(sim.tokenFor(address));
        Reply r = http.get(url("/profile"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().path("error").path("status").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void anotherUsersMailboxIsRefused() {
        Reply r = http.get(sim.baseUrl() + "/gmail/v1/users/" + sim.mailboxes().get(1) + "/profile");
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void rateLimitsAnswerGoogles429WithRetryAfter() {
        sim.faults().rateLimitNext(1, 2);
        Reply r = http.get(url("/profile"));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).contains("2");
        assertThat(r.json().path("error").path("errors").path(0).path("reason").asString()).isEqualTo("rateLimitExceeded");
    }

    static Set<String> participants(Email e) {
        Set<String> s = new HashSet<>();
        s.add(e.from().toLowerCase());
        e.to().forEach(t -> s.add(t.toLowerCase()));
        e.cc().forEach(t -> s.add(t.toLowerCase()));
        return s;
    }
}
