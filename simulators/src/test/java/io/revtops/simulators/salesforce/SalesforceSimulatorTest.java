package io.revtops.simulators.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.Deal;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.testing.Http;
import io.revtops.simulators.testing.Http.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SalesforceSimulatorTest {

    private static final DemoCompany COMPANY = DemoCompany.generate(5, 0.1);
    private static final String OPPORTUNITY_FIELDS = "Id, Name, Amount, StageName, CloseDate, AccountId, OwnerId, "
            + "Probability, IsClosed, IsWon, LastModifiedDate, IsDeleted";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
    private SalesforceSimulator salesforce;
    private Http http;

    @BeforeEach
    void start() {
        salesforce = new SalesforceSimulator(COMPANY, new TokenRegistry(clock), clock);
        salesforce.start("127.0.0.1", 0);
        http = Http.bearer(salesforce.sessionToken());
    }

    @AfterEach
    void stop() {
        salesforce.close();
    }

    private Reply query(String soql) {
        return query("query", soql, http);
    }

    private Reply query(String resource, String soql, Http client) {
        return client.get(salesforce.baseUrl() + "/services/data/v60.0/" + resource + "?q="
                + URLEncoder.encode(soql, StandardCharsets.UTF_8));
    }

    /** Follows nextRecordsUrl to the end and returns every record. */
    private List<JsonNode> all(Reply first, Http client) {
        List<JsonNode> records = new ArrayList<>();
        JsonNode page = first.json();
        while (true) {
            page.path("records").forEach(records::add);
            if (page.path("done").asBoolean()) {
                return records;
            }
            Reply next = client.get(salesforce.baseUrl() + page.path("nextRecordsUrl").asString());
            assertThat(next.status()).isEqualTo(200);
            page = next.json();
        }
    }

    @Nested
    class Queries {

        @Test
        void pagingWithNextRecordsUrlReturnsEveryOpportunityOnceInOrder() {
            salesforce.maxBatchSize(7);

            Reply first = query("SELECT " + OPPORTUNITY_FIELDS + " FROM Opportunity ORDER BY LastModifiedDate, Id");

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().path("totalSize").asInt()).isEqualTo(COMPANY.deals().size());
            assertThat(first.json().path("done").asBoolean()).isFalse();
            assertThat(first.json().path("nextRecordsUrl").asString()).matches("/services/data/v60.0/query/01g\\w{15}-7");
            List<JsonNode> records = all(first, http);
            Set<String> ids = new HashSet<>();
            records.forEach(r -> ids.add(r.path("Id").asString()));
            assertThat(records).hasSize(COMPANY.deals().size());
            assertThat(ids).hasSize(COMPANY.deals().size());
            List<String> modified = records.stream().map(r -> r.path("LastModifiedDate").asString()).toList();
            assertThat(modified).isSorted();
            JsonNode needle = records.stream().filter(r -> r.path("Id").asString()
                    .equals(SalesforceSimulator.recordId("Opportunity", COMPANY.deals().get(0).id()))).findFirst().orElseThrow();
            assertThat(needle.path("attributes").path("type").asString()).isEqualTo("Opportunity");
            assertThat(needle.path("attributes").path("url").asString())
                    .isEqualTo("/services/data/v60.0/sobjects/Opportunity/" + needle.path("Id").asString());
            assertThat(needle.path("Id").asString()).hasSize(18).startsWith("006");
            assertThat(needle.path("StageName").asString()).isEqualTo("Contract sent");
            assertThat(needle.path("Amount").asDouble()).isEqualTo(148000.0);
            assertThat(needle.path("Probability").asDouble()).isEqualTo(90.0);
            assertThat(needle.path("IsClosed").asBoolean()).isFalse();
            assertThat(needle.path("LastModifiedDate").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
        }

        @Test
        void batchSizeHeaderControlsThePageSize() {
            Http withOptions = http.header("Sforce-Query-Options", "batchSize=200");

            Reply first = query("query", "SELECT Id, Subject, TaskSubtype FROM Task ORDER BY Id", withOptions);

            int expected = COMPANY.calls().size() + COMPANY.crmLoggedEmails().size();
            assertThat(first.json().path("records").size()).isEqualTo(200);
            assertThat(all(first, withOptions)).hasSize(expected);
        }

        @Test
        void whereLastModifiedDateReturnsOnlyLaterRecords() {
            List<Instant> times = COMPANY.deals().stream().map(Deal::updatedAt).sorted().toList();
            Instant cutoff = times.get(times.size() / 3);
            long expected = times.stream().filter(t -> t.isAfter(cutoff)).count();

            Reply reply = query("SELECT Id, LastModifiedDate FROM Opportunity WHERE LastModifiedDate > "
                    + cutoff + " ORDER BY LastModifiedDate, Id");

            assertThat(reply.json().path("totalSize").asLong()).isEqualTo(expected);
        }

        @Test
        void everyCrmObjectHoldsTheGeneratorsCount() {
            assertThat(query("SELECT COUNT() FROM Account").json().path("totalSize").asInt())
                    .isEqualTo(COMPANY.accounts().size());
            assertThat(query("SELECT COUNT() FROM Contact").json().path("totalSize").asInt())
                    .isEqualTo(COMPANY.contacts().size());
            assertThat(query("SELECT COUNT() FROM Event").json().path("totalSize").asInt())
                    .isEqualTo(COMPANY.externalMeetings().size());
            assertThat(query("SELECT COUNT() FROM User").json().path("totalSize").asInt())
                    .isEqualTo(COMPANY.employees().size());
            assertThat(query("SELECT Id, MasterLabel, IsWon FROM OpportunityStage ORDER BY SortOrder").json()
                    .path("records").size()).isEqualTo(7);
        }

        @Test
        void unknownObjectIsInvalidTypeInSalesforcesErrorArray() {
            Reply reply = query("SELECT Id FROM Widget");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().isArray()).isTrue();
            assertThat(reply.json().get(0).path("errorCode").asString()).isEqualTo("INVALID_TYPE");
            assertThat(reply.json().get(0).path("message").asString()).contains("sObject type 'Widget' is not supported");
        }

        @Test
        void unknownFieldAndQuotedDatetimeAreRefused() {
            Reply unknown = query("SELECT Id, Colour FROM Account");
            Reply quoted = query("SELECT Id FROM Account WHERE LastModifiedDate > '2025-01-01T00:00:00Z'");
            Reply malformed = query("SELECT Id FROM");

            assertThat(unknown.json().get(0).path("errorCode").asString()).isEqualTo("INVALID_FIELD");
            assertThat(quoted.json().get(0).path("errorCode").asString()).isEqualTo("INVALID_FIELD");
            assertThat(quoted.json().get(0).path("message").asString()).contains("must be of type dateTime");
            assertThat(malformed.json().get(0).path("errorCode").asString()).isEqualTo("MALFORMED_QUERY");
        }

        @Test
        void deletedRecordsOnlyShowInQueryAllAndGetDeleted() {
            List<String> deleted = salesforce.delete("Opportunity", 2);

            int live = query("SELECT COUNT() FROM Opportunity").json().path("totalSize").asInt();
            List<String> viaQueryAll = new ArrayList<>();
            query("queryAll", "SELECT Id, IsDeleted FROM Opportunity WHERE IsDeleted = true", http).json()
                    .path("records").forEach(r -> viaQueryAll.add(r.path("Id").asString()));
            JsonNode getDeleted = http.get(salesforce.baseUrl() + "/services/data/v60.0/sobjects/Opportunity/deleted/"
                    + "?start=2000-01-01T00:00:00%2B00:00&end=2100-01-01T00:00:00%2B00:00").json();

            assertThat(live).isEqualTo(COMPANY.deals().size() - 2);
            assertThat(viaQueryAll).containsExactlyInAnyOrderElementsOf(deleted);
            List<String> fromLog = new ArrayList<>();
            getDeleted.path("deletedRecords").forEach(d -> fromLog.add(d.path("id").asString()));
            assertThat(fromLog).containsExactlyInAnyOrderElementsOf(deleted);
            assertThat(getDeleted.path("latestDateCovered").asString()).isNotEmpty();
        }
    }

    @Nested
    class Writes {

        private String sobjects(String path) {
            return salesforce.baseUrl() + "/services/data/v60.0/sobjects/" + path;
        }

        @Test
        void createdOpportunityIsQueryableWithDerivedFields() {
            String accountId = SalesforceSimulator.recordId("Account", COMPANY.accounts().get(0).id());

            Reply created = http.post(sobjects("Opportunity"), Map.of("Name", "Expansion", "StageName", "Closed won",
                    "CloseDate", "2026-03-31", "Amount", 5000, "AccountId", accountId));

            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().path("success").asBoolean()).isTrue();
            assertThat(created.json().path("errors").size()).isZero();
            String id = created.json().path("id").asString();
            JsonNode row = query("SELECT Id, IsWon, Probability, AccountId FROM Opportunity WHERE Id = '" + id + "'")
                    .json().path("records").get(0);
            assertThat(row.path("IsWon").asBoolean()).isTrue();
            assertThat(row.path("Probability").asDouble()).isEqualTo(100.0);
            assertThat(row.path("AccountId").asString()).isEqualTo(accountId);
        }

        @Test
        void updateIs204AndBumpsLastModifiedDate() {
            String id = SalesforceSimulator.recordId("Opportunity", COMPANY.deals().get(1).id());
            String before = (String) salesforce.record("Opportunity", id).orElseThrow().get("LastModifiedDate");

            Reply updated = http.patch(sobjects("Opportunity/" + id), Map.of("Amount", 4242));

            assertThat(updated.status()).isEqualTo(204);
            Map<String, Object> after = salesforce.record("Opportunity", id).orElseThrow();
            assertThat(after.get("Amount")).isEqualTo(4242.0);
            assertThat((String) after.get("LastModifiedDate")).isGreaterThan(before);
        }

        @Test
        void invalidValuesAreRefusedWithSalesforceErrorCodes() {
            Reply badStage = http.post(sobjects("Opportunity"), Map.of("Name", "X", "StageName", "Negotiation",
                    "CloseDate", "2026-03-31"));
            Reply missing = http.post(sobjects("Account"), Map.of("Website", "https://x.example"));
            Reply readOnly = http.patch(sobjects("Opportunity/"
                    + SalesforceSimulator.recordId("Opportunity", COMPANY.deals().get(1).id())), Map.of("IsWon", true));

            assertThat(badStage.status()).isEqualTo(400);
            assertThat(badStage.json().get(0).path("errorCode").asString()).isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
            assertThat(missing.json().get(0).path("errorCode").asString()).isEqualTo("REQUIRED_FIELD_MISSING");
            assertThat(missing.json().get(0).path("fields").get(0).asString()).isEqualTo("Name");
            assertThat(readOnly.json().get(0).path("errorCode").asString()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        }
    }

    @Nested
    class ErrorsAndLimits {

        @Test
        void badSessionIs401InvalidSessionId() {
            Reply reply = Http.bearer("00Dnope!AQ").get(salesforce.baseUrl() + "/services/data/v60.0/query?q=SELECT+Id+FROM+Account");

            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get(0).path("errorCode").asString()).isEqualTo("INVALID_SESSION_ID");
        }

        @Test
        void quotaFaultIs403RequestLimitExceeded() {
            salesforce.faults().quotaExhaustedNext(1);

            Reply reply = query("SELECT Id FROM Account");

            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.json().get(0).path("errorCode").asString()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
            assertThat(query("SELECT Id FROM Account").status()).isEqualTo(200);
        }

        @Test
        void rateLimitFaultIs429WithRetryAfter() {
            salesforce.faults().rateLimitNext(1, 4);

            Reply reply = query("SELECT Id FROM Account");

            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.header("Retry-After")).contains("4");
        }

        @Test
        void staleQueryLocatorIsRefused() {
            Reply reply = http.get(salesforce.baseUrl() + "/services/data/v60.0/query/01gDm0000000zzzAAA-2000");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get(0).path("errorCode").asString()).isEqualTo("INVALID_QUERY_LOCATOR");
        }
    }

    @Test
    void idsCarryTheCaseSafeSuffixSalesforceComputes() {
        assertThat(SalesforceIds.suffix("001D000000IRFma")).isEqualTo("IAH");
        assertThat(SalesforceIds.suffix("001D000000Iomaz")).isEqualTo("IAB");
    }
}
