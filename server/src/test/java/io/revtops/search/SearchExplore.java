package io.revtops.search;

import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.search.SearchQuery.Mode;
import io.revtops.sync.RecordWriter;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A developer's tool, not a test (no Test suffix, so the build never runs it): keeps the demo company indexed in the
 * database named by EXPLORE_DB (a postgres:// URL) and prints the top results of each line of EXPLORE_QUERIES
 * in the three modes. Run with -Dtest=SearchExplore.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"revtops.database-url=${EXPLORE_DB}", "revtops.roles=api",
        "revtops.data-dir=${java.io.tmpdir}/revtops-explore"})
class SearchExplore {
    @Autowired JdbcClient owner;
    @Autowired TenantTx tx;
    @Autowired RecordWriter writer;
    @Autowired EmbeddingIndexer indexer;
    @Autowired SearchService search;
    @LocalServerPort int port;

    @Test
    void explore() throws Exception {
        SearchFixture fx = new SearchFixture(new TestApi(port), owner, tx, writer, indexer);
        Session admin = new TestApi(port).devLogin("admin@explore.test");
        long rows = owner.sql("SELECT count(*) FROM activities WHERE organization_id = :o").param("o", admin.orgId())
                .query(Long.class).single();
        if (rows == 0) DemoCompanyFixture.load(fx, owner, admin, DemoCompanyFixture.company());
        fx.indexAll();
        for (String line : Files.readAllLines(Path.of(System.getenv("EXPLORE_QUERIES")))) {
            if (line.isBlank()) continue;
            System.out.println("\n### " + line);
            for (Mode mode : Mode.values()) {
                List<SearchHit> hits = search.search(Tenant.of(admin.orgId(), admin.userId()),
                        SearchQuery.builder(line).mode(mode).limit(8).build()).results();
                System.out.println("  -- " + mode);
                for (SearchHit h : hits) {
                    String sid = owner.sql("SELECT source_id FROM " + h.sourceTable() + " WHERE id = :id").param("id", h.id())
                            .query(String.class).single();
                    System.out.printf("  %-11s %.4f %s | %s%n", sid, h.score(), h.title(),
                            h.snippet().substring(0, Math.min(90, h.snippet().length())));
                }
            }
        }
    }
}
