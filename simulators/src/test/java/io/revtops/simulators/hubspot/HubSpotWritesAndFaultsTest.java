package io.revtops.simulators.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.RecordedRequest;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.testing.Http;
import io.revtops.simulators.testing.Http.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Writes, state changes and injected faults; each test gets a fresh portal. */
class HubSpotWritesAndFaultsTest {

    private static final DemoCompany COMPANY = DemoCompany.generate(11, 0.1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
    private HubSpotSimulator hubspot;
    private Http http;

    @BeforeEach
    void start() {
        hubspot = new HubSpotSimulator(COMPANY, new TokenRegistry(clock), clock);
        hubspot.start("127.0.0.1", 0);
        http = Http.bearer(hubspot.privateAppToken());
    }

    @AfterEach
    void stop() {
        hubspot.close();
    }

    private String url(String path) {
        return hubspot.baseUrl() + path;
    }

    private String anyDealId() {
        return http.get(url("/crm/v3/objects/deals?limit=1")).json().path("results").get(0).path("id").asString();
    }

    @Nested
    class Writes {

        @Test
        void createdDealIsVisibleInTheNextList() {
            Reply created = http.post(url("/crm/v3/objects/deals"), Map.of("properties",
                    Map.of("dealname", "New pilot", "amount", "12000", "dealstage", "qualifiedtobuy")));

            assertThat(created.status()).isEqualTo(201);
            String id = created.json().path("id").asString();
            JsonNode read = http.get(url("/crm/v3/objects/deals/" + id + "?properties=dealname,pipeline,hs_is_closed")).json();
            assertThat(read.path("properties").path("dealname").asString()).isEqualTo("New pilot");
            assertThat(read.path("properties").path("pipeline").asString()).isEqualTo("default");
            assertThat(read.path("properties").path("hs_is_closed").asString()).isEqualTo("false");
            assertThat(hubspot.count("deals")).isEqualTo(COMPANY.deals().size() + 1);
        }

        @Test
        void updateChangesThePropertyAndBumpsLastModified() {
            String id = anyDealId();
            String before = hubspot.properties("deals", id).orElseThrow().get("hs_lastmodifieddate");

            Reply updated = http.patch(url("/crm/v3/objects/deals/" + id), Map.of("properties", Map.of("amount", "777")));

            assertThat(updated.status()).isEqualTo(200);
            Map<String, String> after = hubspot.properties("deals", id).orElseThrow();
            assertThat(after.get("amount")).isEqualTo("777");
            assertThat(Instant.parse(after.get("hs_lastmodifieddate"))).isAfter(Instant.parse(before));
            assertThat(updated.json().path("updatedAt").asString()).isEqualTo(after.get("hs_lastmodifieddate"));
        }

        @Test
        void invalidAmountIsAValidationErrorInHubSpotsShape() {
            Reply reply = http.patch(url("/crm/v3/objects/deals/" + anyDealId()),
                    Map.of("properties", Map.of("amount", "lots")));

            assertThat(reply.status()).isEqualTo(400);
            JsonNode body = reply.json();
            assertThat(body.path("status").asString()).isEqualTo("error");
            assertThat(body.path("category").asString()).isEqualTo("VALIDATION_ERROR");
            assertThat(body.path("message").asString()).startsWith("Property values were not valid");
            assertThat(body.path("errors").get(0).path("code").asString()).isEqualTo("INVALID_INTEGER");
            assertThat(body.path("errors").get(0).path("context").path("propertyName").get(0).asString())
                    .isEqualTo("amount");
        }

        @Test
        void unknownPropertyIsRejected() {
            Reply reply = http.post(url("/crm/v3/objects/contacts"), Map.of("properties",
                    Map.of("email", "new.person@example.com", "favourite_colour", "teal")));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().path("errors").get(0).path("code").asString()).isEqualTo("PROPERTY_DOESNT_EXIST");
            assertThat(hubspot.count("contacts")).isEqualTo(COMPANY.contacts().size());
        }

        @Test
        void noteCreatedWithAnAssociationIsListedOnTheDeal() {
            String dealId = anyDealId();

            Reply note = http.post(url("/crm/v3/objects/notes"), Map.of(
                    "properties", Map.of("hs_note_body", "Approved by Penny", "hs_timestamp", "2026-01-20T10:00:00Z"),
                    "associations", List.of(Map.of("to", Map.of("id", dealId), "types",
                            List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", 214))))));

            assertThat(note.status()).isEqualTo(201);
            JsonNode deal = http.get(url("/crm/v3/objects/deals/" + dealId + "?associations=notes")).json();
            List<String> noteIds = new ArrayList<>();
            deal.path("associations").path("notes").path("results").forEach(n -> noteIds.add(n.path("id").asString()));
            assertThat(noteIds).contains(note.json().path("id").asString());
        }

        @Test
        void deletedRecordIsArchivedAndOnlyListedWithArchivedTrue() {
            String id = anyDealId();

            assertThat(http.delete(url("/crm/v3/objects/deals/" + id)).status()).isEqualTo(204);

            assertThat(http.get(url("/crm/v3/objects/deals/" + id)).status()).isEqualTo(404);
            JsonNode archived = http.get(url("/crm/v3/objects/deals?archived=true")).json().path("results");
            assertThat(archived.size()).isEqualTo(1);
            assertThat(archived.get(0).path("id").asString()).isEqualTo(id);
            assertThat(archived.get(0).path("archived").asBoolean()).isTrue();
        }
    }

    @Nested
    class IdempotencyKey {

        @Test
        void repeatedCreateWithTheSameKeyIsReplayedNotAppliedTwice() {
            Http keyed = http.header("Idempotency-Key", "approval-42");
            Map<String, Object> body = Map.of("properties", Map.of("dealname", "Once only", "dealstage", "qualifiedtobuy"));

            Reply first = keyed.post(url("/crm/v3/objects/deals"), body);
            Reply second = keyed.post(url("/crm/v3/objects/deals"), body);

            assertThat(second.status()).isEqualTo(first.status()).isEqualTo(201);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.header("Idempotent-Replayed")).contains("true");
            assertThat(hubspot.count("deals")).isEqualTo(COMPANY.deals().size() + 1);
            List<RecordedRequest> posts = hubspot.requests().matching("POST", "/crm/v3/objects/deals");
            assertThat(posts).extracting(RecordedRequest::replayed).containsExactly(false, true);
            assertThat(hubspot.idempotency().keys()).contains("approval-42");
        }

        @Test
        void repeatedPatchWithTheSameKeyDoesNotModifyAgain() {
            String id = anyDealId();
            Http keyed = http.header("Idempotency-Key", "patch-1");

            Reply first = keyed.patch(url("/crm/v3/objects/deals/" + id), Map.of("properties", Map.of("amount", "5")));
            clock.advance(Duration.ofMinutes(5));
            Reply second = keyed.patch(url("/crm/v3/objects/deals/" + id), Map.of("properties", Map.of("amount", "5")));

            assertThat(second.json().path("updatedAt").asString()).isEqualTo(first.json().path("updatedAt").asString());
            assertThat(hubspot.properties("deals", id).orElseThrow().get("hs_lastmodifieddate"))
                    .isEqualTo(first.json().path("updatedAt").asString());
            assertThat(hubspot.requests().matching("PATCH", "/crm/v3/objects/deals/")
                    .stream().filter(r -> !r.replayed()).count()).isEqualTo(1);
        }
    }

    @Nested
    class IncrementalHelpers {

        @Test
        void touchedRecordsAreExactlyTheOnesModifiedAfterTheLastCheckpoint() {
            long checkpoint = COMPANY.anchor().toEpochMilli();

            List<String> touched = hubspot.touch("deals", 3);
            List<String> archived = hubspot.archive("deals", 2);

            JsonNode result = http.post(url("/crm/v3/objects/deals/search"), Map.of("filterGroups",
                    List.of(Map.of("filters", List.of(Map.of("propertyName", "hs_lastmodifieddate", "operator", "GT",
                            "value", Long.toString(checkpoint))))), "limit", 100)).json();
            List<String> ids = new ArrayList<>();
            result.path("results").forEach(r -> ids.add(r.path("id").asString()));
            List<String> liveTouched = touched.stream().filter(t -> !archived.contains(t)).toList();
            assertThat(ids).containsExactlyInAnyOrderElementsOf(liveTouched);
            assertThat(archived).hasSize(2);
            assertThat(hubspot.count("deals")).isEqualTo(COMPANY.deals().size() - 2);
            assertThat(hubspot.archivedCount("deals")).isEqualTo(2);
        }

        @Test
        void askingForMoreRecordsThanExistIsRefused() {
            assertThatThrownBy(() -> hubspot.touch("deals", 100_000)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Faults {

        @Test
        void injected429CarriesRetryAfterAndHubSpotsBodyThenRecovers() {
            hubspot.faults().rateLimitNext(1, 7);

            Reply limited = http.get(url("/crm/v3/objects/deals"));
            Reply next = http.get(url("/crm/v3/objects/deals"));

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).contains("7");
            assertThat(limited.json().path("category").asString()).isEqualTo("RATE_LIMITS");
            assertThat(limited.json().path("policyName").asString()).isEqualTo("TEN_SECONDLY_ROLLING");
            assertThat(next.status()).isEqualTo(200);
        }

        @Test
        void perTokenRateLimitAnswers429UntilTheWindowPasses() {
            hubspot.faults().limitRate(3, Duration.ofSeconds(10));

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(http.get(url("/crm/v3/owners")).status());
            }
            Reply limited = http.get(url("/crm/v3/owners"));
            clock.advance(Duration.ofSeconds(10));
            Reply afterWindow = http.get(url("/crm/v3/owners"));

            assertThat(statuses).containsExactly(200, 200, 200, 429);
            assertThat(limited.header("Retry-After")).contains("10");
            assertThat(limited.header("X-HubSpot-RateLimit-Remaining")).contains("0");
            assertThat(afterWindow.status()).isEqualTo(200);
            assertThat(afterWindow.header("X-HubSpot-RateLimit-Max")).contains("3");
        }

        @Test
        void delayedRequestTimesOutOnTheClientAndTheNextOneIsPrompt() throws Exception {
            hubspot.faults().delayNext(1, Duration.ofMillis(800));
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(url("/crm/v3/owners")))
                    .header("Authorization", "Bearer " + hubspot.privateAppToken())
                    .timeout(Duration.ofMillis(150)).build();

            assertThatThrownBy(() -> client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.net.http.HttpTimeoutException.class);
            assertThat(client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }

        @Test
        void serverErrorBurstThenSuccess() {
            hubspot.faults().serverErrorNext(2, 503);

            assertThat(http.get(url("/crm/v3/objects/deals")).status()).isEqualTo(503);
            assertThat(http.get(url("/crm/v3/objects/deals")).status()).isEqualTo(503);
            assertThat(http.get(url("/crm/v3/objects/deals")).status()).isEqualTo(200);
        }

        @Test
        void truncatedPageIs200WithBrokenJson() {
            hubspot.faults().truncateNext(1);

            Reply reply = http.get(url("/crm/v3/objects/contacts?limit=50"));

            assertThat(reply.status()).isEqualTo(200);
            assertThatThrownBy(reply::json).isInstanceOf(Json.InvalidJson.class);
            assertThat(http.get(url("/crm/v3/objects/contacts?limit=50")).json().path("results").size()).isEqualTo(50);
        }

        @Test
        void faultsCanBeInjectedOverHttpForStandaloneUse() {
            Reply set = Http.anonymous().post(url("/__sim/faults"),
                    Map.of("type", "rate_limit", "count", 1, "retryAfterSeconds", 3, "path", "/crm/v3/owners"));

            assertThat(set.status()).isEqualTo(200);
            assertThat(http.get(url("/crm/v3/objects/deals")).status()).isEqualTo(200);
            assertThat(http.get(url("/crm/v3/owners")).status()).isEqualTo(429);
            assertThat(http.get(url("/crm/v3/owners")).status()).isEqualTo(200);
        }

        @Test
        void requestLogRecordsMethodPathAndBodyButNoCredentials() {
            String id = anyDealId();
            http.patch(url("/crm/v3/objects/deals/" + id), Map.of("properties", Map.of("amount", "1")));

            List<RecordedRequest> patches = hubspot.requests().matching("PATCH", "");
            assertThat(patches).hasSize(1);
            assertThat(patches.get(0).path()).isEqualTo("/crm/v3/objects/deals/" + id);
            assertThat(patches.get(0).body()).contains("\"amount\"");
            assertThat(patches.get(0).headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization"));
            assertThat(patches.get(0).status()).isEqualTo(200);
        }
    }
}
