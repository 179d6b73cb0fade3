package io.revtops.search;

import static io.revtops.search.SearchFixture.email;
import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.agent.TurnSource;
import io.revtops.agent.model.CancellationToken;
import io.revtops.agent.tools.ToolContext;
import io.revtops.agent.tools.ToolOutcome;
import io.revtops.agent.tools.ToolRegistry;
import io.revtops.connectors.SyncedTable;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.sync.RecordWriter;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Response;
import io.revtops.testing.TestApi.Session;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** GET /api/search and the agent's search tool, including every kind of bad input: valid results or a 4xx, never a 500. */
@RevtopsTest
class SearchApiTest {
    @Autowired JdbcClient owner;
    @Autowired TenantTx tx;
    @Autowired RecordWriter writer;
    @Autowired EmbeddingIndexer indexer;
    @Autowired ToolRegistry tools;
    @LocalServerPort int port;

    TestApi api;
    Session ada;
    UUID pricing;

    @BeforeEach
    void organizationWithEmails() {
        api = new TestApi(port);
        SearchFixture fx = new SearchFixture(api, owner, tx, writer, indexer);
        ada = fx.newOrg("ada");
        var crm = fx.teamTarget(ada, "hubspot");
        fx.write(ada, crm, SyncedTable.ACTIVITIES, List.of(
                email("e1", "Re: pricing", "The per-seat price is too expensive; can you do 22% off?", Instant.parse("2026-01-10T10:00:00Z")),
                email("e2", "Kickoff", "Looking forward to the kickoff on Monday.", Instant.parse("2025-06-01T10:00:00Z"))));
        pricing = fx.id("activities", ada.orgId(), "e1");
        fx.indexAll();
    }

    Response get(String query) {
        return api.get("/api/search?" + query, ada.caller());
    }

    static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Nested
    class Results {
        @Test
        void answersWithCitationsAndATotal() {
            Response r = get(q("expensive price"));
            assertThat(r.status()).isEqualTo(200);
            JsonNode first = r.json().path("results").path(0);
            assertThat(first.path("id").asString()).isEqualTo(pricing.toString());
            assertThat(first.path("type").asString()).isEqualTo("email");
            assertThat(first.path("title").asString()).isEqualTo("Re: pricing");
            assertThat(first.path("date").asString()).startsWith("2026-01-10");
            assertThat(first.path("snippet").asString()).contains("«");
            assertThat(first.path("link").asString()).isEqualTo("/data/activities/" + pricing);
            assertThat(first.path("score").asDouble()).isPositive();
            assertThat(r.json().path("total").asInt()).isGreaterThanOrEqualTo(1);
        }

        @Test
        void filtersByTypeAndDateRange() {
            assertThat(get(q("kickoff") + "&types=email&from=2025-01-01&to=2025-12-31").json().path("results").path(0)
                    .path("title").asString()).isEqualTo("Kickoff");
            assertThat(get(q("pricing") + "&mode=keyword&from=2025-01-01&to=2025-12-31").json().path("results")).isEmpty();
            assertThat(get(q("pricing") + "&mode=keyword&types=meeting,issue").json().path("results")).isEmpty();
        }

        @Test
        void pagesThroughResults() {
            Response all = get(q("pricing kickoff Monday price") + "&limit=2");
            Response second = get(q("pricing kickoff Monday price") + "&limit=1&offset=1");
            assertThat(second.json().path("results").path(0).path("id").asString())
                    .isEqualTo(all.json().path("results").path(1).path("id").asString());
        }

        @Test
        void requiresSignIn() {
            assertThat(api.get("/api/search?" + q("pricing"), TestApi.Caller.anonymous()).status()).isEqualTo(401);
        }
    }

    @Nested
    class BadInput {
        @ParameterizedTest
        @ValueSource(strings = {"the and of a", "&|!():*'", "pricing & (discount | !foo):* 'x", "'", "!!!", "()", ":*",
                "\"unclosed quote", "-", "OR OR AND", "<->", "pricing <-> discount", "%_\\\\", "😀 pricing"})
        void oddTextsGiveValidResults(String text) {
            for (String mode : List.of("hybrid", "keyword", "vector")) {
                Response r = get(q(text) + "&mode=" + mode);
                assertThat(r.status()).as(text + " " + mode + ": " + r.raw()).isEqualTo(200);
                assertThat(r.json().path("results").isArray()).isTrue();
            }
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "                              | empty_query",
                "q=                            | empty_query",
                "q=%20%20                      | empty_query",
                "q=x&types=emails              | invalid_type",
                "q=x&types=email,bogus         | invalid_type",
                "q=x&limit=0                   | invalid_limit",
                "q=x&limit=51                  | invalid_limit",
                "q=x&limit=-5                  | invalid_limit",
                "q=x&limit=ten                 | invalid_limit",
                "q=x&limit=99999999999         | invalid_limit",
                "q=x&offset=-1                 | invalid_offset",
                "q=x&offset=100000             | invalid_offset",
                "q=x&account_id=acme           | invalid_account_id",
                "q=x&deal_id=1                 | invalid_deal_id",
                "q=x&owner_id='                | invalid_owner_id",
                "q=x&from=yesterday            | invalid_date",
                "q=x&to=2026-13-45             | invalid_date",
                "q=x&from=2026-02-01&to=2026-01-01 | invalid_date_range",
                "q=x&source=Hub%20Spot         | invalid_source",
                "q=x&mode=fuzzy                | invalid_mode",
                "q=x&recency=maybe             | invalid_recency",
                "q=%00                         | invalid_query"})
        void badParametersAre400sWithACode(String query, String code) {
            Response r = get(query == null ? "" : query);
            assertThat(r.status()).as(r.raw()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo(code);
        }

        @Test
        void aTenThousandCharacterQueryIsRefused() {
            Response r = get(q("pricing ".repeat(1_250)));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("query_too_long");
        }

        @Test
        void unknownIdsAreValidButEmpty() {
            Response r = get(q("pricing") + "&account_id=" + UUID.randomUUID());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("results")).isEmpty();
        }
    }

    @Nested
    class Tool {
        ToolContext ctx() {
            return new ToolContext(Tenant.of(ada.orgId(), ada.userId()), UUID.randomUUID(), UUID.randomUUID(), TurnSource.WEB,
                    Optional.empty(), CancellationToken.none());
        }

        ToolOutcome call(Map<String, Object> input) {
            String json = TestApi.json().writeValueAsString(input);
            return tools.run(ctx(), tools.prepare(ctx(), "search", json, true));
        }

        @Test
        void returnsCitationsTheModelCanQuote() {
            ToolOutcome outcome = call(Map.of("query", "customer says we are too expensive"));
            assertThat(outcome).isInstanceOf(ToolOutcome.Ok.class);
            JsonNode content = TestApi.json().valueToTree(((ToolOutcome.Ok) outcome).content());
            JsonNode first = content.path("results").path(0);
            assertThat(first.path("id").asString()).isEqualTo(pricing.toString());
            assertThat(first.path("link").asString()).isEqualTo("/data/activities/" + pricing);
            assertThat(first.path("title").asString()).isEqualTo("Re: pricing");
            assertThat(first.path("date").asString()).startsWith("2026-01-10");
        }

        @Test
        void filtersByTypeAndDates() {
            ToolOutcome outcome = call(Map.of("query", "pricing", "types", List.of("meeting"), "from", "2026-01-01"));
            JsonNode content = TestApi.json().valueToTree(((ToolOutcome.Ok) outcome).content());
            assertThat(content.path("results")).isEmpty();
            assertThat(content.path("hint").asString()).isNotBlank();
        }

        @Test
        void semanticEmbedInRunSqlQueryJoinsAndFiltersByMeaning() {
            String sql = """
                    SELECT a.subject, e.embedding <=> semantic_embed('the customer finds us too expensive') AS distance
                      FROM embeddings e JOIN activities a ON a.id = e.source_id AND e.source_table = 'activities'
                     WHERE a.type = 'email' AND a.activity_date >= '2025-01-01'
                     ORDER BY e.embedding <=> semantic_embed('the customer finds us too expensive') LIMIT 5
                    """;
            ToolOutcome outcome = tools.run(ctx(), tools.prepare(ctx(), "run_sql_query",
                    TestApi.json().writeValueAsString(Map.of("sql", sql)), true));
            assertThat(outcome).isInstanceOf(ToolOutcome.Ok.class);
            JsonNode content = TestApi.json().valueToTree(((ToolOutcome.Ok) outcome).content());
            assertThat(content.path("rows").path(0).path(0).asString()).isEqualTo("Re: pricing");
            assertThat(content.path("row_count").asInt()).isEqualTo(2);
        }

        @Test
        void badInputIsAnErrorTheModelCanFix() {
            assertThat(call(Map.of("query", "x", "from", "last week"))).isInstanceOf(ToolOutcome.Error.class);
            assertThat(call(Map.of("query", "x", "types", List.of("tweets")))).isInstanceOf(ToolOutcome.Error.class);
            assertThat(call(Map.of("query", "x", "account_id", "acme"))).isInstanceOf(ToolOutcome.Error.class);
            assertThat(call(Map.of("query", " "))).isInstanceOf(ToolOutcome.Error.class);
        }
    }
}
