package io.revtops.search;

import static io.revtops.search.SearchFixture.email;
import static io.revtops.search.SearchFixture.meeting;
import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.connectors.SyncedTable;
import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.search.SearchQuery.Mode;
import io.revtops.sync.RecordWriter;
import io.revtops.sync.SyncTarget;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hybrid search as users see it: what they may see, what is embedded when, citations. */
@RevtopsTest
class SearchTest {
    static final Instant JAN = Instant.parse("2026-01-10T10:00:00Z");

    @Autowired JdbcClient owner;
    @Autowired TenantTx tx;
    @Autowired RecordWriter writer;
    @Autowired EmbeddingIndexer indexer;
    @Autowired SearchService search;
    @Autowired org.springframework.context.ApplicationEventPublisher events;
    @LocalServerPort int port;

    SearchFixture fx;
    TestApi api;

    @BeforeEach
    void fixture() {
        api = new TestApi(port);
        fx = new SearchFixture(api, owner, tx, writer, indexer);
    }

    List<SearchHit> find(Session who, String text, Mode mode) {
        return search.search(Tenant.of(who.orgId(), who.userId()), SearchQuery.builder(text).mode(mode).limit(20).build()).results();
    }

    List<UUID> ids(Session who, String text, Mode mode) {
        return find(who, text, mode).stream().map(SearchHit::id).toList();
    }

    @Nested
    class Visibility {
        Session ada;
        Session bob;
        Session eve;
        UUID teamEmail;
        UUID privateEmail;
        UUID privateMeeting;
        UUID privateArtifact;
        UUID otherOrgEmail;

        @BeforeEach
        void twoMembersAndAnotherOrganization() {
            ada = fx.newOrg("ada");
            bob = fx.member(ada, "bob");
            eve = fx.newOrg("eve");
            SyncTarget crm = fx.teamTarget(ada, "hubspot");
            SyncTarget adasMailbox = fx.personalTarget(ada, "gmail");
            fx.write(ada, crm, SyncedTable.ACTIVITIES, List.of(email("t1", "Zanzibar rollout plan",
                    "The Zanzibar rollout starts with the warehouse team in March.", JAN)));
            fx.write(ada, adasMailbox, SyncedTable.ACTIVITIES, List.of(email("p1", "Zanzibar acquisition (confidential)",
                    "We are considering acquiring Zanzibar Logistics; keep this between us.", JAN)));
            fx.write(ada, adasMailbox, SyncedTable.MEETINGS, List.of(meeting("m1", "Zanzibar board prep",
                    "Private prep for the Zanzibar board meeting.", "Ada: the Zanzibar numbers look fine.", JAN)));
            fx.write(eve, fx.teamTarget(eve, "hubspot"), SyncedTable.ACTIVITIES, List.of(email("o1", "Zanzibar in another company",
                    "Another organization also writes about Zanzibar.", JAN)));
            privateArtifact = owner.sql("""
                    INSERT INTO artifacts (organization_id, user_id, type, title, content, visibility)
                    VALUES (:o, :u, 'markdown', 'Zanzibar notes', 'My private Zanzibar notes', 'private') RETURNING id
                    """).param("o", ada.orgId()).param("u", ada.userId()).query(UUID.class).single();
            teamEmail = fx.id("activities", ada.orgId(), "t1");
            privateEmail = fx.id("activities", ada.orgId(), "p1");
            privateMeeting = fx.id("meetings", ada.orgId(), "m1");
            otherOrgEmail = fx.id("activities", eve.orgId(), "o1");
            fx.indexAll();
        }

        @Test
        void theOwnerFindsTheirOwnerOnlyRecordsAndPrivateArtifacts() {
            for (Mode mode : Mode.values()) {
                assertThat(ids(ada, "Zanzibar", mode)).as(mode.name())
                        .contains(teamEmail, privateEmail, privateMeeting, privateArtifact).doesNotContain(otherOrgEmail);
            }
        }

        @Test
        void ownerOnlyRecordsAndPrivateArtifactsNeverAppearForTeammates() {
            for (Mode mode : Mode.values()) {
                assertThat(ids(bob, "Zanzibar acquisition confidential board prep notes", mode)).as(mode.name())
                        .doesNotContain(privateEmail, privateMeeting, privateArtifact, otherOrgEmail);
                assertThat(ids(bob, "Zanzibar", mode)).as(mode.name())
                        .doesNotContain(privateEmail, privateMeeting, privateArtifact, otherOrgEmail);
            }
            assertThat(ids(bob, "Zanzibar", Mode.KEYWORD)).containsExactly(teamEmail);
        }

        @Test
        void anotherOrganizationsRecordsNeverAppear() {
            for (Mode mode : Mode.values()) {
                assertThat(ids(eve, "Zanzibar", mode)).as(mode.name()).containsExactly(otherOrgEmail);
            }
        }

        @Test
        void embeddedChunksOfHiddenRecordsAreInvisibleToAgentSql() {
            long seen = tx.readOnly(Tenant.of(bob.orgId(), bob.userId()), java.time.Duration.ofSeconds(5), j -> j.sql("""
                    SELECT count(*) FROM embeddings WHERE source_id IN (:a, :b, :c)
                    """).param("a", privateEmail).param("b", privateMeeting).param("c", privateArtifact).query(Long.class).single());
            assertThat(seen).isZero();
            long own = tx.readOnly(Tenant.of(ada.orgId(), ada.userId()), java.time.Duration.ofSeconds(5), j -> j.sql("""
                    SELECT count(DISTINCT source_id) FROM embeddings WHERE source_id IN (:a, :b, :c)
                    """).param("a", privateEmail).param("b", privateMeeting).param("c", privateArtifact).query(Long.class).single());
            assertThat(own).isEqualTo(3);
        }

        @Test
        void resultsAreCitationsWithHighlightedSnippets() {
            SearchHit hit = find(bob, "warehouse rollout", Mode.HYBRID).get(0);
            assertThat(hit.id()).isEqualTo(teamEmail);
            assertThat(hit.type()).isEqualTo("email");
            assertThat(hit.title()).isEqualTo("Zanzibar rollout plan");
            assertThat(hit.date()).contains(JAN);
            assertThat(hit.snippet()).contains("«warehouse»").contains("«rollout»");
            assertThat(hit.link()).isEqualTo("/data/activities/" + teamEmail);
            assertThat(hit.sourceSystem()).contains("hubspot");
        }
    }

    @Nested
    class Indexing {
        Session ada;
        SyncTarget crm;

        @BeforeEach
        void organization() {
            ada = fx.newOrg("ada");
            crm = fx.teamTarget(ada, "hubspot");
        }

        @Test
        void resyncingUnchangedDataEmbedsNothing() {
            var emails = List.of(email("e1", "Pricing", "Too expensive for us.", JAN), email("e2", "Renewal", "Renewing in May.", JAN));
            fx.write(ada, crm, SyncedTable.ACTIVITIES, emails);
            fx.indexAll();
            long before = indexer.chunksEmbedded();
            fx.write(ada, crm, SyncedTable.ACTIVITIES, emails);
            assertThat(indexer.pending()).isZero();
            fx.indexAll();
            assertThat(indexer.chunksEmbedded()).isEqualTo(before);
        }

        @Test
        void changingOneEmailReembedsExactlyItsChunks() {
            String longBody = "We reviewed the proposal in detail with procurement and finance. ".repeat(60);
            fx.write(ada, crm, SyncedTable.ACTIVITIES, List.of(email("e1", "Pricing", longBody, JAN),
                    email("e2", "Renewal", "Renewing in May.", JAN)));
            fx.indexAll();
            UUID e1 = fx.id("activities", ada.orgId(), "e1");
            UUID e2 = fx.id("activities", ada.orgId(), "e2");
            Map<Integer, String> e1Before = chunkHashes(e1);
            String e2Before = chunkHashes(e2).get(0);
            assertThat(e1Before).hasSizeGreaterThan(2);
            long before = indexer.chunksEmbedded();

            // the last sentence changes: only the last chunk's text changes
            String edited = longBody.strip() + " Final answer: we accept the 15% offer.";
            fx.write(ada, crm, SyncedTable.ACTIVITIES, List.of(email("e1", "Pricing", edited, JAN),
                    email("e2", "Renewal", "Renewing in May.", JAN)));
            fx.indexAll();

            Map<Integer, String> e1After = chunkHashes(e1);
            long changed = e1After.entrySet().stream().filter(e -> !e.getValue().equals(e1Before.get(e.getKey()))).count();
            assertThat(indexer.chunksEmbedded() - before).isEqualTo(changed).isBetween(1L, 2L);
            assertThat(chunkHashes(e2).get(0)).isEqualTo(e2Before);
            assertThat(ids(ada, "accept the 15% offer", Mode.KEYWORD)).containsExactly(e1);
        }

        @Test
        void aShorterTextDropsTheChunksPastItsEnd() {
            fx.write(ada, crm, SyncedTable.ACTIVITIES, List.of(email("e1", "Notes", "Long text about the rollout. ".repeat(120), JAN)));
            fx.indexAll();
            UUID e1 = fx.id("activities", ada.orgId(), "e1");
            assertThat(chunkHashes(e1)).hasSizeGreaterThan(2);
            fx.write(ada, crm, SyncedTable.ACTIVITIES, List.of(email("e1", "Notes", "Short now.", JAN)));
            fx.indexAll();
            assertThat(chunkHashes(e1)).hasSize(1);
        }

        @Test
        void aDeletedRowLosesItsEmbeddings() {
            fx.write(ada, crm, SyncedTable.ACTIVITIES, List.of(email("e1", "Gone soon", "This will be deleted.", JAN)));
            fx.indexAll();
            UUID e1 = fx.id("activities", ada.orgId(), "e1");
            assertThat(chunkHashes(e1)).isNotEmpty();
            owner.sql("DELETE FROM activities WHERE id = :id").param("id", e1).update();
            assertThat(chunkHashes(e1)).isEmpty();
        }

        @Test
        void aSyncedEmailIsSearchableByKeywordAtOnceAndByMeaningOnceIndexed() {
            fx.write(ada, crm, SyncedTable.ACTIVITIES, List.of(email("e1", "Quokka migration", "The quokka data migration is done.", JAN)));
            UUID e1 = fx.id("activities", ada.orgId(), "e1");
            assertThat(ids(ada, "quokka", Mode.KEYWORD)).containsExactly(e1);
            fx.indexAll();
            assertThat(ids(ada, "moving the marsupial data finished", Mode.VECTOR)).contains(e1);
        }

        @Test
        void afterASyncTheBackgroundJobMakesNewEmailsSearchableByMeaningWithinAMinute() throws InterruptedException {
            fx.write(ada, crm, SyncedTable.ACTIVITIES, List.of(email("e1", "Wombat contract",
                    "Legal approved the wombat contract; signature expected on Thursday.", JAN)));
            UUID e1 = fx.id("activities", ada.orgId(), "e1");
            long t0 = System.nanoTime();
            events.publishEvent(new io.revtops.sync.SyncCompleted(ada.orgId(), crm.integrationId(), UUID.randomUUID(), "hubspot",
                    Map.of()));
            // no drain here: the search-embed-now job on the worker does it
            while (!ids(ada, "lawyers signed off on the agreement", Mode.VECTOR).contains(e1)) {
                assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofSeconds(60));
                Thread.sleep(200);
            }
        }

        Map<Integer, String> chunkHashes(UUID sourceId) {
            Map<Integer, String> out = new java.util.TreeMap<>();
            owner.sql("SELECT chunk_index, content_hash FROM embeddings WHERE source_id = :s AND model = :m")
                    .param("s", sourceId).param("m", indexerModel())
                    .query((rs, n) -> out.put(rs.getInt(1), rs.getString(2))).list();
            return out;
        }
    }

    @Autowired Embedder embedder;

    String indexerModel() {
        return embedder.model();
    }
}
