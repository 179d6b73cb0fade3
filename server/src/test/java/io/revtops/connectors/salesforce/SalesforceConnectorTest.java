package io.revtops.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.connectors.ApiClient;
import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.Credentials;
import io.revtops.connectors.Page;
import io.revtops.connectors.StreamSpec;
import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.WriteResult;
import io.revtops.connectors.testing.Connectors;
import io.revtops.connectors.testing.StreamRun;
import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.RecordedRequest;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.salesforce.SalesforceSimulator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Salesforce connector against the Salesforce simulator, over real HTTP through the real HTTP layer. */
class SalesforceConnectorTest {

    static final DemoCompany COMPANY = DemoCompany.generate(7, 0.1);

    MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
    SalesforceSimulator sim;
    SalesforceConnector salesforce = new SalesforceConnector();
    Connectors.FixedCredentials credentials;
    ConnectorContext ctx;

    @BeforeEach
    void start() {
        sim = new SalesforceSimulator(COMPANY, new TokenRegistry(clock), clock);
        sim.start("127.0.0.1", 0);
        credentials = new Connectors.FixedCredentials(Credentials.token(sim.sessionToken()));
        ApiClient http = Connectors.client(salesforce.meta(), sim.baseUrl(), credentials, Connectors.fastSettings("salesforce"));
        ctx = Connectors.context(http, Map.of(), clock);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    StreamSpec stream(String name) {
        return salesforce.streams().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    Map<String, StreamRun> syncAll(Map<String, Checkpoint> checkpoints) {
        return StreamRun.all(salesforce, ctx, checkpoints);
    }

    void assertGeneratorCounts(Map<String, StreamRun> runs) {
        assertThat(runs.get("pipeline_stages").records()).hasSize(COMPANY.pipelineStages().size());
        assertThat(runs.get("accounts").records()).hasSize(COMPANY.accounts().size());
        assertThat(runs.get("contacts").records()).hasSize(COMPANY.contacts().size());
        assertThat(runs.get("deals").records()).hasSize(COMPANY.deals().size());
        assertThat(runs.get("tasks").records()).hasSize(COMPANY.calls().size() + COMPANY.crmLoggedEmails().size());
        assertThat(runs.get("events").records()).hasSize(COMPANY.externalMeetings().size());
        runs.forEach((name, run) -> {
            assertThat(run.failures()).as(name).isEmpty();
            assertThat(new HashSet<>(run.ids())).as(name + " ids are unique").hasSize(run.records().size());
        });
    }

    @Nested
    class FirstSync {
        @Test
        void everyStreamYieldsTheGeneratorsCounts() {
            assertGeneratorCounts(syncAll(new HashMap<>()));
        }

        @Test
        void smallQueryPagesAreFollowedThroughNextRecordsUrl() {
            sim.maxBatchSize(37);
            Map<String, StreamRun> runs = syncAll(new HashMap<>());
            assertGeneratorCounts(runs);
            assertThat(runs.get("contacts").pages()).isGreaterThan(3);
            assertThat(sim.requests().matching("GET", "/services/data/v60.0/query/")).isNotEmpty();
        }

        @Test
        void rowsCarryTheVendorsValuesAndLinks() {
            Map<String, StreamRun> runs = syncAll(new HashMap<>());
            Set<String> accounts = new HashSet<>(runs.get("accounts").ids());
            Set<String> stages = new HashSet<>(runs.get("pipeline_stages").ids());
            Set<String> contacts = new HashSet<>(runs.get("contacts").ids());
            for (SyncedRecord deal : runs.get("deals").records()) {
                Map<String, Object> vendor = sim.record("Opportunity", deal.sourceId()).orElseThrow();
                assertThat(deal.columns().get("name")).isEqualTo(vendor.get("Name"));
                assertThat((BigDecimal) deal.columns().get("amount")).isEqualByComparingTo(vendor.get("Amount").toString());
                assertThat(deal.columns().get("account_source_id")).isIn(accounts);
                assertThat(deal.columns().get("stage_source_id")).isIn(stages);
                assertThat(deal.columns().get("close_date")).isEqualTo(LocalDate.parse((String) vendor.get("CloseDate")));
                assertThat(deal.columns().get("is_won")).isEqualTo(vendor.get("IsWon"));
            }
            assertThat(runs.get("contacts").records()).allSatisfy(c -> assertThat(c.columns().get("account_source_id")).isIn(accounts));
            List<SyncedRecord> tasks = runs.get("tasks").records();
            assertThat(tasks.stream().filter(t -> "call".equals(t.columns().get("type")))).hasSize(COMPANY.calls().size());
            assertThat(tasks.stream().filter(t -> "email".equals(t.columns().get("type")))).hasSize(COMPANY.crmLoggedEmails().size());
            assertThat(tasks.stream().filter(t -> "call".equals(t.columns().get("type"))))
                    .allSatisfy(t -> assertThat(t.columns().get("contact_source_id")).isIn(contacts));
            assertThat(runs.get("events").records()).allSatisfy(e -> assertThat(e.columns())
                    .containsEntry("type", "meeting").containsKey("activity_date").containsKey("account_source_id"));
            SyncedRecord won = runs.get("pipeline_stages").records().stream()
                    .filter(s -> Boolean.TRUE.equals(s.columns().get("is_closed_won"))).findFirst().orElseThrow();
            assertThat((BigDecimal) won.columns().get("probability")).isEqualByComparingTo("100");
        }

        @Test
        void anExpiredQueryCursorResumesFromTheLastRowSeen() {
            sim.maxBatchSize(40);
            StreamSpec contacts = stream("contacts");
            Page first = salesforce.fetch(ctx, contacts, Checkpoint.START);
            assertThat(first.next().get("next")).isPresent();
            // the cursor is gone (Salesforce forgets idle cursors): the keyset position carries on
            Checkpoint stale = first.next().with("next", "/services/data/v60.0/query/01gZZZZZZZZZZZZZZZ-40");
            Set<String> seen = new HashSet<>(first.records().stream().map(SyncedRecord::sourceId).toList());
            StreamRun rest = StreamRun.of(salesforce, ctx, contacts, stale);
            rest.records().forEach(r -> assertThat(seen.add(r.sourceId())).as("duplicate " + r.sourceId()).isTrue());
            assertThat(seen).hasSize(COMPANY.contacts().size());
        }
    }

    @Nested
    class Incremental {
        @Test
        void afterTheVendorChangesRecordsExactlyThoseComeBack() {
            Map<String, Checkpoint> checkpoints = new HashMap<>();
            syncAll(checkpoints);
            List<String> opportunities = sim.touch("Opportunity", 4);
            List<String> contacts = sim.touch("Contact", 3);
            List<String> tasks = sim.touch("Task", 2);
            List<String> events = sim.touch("Event", 1);
            Map<String, StreamRun> runs = syncAll(checkpoints);
            assertThat(runs.get("deals").ids()).containsExactlyInAnyOrderElementsOf(opportunities);
            assertThat(runs.get("contacts").ids()).containsExactlyInAnyOrderElementsOf(contacts);
            assertThat(runs.get("tasks").ids()).containsExactlyInAnyOrderElementsOf(tasks);
            assertThat(runs.get("events").ids()).containsExactlyInAnyOrderElementsOf(events);
            assertThat(runs.get("accounts").records()).isEmpty();
            SyncedRecord deal = runs.get("deals").record(opportunities.get(0));
            assertThat((BigDecimal) deal.columns().get("amount"))
                    .isEqualByComparingTo(sim.record("Opportunity", opportunities.get(0)).orElseThrow().get("Amount").toString());
            Map<String, StreamRun> again = syncAll(checkpoints);
            again.forEach((name, run) -> {
                if (name.equals("pipeline_stages")) return;
                assertThat(run.records()).as(name).isEmpty();
                assertThat(run.deleted()).as(name).isEmpty();
            });
        }

        @Test
        void deletedRecordsAreReportedOnce() {
            Map<String, Checkpoint> checkpoints = new HashMap<>();
            syncAll(checkpoints);
            List<String> accounts = sim.delete("Account", 3);
            List<String> tasks = sim.delete("Task", 2);
            Map<String, StreamRun> runs = syncAll(checkpoints);
            assertThat(runs.get("accounts").deleted()).containsExactlyInAnyOrderElementsOf(accounts);
            assertThat(runs.get("tasks").deleted()).containsExactlyInAnyOrderElementsOf(tasks);
            assertThat(runs.get("contacts").deleted()).isEmpty();
            assertThat(syncAll(checkpoints).get("accounts").deleted()).isEmpty();
        }
    }

    @Nested
    class Faults {
        @Test
        void aTruncatedPageFailsTheFetchAndTheSameCheckpointSucceedsLater() {
            sim.maxBatchSize(50);
            StreamSpec contacts = stream("contacts");
            Page first = salesforce.fetch(ctx, contacts, Checkpoint.START);
            sim.faults().truncateNext(1);
            assertThatThrownBy(() -> salesforce.fetch(ctx, contacts, first.next()))
                    .isInstanceOf(ConnectorException.MalformedResponse.class);
            Page retried = salesforce.fetch(ctx, contacts, first.next());
            assertThat(retried.records()).hasSize(50);
        }

        @Test
        void aBurstOf429sAnd5xxIsSurvivedWithNothingLost() {
            sim.faults().rateLimitNext(2, 0).serverErrorNext(1, 503).rateLimitNext(1, 1);
            StreamRun run = StreamRun.of(salesforce, ctx, stream("contacts"), Checkpoint.START);
            assertThat(run.records()).hasSize(COMPANY.contacts().size());
            assertThat(sim.requests().all().stream().filter(r -> r.status() == 429)).hasSize(3);
        }

        @Test
        void aSpentDailyQuotaStopsTheSyncAsRateLimitedWithoutRetrying() {
            sim.faults().quotaExhaustedNext(1);
            sim.requests().clear();
            assertThatThrownBy(() -> salesforce.fetch(ctx, stream("accounts"), Checkpoint.START))
                    .isInstanceOf(ConnectorException.RateLimited.class).hasMessageContaining("REQUEST_LIMIT_EXCEEDED");
            assertThat(sim.requests().all()).hasSize(1);
        }

        @Test
        void aRevokedSessionAsksForReconnectAfterOneRefresh() {
            sim.faults().revoke(sim.sessionToken());
            sim.requests().clear();
            assertThatThrownBy(() -> salesforce.fetch(ctx, stream("accounts"), Checkpoint.START))
                    .isInstanceOf(ConnectorException.NeedsReconnect.class).hasMessage("Reconnect Salesforce");
            assertThat(sim.requests().all()).hasSize(2);
            assertThat(credentials.refreshes.get()).isEqualTo(1);
        }
    }

    @Nested
    class Writes {
        @Test
        void createOpportunityHappensOnceAndComesBackAsALocalCopy() {
            String account = SalesforceSimulator.recordId("Account", COMPANY.accounts().get(0).id());
            String stage = COMPANY.pipelineStages().get(1).label();
            sim.requests().clear();
            WriteResult r = salesforce.write(ctx, "create_opportunity", Map.of("fields", Map.of("Name", "Acme renewal",
                    "StageName", stage, "CloseDate", "2026-04-30", "Amount", 50000, "AccountId", account)), "op-sf-1");
            assertThat(sim.record("Opportunity", r.sourceId()).orElseThrow())
                    .containsEntry("Name", "Acme renewal").containsEntry("AccountId", account);
            List<RecordedRequest> posts = sim.requests().matching("POST", "/services/data/v60.0/sobjects/Opportunity");
            assertThat(posts).hasSize(1);
            assertThat(header(posts.get(0), "Idempotency-Key")).isEqualTo("op-sf-1");
            assertThat(r.localCopy().orElseThrow().columns()).containsEntry("name", "Acme renewal")
                    .containsEntry("account_source_id", account).containsEntry("stage_name", stage)
                    .containsEntry("close_date", LocalDate.parse("2026-04-30"));
            assertThat(r.vendorResponse()).containsEntry("id", r.sourceId()).containsEntry("success", true);
        }

        @Test
        void updatesChangeTheVendorsRecords() {
            String opp = sim.touch("Opportunity", 1).get(0);
            WriteResult r = salesforce.write(ctx, "update_opportunity", Map.of("opportunity_id", opp,
                    "fields", Map.of("Amount", 777, "NextStep", "Send the proposal")), "op-sf-2");
            assertThat(sim.record("Opportunity", opp).orElseThrow()).containsEntry("NextStep", "Send the proposal");
            assertThat((BigDecimal) r.localCopy().orElseThrow().columns().get("amount")).isEqualByComparingTo("777");
            String account = salesforce.write(ctx, "create_account", Map.of("fields", Map.of("Name", "Initech",
                    "Website", "https://www.initech.example")), "op-sf-3").sourceId();
            WriteResult contact = salesforce.write(ctx, "create_contact", Map.of("fields", Map.of("LastName", "Lumbergh",
                    "FirstName", "Bill", "Email", "bill@initech.example", "AccountId", account)), "op-sf-4");
            assertThat(contact.localCopy().orElseThrow().columns()).containsEntry("name", "Bill Lumbergh")
                    .containsEntry("account_source_id", account).containsEntry("email", "bill@initech.example");
            salesforce.write(ctx, "update_contact", Map.of("contact_id", contact.sourceId(), "fields", Map.of("Title", "VP")), "op-sf-5");
            salesforce.write(ctx, "update_account", Map.of("account_id", account, "fields", Map.of("Industry", "Technology")), "op-sf-6");
            assertThat(sim.record("Contact", contact.sourceId()).orElseThrow()).containsEntry("Title", "VP");
            assertThat(sim.record("Account", account).orElseThrow()).containsEntry("Industry", "Technology");
        }

        @Test
        void salesforcesValidationMessageComesBackAsRejected() {
            assertThatThrownBy(() -> salesforce.write(ctx, "create_opportunity", Map.of("fields", Map.of("Name", "No stage")), "op-bad"))
                    .isInstanceOfSatisfying(ConnectorException.Rejected.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("REQUIRED_FIELD_MISSING").hasMessageContaining("Required fields are missing");
        }

        @Test
        void badParametersAreRefusedBeforeAnyCall() {
            sim.requests().clear();
            assertThatThrownBy(() -> salesforce.write(ctx, "update_account", Map.of("account_id", "001' OR Name != '",
                    "fields", Map.of("Name", "x")), "k")).isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThatThrownBy(() -> salesforce.write(ctx, "create_account", Map.of("fields", Map.of("Bad Field!", "x")), "k"))
                    .isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThatThrownBy(() -> salesforce.write(ctx, "drop_org", Map.of(), "k")).isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThat(sim.requests().all()).isEmpty();
        }
    }

    static String header(RecordedRequest r, String name) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
