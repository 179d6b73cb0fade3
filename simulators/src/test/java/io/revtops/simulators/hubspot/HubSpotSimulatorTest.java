package io.revtops.simulators.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.Deal;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.testing.Http;
import io.revtops.simulators.testing.Http.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubSpotSimulatorTest {

    private final DemoCompany company = DemoCompany.generate(7, 0.1);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
    private HubSpotSimulator hubspot;
    private Http http;

    @BeforeAll
    void start() {
        hubspot = new HubSpotSimulator(company, new TokenRegistry(clock), clock);
        hubspot.start("127.0.0.1", 0);
        http = Http.bearer(hubspot.privateAppToken());
    }

    @AfterAll
    void stop() {
        hubspot.close();
    }

    private String url(String path) {
        return hubspot.baseUrl() + path;
    }

    private List<JsonNode> listAll(String path, int limit) {
        List<JsonNode> all = new ArrayList<>();
        String next = url(path + (path.contains("?") ? "&" : "?") + "limit=" + limit);
        while (next != null) {
            Reply reply = http.get(next);
            assertThat(reply.status()).isEqualTo(200);
            JsonNode json = reply.json();
            json.path("results").forEach(all::add);
            JsonNode link = json.path("paging").path("next").path("link");
            next = link.isMissingNode() ? null : link.asString();
        }
        return all;
    }

    @Nested
    class Listing {

        @Test
        void pagingThroughContactsCollectsEveryContactExactlyOnce() {
            List<JsonNode> contacts = listAll("/crm/v3/objects/contacts", 7);

            Set<String> ids = new HashSet<>();
            contacts.forEach(c -> ids.add(c.path("id").asString()));
            assertThat(contacts).hasSize(company.contacts().size());
            assertThat(ids).hasSize(company.contacts().size());
        }

        @Test
        void everyCrmTypeListsTheGeneratorsCount() {
            assertThat(listAll("/crm/v3/objects/companies", 100)).hasSize(company.accounts().size());
            assertThat(listAll("/crm/v3/objects/deals", 100)).hasSize(company.deals().size());
            assertThat(listAll("/crm/v3/objects/emails", 100)).hasSize(company.crmLoggedEmails().size());
            assertThat(listAll("/crm/v3/objects/meetings", 100)).hasSize(company.externalMeetings().size());
            assertThat(listAll("/crm/v3/objects/calls", 100)).hasSize(company.calls().size());
            assertThat(listAll("/crm/v3/objects/notes", 100)).hasSize(company.notes().size());
        }

        @Test
        void limitAbove100IsCappedAt100() {
            Reply reply = http.get(url("/crm/v3/objects/contacts?limit=500"));

            assertThat(reply.json().path("results").size()).isEqualTo(100);
            assertThat(reply.json().path("paging").path("next").path("after").asString()).isNotEmpty();
        }

        @Test
        void requestedPropertiesAndAssociationsAreReturned() {
            Deal needleDeal = company.deals().get(0);
            String id = Long.toString(HubSpotStore.hsId("deals", needleDeal.id()));

            JsonNode deal = http.get(url("/crm/v3/objects/deals/" + id
                    + "?properties=dealname,amount,dealstage&associations=companies,contacts")).json();

            assertThat(deal.path("properties").path("dealname").asString()).isEqualTo(needleDeal.name());
            assertThat(deal.path("properties").path("amount").asString()).isEqualTo("148000");
            assertThat(deal.path("properties").path("dealstage").asString()).isEqualTo("contractsent");
            assertThat(deal.path("properties").has("hs_lastmodifieddate")).isTrue();
            JsonNode company = deal.path("associations").path("companies").path("results").get(0);
            assertThat(company.path("id").asString())
                    .isEqualTo(Long.toString(HubSpotStore.hsId("companies", needleDeal.accountId())));
            assertThat(company.path("type").asString()).isEqualTo("deal_to_company");
            assertThat(deal.path("associations").path("contacts").path("results").size())
                    .isEqualTo(needleDeal.contactIds().size());
        }

        @Test
        void pipelineHasTheSevenStagesWithHubSpotMetadata() {
            JsonNode pipeline = http.get(url("/crm/v3/pipelines/deals")).json().path("results").get(0);

            assertThat(pipeline.path("id").asString()).isEqualTo("default");
            assertThat(pipeline.path("stages").size()).isEqualTo(7);
            JsonNode won = pipeline.path("stages").get(5);
            assertThat(won.path("id").asString()).isEqualTo("closedwon");
            assertThat(won.path("metadata").path("isClosed").asString()).isEqualTo("true");
            assertThat(won.path("metadata").path("probability").asString()).isEqualTo("1");
        }

        @Test
        void ownersAreTheTwelveEmployees() {
            JsonNode owners = http.get(url("/crm/v3/owners")).json().path("results");

            assertThat(owners.size()).isEqualTo(12);
            assertThat(owners.get(0).path("email").asString()).endsWith("@acme-demo.test");
            assertThat(owners.get(0).path("type").asString()).isEqualTo("PERSON");
        }
    }

    @Nested
    class Search {

        @Test
        void searchOnLastModifiedDatePagesThroughExactlyTheMatchingRecords() {
            List<Instant> times = company.deals().stream().map(Deal::updatedAt).sorted().toList();
            Instant cutoff = times.get(times.size() / 2);
            long expected = times.stream().filter(t -> !t.isBefore(cutoff)).count();

            List<JsonNode> found = new ArrayList<>();
            String after = "0";
            while (after != null) {
                JsonNode page = http.post(url("/crm/v3/objects/deals/search"), Map.of(
                        "filterGroups", List.of(Map.of("filters", List.of(Map.of("propertyName", "hs_lastmodifieddate",
                                "operator", "GTE", "value", Long.toString(cutoff.toEpochMilli()))))),
                        "sorts", List.of(Map.of("propertyName", "hs_lastmodifieddate", "direction", "ASCENDING")),
                        "properties", List.of("dealname", "hs_lastmodifieddate"),
                        "limit", 5, "after", after)).json();
                assertThat(page.path("total").asLong()).isEqualTo(expected);
                page.path("results").forEach(found::add);
                JsonNode next = page.path("paging").path("next").path("after");
                after = next.isMissingNode() ? null : next.asString();
            }

            assertThat(found).hasSize((int) expected);
            List<Instant> modified = found.stream()
                    .map(d -> Instant.parse(d.path("properties").path("hs_lastmodifieddate").asString())).toList();
            assertThat(modified).isSorted().allMatch(t -> !t.isBefore(cutoff));
        }

        @Test
        void searchByEmailFindsTheContact() {
            String email = company.contacts().get(3).email();

            JsonNode result = http.post(url("/crm/v3/objects/contacts/search"), Map.of("filterGroups",
                    List.of(Map.of("filters", List.of(Map.of("propertyName", "email", "operator", "EQ",
                            "value", email.toUpperCase())))))).json();

            assertThat(result.path("total").asInt()).isEqualTo(1);
            assertThat(result.path("results").get(0).path("properties").path("email").asString()).isEqualTo(email);
        }

        @Test
        void searchLimitAbove200IsAValidationError() {
            Reply reply = http.post(url("/crm/v3/objects/deals/search"), Map.of("limit", 201));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().path("category").asString()).isEqualTo("VALIDATION_ERROR");
        }
    }

    @Nested
    class Authentication {

        @Test
        void missingTokenIs401WithHubSpotsBody() {
            Reply reply = Http.anonymous().get(url("/crm/v3/objects/deals"));

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().path("status").asString()).isEqualTo("error");
            assertThat(reply.json().path("category").asString()).isEqualTo("INVALID_AUTHENTICATION");
            assertThat(reply.json().path("correlationId").asString()).isNotBlank();
        }

        @Test
        void unknownAndRevokedTokensAre401() {
            hubspot.tokens().register("revoke-me", HubSpotSimulator.SLUG);
            assertThat(Http.bearer("revoke-me").get(url("/crm/v3/objects/deals")).status()).isEqualTo(200);

            hubspot.faults().revoke("revoke-me");

            assertThat(Http.bearer("revoke-me").get(url("/crm/v3/objects/deals")).status()).isEqualTo(401);
            Reply unknown = Http.bearer("nope").get(url("/crm/v3/objects/deals"));
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.json().path("category").asString()).isEqualTo("INVALID_AUTHENTICATION");
        }

        @Test
        void expiredTokenIs401ExpiredAuthentication() {
            hubspot.tokens().register("short-lived", HubSpotSimulator.SLUG, clock.instant().plusSeconds(60));
            clock.advance(Duration.ofSeconds(61));

            Reply reply = Http.bearer("short-lived").get(url("/crm/v3/objects/deals"));

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().path("category").asString()).isEqualTo("EXPIRED_AUTHENTICATION");
        }
    }
}
