package io.revtops.connectors.hubspot;

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
import io.revtops.connectors.WriteResult;
import io.revtops.connectors.testing.Connectors;
import io.revtops.connectors.testing.StreamRun;
import io.revtops.simulators.common.MutableClock;
import io.revtops.simulators.common.RecordedRequest;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.demo.Contact;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.hubspot.HubSpotSimulator;
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

/** The HubSpot connector against the HubSpot simulator, over real HTTP through the real HTTP layer. */
class HubSpotConnectorTest {

    static final DemoCompany COMPANY = DemoCompany.generate(7, 0.1);

    MutableClock clock = new MutableClock(Instant.parse("2026-02-01T00:00:00Z"));
    TokenRegistry tokens = new TokenRegistry(clock);
    HubSpotSimulator sim;
    HubSpotConnector hubspot = new HubSpotConnector();
    Connectors.FixedCredentials credentials;
    ConnectorContext ctx;

    @BeforeEach
    void start() {
        sim = new HubSpotSimulator(COMPANY, tokens, clock);
        sim.start("127.0.0.1", 0);
        credentials = new Connectors.FixedCredentials(Credentials.token(sim.privateAppToken()));
        ApiClient http = Connectors.client(hubspot.meta(), sim.baseUrl(), credentials, Connectors.fastSettings("hubspot"));
        ctx = Connectors.context(http, Map.of(), clock);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    StreamSpec stream(String name) {
        return hubspot.streams().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    Map<String, StreamRun> syncAll(Map<String, Checkpoint> checkpoints) {
        return StreamRun.all(hubspot, ctx, checkpoints);
    }

    @Nested
    class FirstSync {
        @Test
        void everyStreamYieldsTheGeneratorsCounts() {
            Map<String, StreamRun> runs = syncAll(new HashMap<>());
            assertThat(runs.get("pipelines").records()).hasSize(1);
            assertThat(runs.get("pipeline_stages").records()).hasSize(COMPANY.pipelineStages().size());
            assertThat(runs.get("accounts").records()).hasSize(COMPANY.accounts().size());
            assertThat(runs.get("contacts").records()).hasSize(COMPANY.contacts().size());
            assertThat(runs.get("deals").records()).hasSize(COMPANY.deals().size());
            assertThat(runs.get("calls").records()).hasSize(COMPANY.calls().size());
            assertThat(runs.get("emails").records()).hasSize(COMPANY.crmLoggedEmails().size());
            assertThat(runs.get("meetings").records()).hasSize(COMPANY.externalMeetings().size());
            assertThat(runs.get("notes").records()).hasSize(COMPANY.notes().size());
            assertThat(runs.get("goals").records()).hasSize(COMPANY.goals().size());
            runs.forEach((name, run) -> {
                assertThat(run.failures()).as(name).isEmpty();
                assertThat(new HashSet<>(run.ids())).as(name + " ids are unique").hasSize(run.records().size());
            });
        }

        @Test
        void rowsCarryTheVendorsValuesAndLinks() {
            Map<String, StreamRun> runs = syncAll(new HashMap<>());
            Set<String> companies = new HashSet<>(runs.get("accounts").ids());
            Set<String> stages = new HashSet<>(runs.get("pipeline_stages").ids());
            for (SyncedRecord deal : runs.get("deals").records()) {
                Map<String, String> vendor = sim.properties("deals", deal.sourceId()).orElseThrow();
                assertThat(deal.columns().get("name")).isEqualTo(vendor.get("dealname"));
                assertThat((BigDecimal) deal.columns().get("amount")).isEqualByComparingTo(vendor.get("amount"));
                assertThat(deal.columns().get("account_source_id")).isIn(companies);
                assertThat(deal.columns().get("stage_source_id")).isIn(stages);
                assertThat(deal.columns().get("stage_name")).isNotNull();
                assertThat(deal.columns().get("close_date")).isInstanceOf(LocalDate.class);
                assertThat(deal.columns().get("is_won")).isEqualTo(Boolean.parseBoolean(vendor.get("hs_is_closed_won")));
                assertThat(deal.columns().get("pipeline_source_id")).isEqualTo("default");
            }
            Contact demo = COMPANY.contacts().get(0);
            SyncedRecord contact = runs.get("contacts").records().stream()
                    .filter(r -> demo.email().equalsIgnoreCase((String) r.columns().get("email"))).findFirst().orElseThrow();
            assertThat(contact.columns()).containsEntry("name", demo.name()).containsEntry("title", demo.title());
            assertThat(contact.columns().get("account_source_id")).isIn(companies);
            SyncedRecord email = runs.get("emails").records().get(0);
            assertThat(email.columns()).containsEntry("type", "email").containsKey("activity_date").containsKey("from_email");
            assertThat(email.columns().get("direction")).isIn("inbound", "outbound");
            assertThat(runs.get("calls").records()).allSatisfy(c -> assertThat(c.columns())
                    .containsEntry("type", "call").containsKey("contact_source_id").containsKey("account_source_id"));
            SyncedRecord won = runs.get("pipeline_stages").records().stream()
                    .filter(s -> Boolean.TRUE.equals(s.columns().get("is_closed_won"))).findFirst().orElseThrow();
            assertThat((BigDecimal) won.columns().get("probability")).isEqualByComparingTo("100");
            assertThat(runs.get("goals").records()).allSatisfy(g -> assertThat(g.columns())
                    .containsKeys("name", "target_amount", "period_start", "period_end", "owner_source_id"));
        }

        @Test
        void aSyncStoppedAfterAnyPageResumesFromItsCheckpointWithoutLossOrDuplicates() {
            StreamSpec contacts = stream("contacts");
            Checkpoint cp = Checkpoint.START;
            Set<String> seen = new HashSet<>();
            int pages = 0;
            while (true) {
                // a new connector instance per page: nothing but the checkpoint carries over
                Page page = new HubSpotConnector().fetch(ctx, contacts, cp);
                page.records().forEach(r -> assertThat(seen.add(r.sourceId())).as("duplicate " + r.sourceId()).isTrue());
                cp = page.next();
                pages++;
                if (!page.hasMore()) break;
            }
            assertThat(pages).isGreaterThan(1);
            assertThat(seen).hasSize(COMPANY.contacts().size());
        }
    }

    @Nested
    class Incremental {
        @Test
        void afterTheVendorChangesRecordsExactlyThoseComeBack() {
            Map<String, Checkpoint> checkpoints = new HashMap<>();
            syncAll(checkpoints);
            List<String> deals = sim.touch("deals", 4);
            List<String> contacts = sim.touch("contacts", 3);
            List<String> calls = sim.touch("calls", 2);
            List<String> notes = sim.touch("notes", 1);
            Map<String, StreamRun> runs = syncAll(checkpoints);
            assertThat(runs.get("deals").ids()).containsExactlyInAnyOrderElementsOf(deals);
            assertThat(runs.get("contacts").ids()).containsExactlyInAnyOrderElementsOf(contacts);
            assertThat(runs.get("calls").ids()).containsExactlyInAnyOrderElementsOf(calls);
            assertThat(runs.get("notes").ids()).containsExactlyInAnyOrderElementsOf(notes);
            assertThat(runs.get("accounts").records()).isEmpty();
            assertThat(runs.get("emails").records()).isEmpty();
            // the changed values, with their links (read back with associations)
            SyncedRecord deal = runs.get("deals").record(deals.get(0));
            assertThat((BigDecimal) deal.columns().get("amount"))
                    .isEqualByComparingTo(sim.properties("deals", deals.get(0)).orElseThrow().get("amount"));
            assertThat(deal.columns()).containsKey("account_source_id").containsKey("stage_name");
            assertThat(runs.get("calls").record(calls.get(0)).columns()).containsKey("contact_source_id");

            Map<String, StreamRun> again = syncAll(checkpoints);
            again.forEach((name, run) -> {
                if (List.of("pipelines", "pipeline_stages", "goals").contains(name)) return; // sweeps list everything
                assertThat(run.records()).as(name).isEmpty();
                assertThat(run.deleted()).as(name).isEmpty();
            });
        }

        @Test
        void archivedRecordsAreReportedDeletedOnce() {
            Map<String, Checkpoint> checkpoints = new HashMap<>();
            syncAll(checkpoints);
            List<String> gone = sim.archive("companies", 3);
            List<String> goneDeal = sim.archive("deals", 1);
            Map<String, StreamRun> runs = syncAll(checkpoints);
            assertThat(runs.get("accounts").deleted()).containsExactlyInAnyOrderElementsOf(gone);
            assertThat(runs.get("deals").deleted()).containsExactlyInAnyOrderElementsOf(goneDeal);
            assertThat(runs.get("contacts").deleted()).isEmpty();
            assertThat(syncAll(checkpoints).get("accounts").deleted()).isEmpty();
        }

        @Test
        void searchPagesByLastSeenChangeNotByOffsetSoTheTenThousandWindowNeverApplies() {
            Map<String, Checkpoint> checkpoints = new HashMap<>();
            syncAll(checkpoints);
            List<String> touched = sim.touch("emails", 250);
            sim.requests().clear();
            StreamRun run = StreamRun.of(hubspot, ctx, stream("emails"), checkpoints.get("emails"));
            assertThat(run.ids()).containsExactlyInAnyOrderElementsOf(touched);
            List<RecordedRequest> searches = sim.requests().matching("POST", "/crm/v3/objects/emails/search");
            assertThat(searches).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(r -> assertThat(r.body()).doesNotContain("\"after\""));
        }
    }

    @Nested
    class Faults {
        @Test
        void aTruncatedPageFailsTheFetchAndTheSameCheckpointSucceedsLater() {
            StreamSpec contacts = stream("contacts");
            Page first = hubspot.fetch(ctx, contacts, Checkpoint.START);
            assertThat(first.hasMore()).isTrue();
            sim.faults().truncateNext(1);
            assertThatThrownBy(() -> hubspot.fetch(ctx, contacts, first.next()))
                    .isInstanceOf(ConnectorException.MalformedResponse.class);
            Page retried = hubspot.fetch(ctx, contacts, first.next());
            assertThat(retried.records()).isNotEmpty();
            assertThat(retried.records().stream().map(SyncedRecord::sourceId).toList()).doesNotContainAnyElementsOf(first.records().stream().map(SyncedRecord::sourceId).toList());
        }

        @Test
        void aBurstOf429sAnd5xxOnOneRequestIsSurvived() {
            sim.faults().rateLimitNext(2, 0).serverErrorNext(1).rateLimitNext(1, 1);
            StreamRun run = StreamRun.of(hubspot, ctx, stream("contacts"), Checkpoint.START);
            assertThat(run.records()).hasSize(COMPANY.contacts().size());
            assertThat(sim.requests().all().stream().filter(r -> r.status() == 429)).hasSize(3);
            assertThat(sim.requests().all().stream().filter(r -> r.status() == 500)).hasSize(1);
        }

        @Test
        void aVendorRateLimitStormIsSurvivedWithNothingLost() {
            // a simulator on the wall clock, so its rate-limit window rolls over while we wait
            try (HubSpotSimulator limited = new HubSpotSimulator(COMPANY, new TokenRegistry(java.time.Clock.systemUTC()),
                    java.time.Clock.systemUTC())) {
                limited.start("127.0.0.1", 0);
                limited.faults().limitRate(4, java.time.Duration.ofSeconds(1));
                ApiClient http = Connectors.client(hubspot.meta(), limited.baseUrl(),
                        new Connectors.FixedCredentials(Credentials.token(limited.privateAppToken())), Connectors.fastSettings("hubspot"));
                ConnectorContext c = Connectors.context(http, Map.of(), clock);
                Map<String, Integer> counts = new HashMap<>();
                for (String s : List.of("accounts", "contacts", "deals")) {
                    counts.put(s, StreamRun.of(hubspot, c, stream(s), Checkpoint.START).records().size());
                }
                assertThat(counts).containsEntry("accounts", COMPANY.accounts().size())
                        .containsEntry("contacts", COMPANY.contacts().size()).containsEntry("deals", COMPANY.deals().size());
                assertThat(limited.requests().all().stream().filter(r -> r.status() == 429).count()).isPositive();
            }
        }

        @Test
        void aRevokedTokenAsksForReconnectAfterOneRefreshAndNoRetryLoop() {
            sim.faults().revoke(sim.privateAppToken());
            sim.requests().clear();
            assertThatThrownBy(() -> hubspot.fetch(ctx, stream("accounts"), Checkpoint.START))
                    .isInstanceOf(ConnectorException.NeedsReconnect.class)
                    .hasMessage("Reconnect HubSpot");
            assertThat(sim.requests().all()).hasSize(2);
            assertThat(credentials.refreshes.get()).isEqualTo(1);
        }
    }

    @Nested
    class Writes {
        @Test
        void createDealWithItsCompanyHappensOnceAndComesBackAsALocalCopy() {
            String company = sim.touch("companies", 1).get(0);
            sim.requests().clear();
            WriteResult r = hubspot.write(ctx, "create_deal", Map.of(
                    "properties", Map.of("dealname", "Acme expansion", "amount", 125000, "dealstage", COMPANY.pipelineStages().get(0).id(),
                            "closedate", "2026-03-31"),
                    "company_id", company), "op-create-1");
            assertThat(sim.properties("deals", r.sourceId()).orElseThrow())
                    .containsEntry("dealname", "Acme expansion").containsEntry("amount", "125000");
            List<RecordedRequest> posts = sim.requests().matching("POST", "/crm/v3/objects/deals");
            assertThat(posts).hasSize(1);
            assertThat(header(posts.get(0), "Idempotency-Key")).isEqualTo("op-create-1");
            SyncedRecord local = r.localCopy().orElseThrow();
            assertThat(local.columns()).containsEntry("name", "Acme expansion").containsEntry("account_source_id", company)
                    .containsEntry("close_date", LocalDate.parse("2026-03-31"));
            assertThat(r.vendorResponse()).containsEntry("id", r.sourceId());

            // the approvals executor retrying after a crash sends the same key: HubSpot (here the simulator) replays
            WriteResult again = hubspot.write(ctx, "create_deal", Map.of("properties", Map.of("dealname", "Acme expansion"),
                    "company_id", company), "op-create-1");
            assertThat(again.sourceId()).isEqualTo(r.sourceId());
            assertThat(sim.count("deals")).isEqualTo(COMPANY.deals().size() + 1);
        }

        @Test
        void updateDealChangesTheVendorsRecord() {
            String deal = sim.touch("deals", 1).get(0);
            WriteResult r = hubspot.write(ctx, "update_deal", Map.of("deal_id", deal,
                    "properties", Map.of("amount", "4242", "closedate", "2026-06-30")), "op-update-1");
            assertThat(sim.properties("deals", deal).orElseThrow()).containsEntry("amount", "4242");
            assertThat((BigDecimal) r.localCopy().orElseThrow().columns().get("amount")).isEqualByComparingTo("4242");
        }

        @Test
        void contactsCompaniesAndNotesAreWritten() {
            String company = hubspot.write(ctx, "create_company", Map.of("properties",
                    Map.of("name", "Globex", "domain", "globex.example")), "op-c").sourceId();
            WriteResult contact = hubspot.write(ctx, "create_contact", Map.of("properties",
                    Map.of("email", "hank@globex.example", "firstname", "Hank", "lastname", "Scorpio"), "company_id", company), "op-p");
            assertThat(contact.localCopy().orElseThrow().columns()).containsEntry("account_source_id", company)
                    .containsEntry("name", "Hank Scorpio");
            hubspot.write(ctx, "update_contact", Map.of("contact_id", contact.sourceId(), "properties", Map.of("jobtitle", "CEO")), "op-u");
            assertThat(sim.properties("contacts", contact.sourceId()).orElseThrow()).containsEntry("jobtitle", "CEO");
            hubspot.write(ctx, "update_company", Map.of("company_id", company, "properties", Map.of("industry", "UTILITIES")), "op-uc");
            WriteResult note = hubspot.write(ctx, "create_note", Map.of("body", "Called Hank <b>about</b> the renewal",
                    "contact_id", contact.sourceId(), "company_id", company), "op-n");
            assertThat(note.localCopy().orElseThrow().columns()).containsEntry("type", "note")
                    .containsEntry("contact_source_id", contact.sourceId()).containsEntry("account_source_id", company);
        }

        @Test
        void hubSpotsValidationMessageComesBackAsRejected() {
            String deal = sim.touch("deals", 1).get(0);
            sim.requests().clear();
            assertThatThrownBy(() -> hubspot.write(ctx, "update_deal", Map.of("deal_id", deal,
                    "properties", Map.of("amount", "lots")), "op-bad"))
                    .isInstanceOfSatisfying(ConnectorException.Rejected.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("Property values were not valid").hasMessageContaining("lots was not a valid number");
            assertThat(sim.requests().all()).hasSize(1);
        }

        @Test
        void aDuplicateContactIsRejectedWithTheExistingId() {
            assertThatThrownBy(() -> hubspot.write(ctx, "create_contact", Map.of("properties",
                    Map.of("email", COMPANY.contacts().get(0).email())), "op-dup"))
                    .isInstanceOfSatisfying(ConnectorException.Rejected.class, e -> assertThat(e.status()).isEqualTo(409))
                    .hasMessageContaining("Contact already exists");
        }

        @Test
        void badParametersAreRefusedBeforeAnyCall() {
            sim.requests().clear();
            assertThatThrownBy(() -> hubspot.write(ctx, "update_deal", Map.of("properties", Map.of("amount", 1)), "k"))
                    .isInstanceOf(ConnectorException.InvalidRequest.class).hasMessageContaining("deal_id");
            assertThatThrownBy(() -> hubspot.write(ctx, "update_deal", Map.of("deal_id", "../../x", "properties", Map.of("a", 1)), "k"))
                    .isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThatThrownBy(() -> hubspot.write(ctx, "create_deal", Map.of("properties", Map.of("x", Map.of("nested", 1))), "k"))
                    .isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThatThrownBy(() -> hubspot.write(ctx, "delete_everything", Map.of(), "k"))
                    .isInstanceOf(ConnectorException.InvalidRequest.class);
            assertThat(sim.requests().all()).isEmpty();
        }
    }

    @Nested
    class Actions {
        @Test
        void findContactByEmail() {
            Contact demo = COMPANY.contacts().get(3);
            ActionResult found = hubspot.action(ctx, "find_contact_by_email", Map.of("email", demo.email().toUpperCase()), null);
            assertThat(found.data()).containsEntry("found", true);
            @SuppressWarnings("unchecked")
            Map<String, Object> contact = (Map<String, Object>) found.data().get("contact");
            assertThat(contact).containsEntry("name", demo.name()).containsEntry("email", demo.email());
            ActionResult missing = hubspot.action(ctx, "find_contact_by_email", Map.of("email", "nobody@nowhere.example"), null);
            assertThat(missing.data()).containsEntry("found", false);
            assertThat(missing.summary()).contains("No HubSpot contact");
        }

        @Test
        void searchContacts() {
            Contact demo = COMPANY.contacts().get(5);
            ActionResult r = hubspot.action(ctx, "search_contacts", Map.of("query", demo.lastName(), "limit", 5), null);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> contacts = (List<Map<String, Object>>) r.data().get("contacts");
            assertThat(contacts).isNotEmpty().hasSizeLessThanOrEqualTo(5);
            assertThat(contacts).anySatisfy(c -> assertThat(c).containsEntry("email", demo.email()));
        }
    }

    static String header(RecordedRequest r, String name) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
