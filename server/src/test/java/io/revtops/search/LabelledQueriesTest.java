package io.revtops.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.revtops.platform.db.Tenant;
import io.revtops.platform.db.TenantTx;
import io.revtops.search.SearchQuery.Mode;
import io.revtops.sync.RecordWriter;
import io.revtops.testing.RevtopsTest;
import io.revtops.testing.TestApi;
import io.revtops.testing.TestApi.Session;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Search quality on the demo company with the labelled queries of {@code search/labelled-queries.json}: hybrid finds
 * every answer in the top 3, and each single mode misses at least one that hybrid finds. nDCG@10 and recall@10 of
 * the three modes are written to {@code target/search-quality.md} and the test log.
 */
@RevtopsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabelledQueriesTest {
    @Autowired JdbcClient owner;
    @Autowired TenantTx tx;
    @Autowired RecordWriter writer;
    @Autowired EmbeddingIndexer indexer;
    @Autowired SearchService search;
    @LocalServerPort int port;

    record Labelled(String query, Set<String> relevant, String why) {}

    /** Where a mode put the relevant records of one query. */
    record Outcome(List<String> top10, int firstRelevant, double ndcg, double recall) {}

    Session admin;
    List<Labelled> labelled;
    Map<Mode, List<Outcome>> outcomes = new EnumMap<>(Mode.class);

    @BeforeAll
    void demoCompanyIndexed() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/search/labelled-queries.json")) {
            JsonNode root = TestApi.json().readTree(in);
            labelled = new ArrayList<>();
            for (JsonNode q : root.path("queries")) {
                Set<String> relevant = new HashSet<>();
                q.path("relevant").forEach(r -> relevant.add(r.asString()));
                labelled.add(new Labelled(q.path("query").asString(), relevant, q.path("why").asString()));
            }
        }
        SearchFixture fx = new SearchFixture(new TestApi(port), owner, tx, writer, indexer);
        admin = fx.newOrg("admin");
        DemoCompanyFixture.load(fx, owner, admin, DemoCompanyFixture.company());
        fx.indexAll();
        for (Mode mode : Mode.values()) {
            List<Outcome> list = new ArrayList<>();
            for (Labelled l : labelled) list.add(evaluate(l, mode));
            outcomes.put(mode, list);
        }
        report();
    }

    Outcome evaluate(Labelled l, Mode mode) {
        List<SearchHit> hits = search.search(Tenant.of(admin.orgId(), admin.userId()),
                SearchQuery.builder(l.query()).mode(mode).limit(10).build()).results();
        List<String> top = hits.stream().map(h -> owner.sql("SELECT source_id FROM " + h.sourceTable() + " WHERE id = :id")
                .param("id", h.id()).query(String.class).single()).toList();
        int first = -1;
        double dcg = 0;
        int found = 0;
        for (int i = 0; i < top.size(); i++) {
            if (l.relevant().contains(top.get(i))) {
                if (first < 0) first = i + 1;
                dcg += 1 / (Math.log(i + 2) / Math.log(2));
                found++;
            }
        }
        int ideal = Math.min(10, l.relevant().size());
        double idcg = 0;
        for (int i = 0; i < ideal; i++) idcg += 1 / (Math.log(i + 2) / Math.log(2));
        return new Outcome(top, first, dcg / idcg, (double) found / ideal);
    }

    void report() throws IOException {
        StringBuilder md = new StringBuilder("| query | hybrid | keyword | vector |\n|---|---|---|---|\n");
        for (int i = 0; i < labelled.size(); i++) {
            md.append("| ").append(labelled.get(i).query());
            for (Mode m : Mode.values()) {
                int r = outcomes.get(m).get(i).firstRelevant();
                md.append(" | ").append(r < 0 ? "–" : r);
            }
            md.append(" |\n");
        }
        md.append("\n| mode | found in top 3 | nDCG@10 | recall@10 |\n|---|---|---|---|\n");
        for (Mode m : Mode.values()) {
            List<Outcome> o = outcomes.get(m);
            long top3 = o.stream().filter(x -> x.firstRelevant() > 0 && x.firstRelevant() <= 3).count();
            md.append(String.format(Locale.ROOT, "| %s | %d/%d | %.3f | %.3f |%n", m.name().toLowerCase(Locale.ROOT), top3, o.size(),
                    o.stream().mapToDouble(Outcome::ndcg).average().orElse(0),
                    o.stream().mapToDouble(Outcome::recall).average().orElse(0)));
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/search-quality.md"), md);
        System.out.println(md);
    }

    boolean inTop3(Mode mode, int i) {
        int r = outcomes.get(mode).get(i).firstRelevant();
        return r > 0 && r <= 3;
    }

    @Test
    void theLabelledSetHasAtLeastTwentyQueries() {
        assertThat(labelled).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void hybridFindsEveryAnswerInTheTopThree() {
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < labelled.size(); i++) {
            if (!inTop3(Mode.HYBRID, i)) missed.add(labelled.get(i).query() + " → " + outcomes.get(Mode.HYBRID).get(i).top10());
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void keywordOnlyMissesSomethingHybridFinds() {
        assertThat(missedByOnly(Mode.KEYWORD)).isNotEmpty();
    }

    @Test
    void vectorOnlyMissesSomethingHybridFinds() {
        assertThat(missedByOnly(Mode.VECTOR)).isNotEmpty();
    }

    @Test
    void hybridRanksBetterThanEitherModeAlone() {
        double hybrid = outcomes.get(Mode.HYBRID).stream().mapToDouble(Outcome::ndcg).average().orElse(0);
        assertThat(hybrid).isGreaterThan(outcomes.get(Mode.KEYWORD).stream().mapToDouble(Outcome::ndcg).average().orElse(0));
        assertThat(hybrid).isGreaterThan(outcomes.get(Mode.VECTOR).stream().mapToDouble(Outcome::ndcg).average().orElse(0));
    }

    List<String> missedByOnly(Mode mode) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < labelled.size(); i++) {
            if (inTop3(Mode.HYBRID, i) && !inTop3(mode, i)) out.add(labelled.get(i).query());
        }
        return out;
    }
}
