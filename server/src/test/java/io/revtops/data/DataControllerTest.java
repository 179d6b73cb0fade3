package io.revtops.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Caller;
import io.revtops.testing.TestApi.Session;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The data browser's REST: filtered, sorted pages of synced rows and a record with its links, under RLS. */
@RevtopsTest
class DataControllerTest {
    @LocalServerPort int port;
    @Autowired JdbcClient owner;
    TestApi api;
    Session ada;
    UUID acme;
    UUID acmeLabs;
    UUID globex;
    UUID jane;
    UUID bigDeal;
    UUID smallDeal;
    UUID email;

    @BeforeEach
    void aCompanyWithCrmData() {
        api = new TestApi(port);
        ada = api.devLogin("ada@data" + UUID.randomUUID().toString().substring(0, 8) + ".test");
        acme = account("Acme Corp", "acme.com");
        acmeLabs = account("Acme Labs 100%", "acmelabs.com");
        globex = account("Globex", "globex.com");
        jane = owner.sql("""
                INSERT INTO contacts (organization_id, source_system, source_id, name, email, title, account_id)
                VALUES (:o, 'hubspot', :s, 'Jane Doe', 'jane@acme.com', 'CFO', :a) RETURNING id
                """).param("o", ada.orgId()).param("s", "c-" + UUID.randomUUID()).param("a", acme).query(UUID.class).single();
        bigDeal = deal("Acme expansion", acme, "negotiation", false, "2026-03-15", 120000);
        smallDeal = deal("Globex pilot", globex, "closedwon", true, "2026-01-10", 5000);
        email = owner.sql("""
                INSERT INTO activities (organization_id, source_system, source_id, type, subject, description, activity_date,
                                        account_id, contact_id, deal_id)
                VALUES (:o, 'gmail', :s, 'email', '<script>alert(1)</script> Pricing', 'Here is our pricing for 2026.',
                        '2026-02-01T10:00:00Z', :a, :c, :d)
                RETURNING id
                """).param("o", ada.orgId()).param("s", "e-" + UUID.randomUUID()).param("a", acme).param("c", jane)
                .param("d", bigDeal).query(UUID.class).single();
    }

    UUID account(String name, String domain) {
        return owner.sql("""
                INSERT INTO accounts (organization_id, source_system, source_id, name, domain, industry)
                VALUES (:o, 'hubspot', :s, :n, :d, 'Software') RETURNING id
                """).param("o", ada.orgId()).param("s", "a-" + UUID.randomUUID()).param("n", name).param("d", domain)
                .query(UUID.class).single();
    }

    UUID deal(String name, UUID account, String stage, boolean closed, String closeDate, int amount) {
        return owner.sql("""
                INSERT INTO deals (organization_id, source_system, source_id, name, account_id, stage_name, is_closed,
                                   close_date, amount)
                VALUES (:o, 'hubspot', :s, :n, :a, :st, :c, CAST(:d AS date), :amt) RETURNING id
                """).param("o", ada.orgId()).param("s", "d-" + UUID.randomUUID()).param("n", name).param("a", account)
                .param("st", stage).param("c", closed).param("d", closeDate).param("amt", amount).query(UUID.class).single();
    }

    TestApi.Response get(String path) {
        return api.get(path, ada.caller());
    }

    static List<String> names(JsonNode rows, String field) {
        return rows.valueStream().map(r -> r.path(field).asString()).toList();
    }

    @Nested
    class Listing {
        @Test
        void searchesTitlesCaseInsensitivelyAndCountsAllMatches() {
            var r = get("/api/data/accounts?q=ACME&sort=name&order=asc");
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.json().path("total").asLong()).isEqualTo(2);
            assertThat(names(r.json().path("rows"), "name")).containsExactly("Acme Corp", "Acme Labs 100%");
        }

        @Test
        void likeWildcardsInTheSearchAreLiteral() {
            var r = get("/api/data/accounts?q=" + java.net.URLEncoder.encode("100%", java.nio.charset.StandardCharsets.UTF_8));
            assertThat(names(r.json().path("rows"), "name")).containsExactly("Acme Labs 100%");
            assertThat(get("/api/data/accounts?q=_").json().path("total").asLong()).isZero();
        }

        @Test
        void sortsAndPages() {
            var desc = get("/api/data/accounts?sort=name&order=desc&limit=1&offset=1");
            assertThat(desc.json().path("total").asLong()).isEqualTo(3);
            assertThat(desc.json().path("limit").asInt()).isEqualTo(1);
            assertThat(names(desc.json().path("rows"), "name")).containsExactly("Acme Labs 100%");
        }

        @Test
        void filtersDealsByStageClosedFlagAccountAndCloseDateRange() {
            assertThat(names(get("/api/data/deals?is_closed=true").json().path("rows"), "name")).containsExactly("Globex pilot");
            assertThat(names(get("/api/data/deals?stage_name=negotiation").json().path("rows"), "name")).containsExactly("Acme expansion");
            assertThat(names(get("/api/data/deals?account_id=" + acme).json().path("rows"), "name")).containsExactly("Acme expansion");
            assertThat(names(get("/api/data/deals?from=2026-03-01&to=2026-03-15").json().path("rows"), "name"))
                    .containsExactly("Acme expansion");
            assertThat(get("/api/data/deals?from=2026-03-16").json().path("total").asLong()).isZero();
        }

        @Test
        void rowsCarryTheirTitleAndTheirAccountsName() {
            var row = get("/api/data/deals?account_id=" + acme).json().path("rows").path(0);
            assertThat(row.path("display_title").asString()).isEqualTo("Acme expansion");
            assertThat(row.path("account_name").asString()).isEqualTo("Acme Corp");
            assertThat(row.path("close_date").asString()).isEqualTo("2026-03-15");
            assertThat(row.path("amount").asInt()).isEqualTo(120000);
        }

        @Test
        void filtersActivitiesByTypeAndContact() {
            var r = get("/api/data/activities?type=email&contact_id=" + jane);
            assertThat(r.json().path("total").asLong()).isEqualTo(1);
            assertThat(r.json().path("rows").path(0).path("subject").asString()).isEqualTo("<script>alert(1)</script> Pricing");
        }

        @Test
        void listsTheTablesWithTheirFilters() {
            var r = get("/api/data");
            assertThat(r.status()).isEqualTo(200);
            assertThat(names(r.json(), "name")).containsExactly("accounts", "contacts", "deals", "activities", "meetings",
                    "tracker_issues", "github_pull_requests", "shared_files");
            assertThat(r.json().path(2).path("filters").path("is_closed").asString()).isEqualTo("boolean");
        }

        @Test
        void everyTableCanBeListed() {
            for (String t : List.of("meetings", "tracker_issues", "github_pull_requests", "shared_files", "contacts")) {
                var r = get("/api/data/" + t);
                assertThat(r.status()).as(t + ": " + r.raw()).isEqualTo(200);
            }
        }
    }

    @Nested
    class Detail {
        @Test
        void aDealLinksItsAccountTheAccountsContactsAndItsActivities() {
            var r = get("/api/data/deals/" + bigDeal);
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.json().path("record").path("name").asString()).isEqualTo("Acme expansion");
            JsonNode linked = r.json().path("linked");
            assertThat(names(linked.path("accounts"), "id")).containsExactly(acme.toString());
            assertThat(names(linked.path("contacts"), "id")).containsExactly(jane.toString());
            assertThat(names(linked.path("activities"), "id")).containsExactly(email.toString());
        }

        @Test
        void anAccountLinksItsContactsDealsAndActivities() {
            JsonNode linked = get("/api/data/accounts/" + acme).json().path("linked");
            assertThat(names(linked.path("contacts"), "name")).containsExactly("Jane Doe");
            assertThat(names(linked.path("deals"), "name")).containsExactly("Acme expansion");
            assertThat(names(linked.path("activities"), "id")).containsExactly(email.toString());
        }

        @Test
        void aContactLinksItsAccountAndActivities() {
            JsonNode linked = get("/api/data/contacts/" + jane).json().path("linked");
            assertThat(names(linked.path("accounts"), "name")).containsExactly("Acme Corp");
            assertThat(names(linked.path("activities"), "id")).containsExactly(email.toString());
        }

        @Test
        void anActivityShowsItsFullText() {
            var r = get("/api/data/activities/" + email);
            assertThat(r.json().path("record").path("description").asString()).isEqualTo("Here is our pricing for 2026.");
            assertThat(names(r.json().path("linked").path("deals"), "id")).containsExactly(bigDeal.toString());
        }
    }

    @Nested
    class Isolation {
        @Test
        void anotherOrganizationsRecordIsNotFoundAndNotListed() {
            Session bob = api.devLogin("bob@other" + UUID.randomUUID().toString().substring(0, 8) + ".test");
            var r = api.get("/api/data/accounts/" + acme, bob.caller());
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("not_found");
            assertThat(api.get("/api/data/accounts", bob.caller()).json().path("total").asLong()).isZero();
            assertThat(api.get("/api/data/deals/" + bigDeal, bob.caller()).status()).isEqualTo(404);
        }

        @Test
        void signInIsRequired() {
            assertThat(api.get("/api/data/accounts", Caller.anonymous()).status()).isEqualTo(401);
        }
    }

    @Nested
    class BadInput {
        void refused(String path, String code) {
            var r = get(path);
            assertThat(r.status()).as(path + " → " + r.raw()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo(code);
            assertThat(r.json().path("error").path("message").asString()).isNotBlank();
        }

        @Test
        void unknownTablesFiltersAndSortsAreRefused() {
            refused("/api/data/users", "unknown_table");
            refused("/api/data/pg_catalog.pg_roles", "unknown_table");
            refused("/api/data/deals?organization_id=" + UUID.randomUUID(), "unknown_filter");
            refused("/api/data/deals?sort=name;DROP%20TABLE%20deals", "invalid_sort");
            refused("/api/data/deals?sort=custom_fields", "invalid_sort");
        }

        @Test
        void malformedValuesAreRefused() {
            refused("/api/data/deals?is_closed=maybe", "invalid_parameter");
            refused("/api/data/deals?account_id=acme", "invalid_parameter");
            refused("/api/data/deals?limit=0", "invalid_parameter");
            refused("/api/data/deals?limit=201", "invalid_parameter");
            refused("/api/data/deals?offset=-1", "invalid_parameter");
            refused("/api/data/deals?order=sideways", "invalid_parameter");
            refused("/api/data/deals?from=yesterday", "invalid_parameter");
            refused("/api/data/deals?from=2026-03-02&to=2026-03-01", "invalid_parameter");
            refused("/api/data/tracker_issues?priority=high", "invalid_parameter");
            refused("/api/data/deals/not-a-uuid", "invalid_parameter");
            refused("/api/data/accounts?q=" + "x".repeat(201), "invalid_parameter");
        }

        @Test
        void anUnknownIdIsNotFound() {
            assertThat(get("/api/data/deals/" + UUID.randomUUID()).status()).isEqualTo(404);
        }
    }
}
