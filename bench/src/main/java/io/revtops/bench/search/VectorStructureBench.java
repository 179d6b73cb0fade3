package io.revtops.bench.search;

import io.revtops.search.embedding.MiniLmEmbedder;
import io.revtops.search.indexing.Chunker;
import io.revtops.search.indexing.SearchDocument;
import io.revtops.simulators.demo.DemoCompany;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * How hard nearest-neighbour search is on real embeddings of the demo company's texts, against SearchBench's synthetic
 * vector models, measured the same way on the same number of points: the local intrinsic dimensionality (maximum
 * likelihood estimate over the k nearest neighbours, Levina and Bickel) and the relative contrast (mean distance over
 * nearest distance). The higher the first and the lower the second, the harder for an HNSW graph: in isotropic noise
 * every point of a cluster is nearly equidistant from a query, and recall@10 stops meaning much. Used to choose a
 * synthetic model for the 1 M-chunk run whose structure is at least as hard as the real model's.
 *
 * <p>Usage: VectorStructureBench [points=20000] [queries=500] [k=20]. Writes bench/results/vector-structure.json.
 */
public final class VectorStructureBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", BenchOut.machine());
        results.put("points", n);
        results.put("queries", queries);
        results.put("k", k);

        // distinct chunks of the whole demo company (×1; its generator repeats some texts), embedded by the product's model
        List<String> texts = new ArrayList<>(distinctDemoChunks());
        java.util.Collections.shuffle(texts, new java.util.Random(SearchBench.SEED));
        texts = texts.subList(0, Math.min(n, texts.size()));
        long t0 = System.nanoTime();
        List<float[]> real = new MiniLmEmbedder(32, Runtime.getRuntime().availableProcessors()).embed(texts);
        System.out.printf("embedded %d distinct demo chunks in %.0f s%n", real.size(), (System.nanoTime() - t0) / 1e9);
        results.put("real_points", real.size());
        results.put("real_minilm", structure(real.toArray(float[][]::new), queries, k));

        float[][] centroids = SearchBench.centroids();
        float[][] iso = new float[real.size()][];
        for (int i = 0; i < iso.length; i++) iso[i] = SearchBench.vector(centroids, SearchBench.SEED, i);
        results.put("synthetic_isotropic", structure(iso, queries, k));

        SearchBench.Manifold m = SearchBench.Manifold.standard();
        float[][] man = new float[real.size()][];
        for (int i = 0; i < man.length; i++) man[i] = m.vector(SearchBench.SEED, i);
        results.put("synthetic_manifold", structure(man, queries, k));
        results.put("manifold_model", m.describe());
        results.forEach((key, v) -> System.out.println(key + ": " + v));
        BenchOut.write("vector-structure.json", results);
        System.exit(0);
    }

    static Set<String> distinctDemoChunks() {
        DemoCompany c = DemoCompany.generate(7, 1.0);
        Chunker chunker = new Chunker(230, 40);
        UUID org = UUID.randomUUID();
        List<SearchDocument> docs = new ArrayList<>();
        c.emails().forEach(e -> docs.add(new SearchDocument(org, "activities", UUID.randomUUID(), "email", Optional.of(e.subject()),
                Optional.empty(), Optional.of(e.sentAt()), e.body())));
        c.meetings().forEach(m -> docs.add(new SearchDocument(org, "meetings", UUID.randomUUID(), "meeting", Optional.of(m.title()),
                Optional.empty(), Optional.of(m.start()), m.summary() + "\n\f\n" + m.transcript())));
        c.notes().forEach(note -> docs.add(new SearchDocument(org, "activities", UUID.randomUUID(), "note", Optional.empty(),
                Optional.empty(), Optional.of(note.at()), note.body())));
        c.calls().forEach(call -> docs.add(new SearchDocument(org, "activities", UUID.randomUUID(), "call", Optional.of(call.title()),
                Optional.empty(), Optional.of(call.at()), call.notes())));
        Set<String> out = new LinkedHashSet<>();
        for (SearchDocument doc : docs) for (Chunker.Chunk ch : chunker.chunks(doc)) out.add(ch.text());
        return out;
    }

    /** LID (MLE over the k nearest) and relative contrast, averaged over the first `queries` points (leave-one-out). */
    static Map<String, Object> structure(float[][] points, int queries, int k) {
        double[][] out = IntStream.range(0, queries).parallel().mapToObj(q -> {
            float[] v = points[q];
            double[] nearest = new double[k];
            Arrays.fill(nearest, Double.MAX_VALUE);
            double sum = 0;
            for (int i = 0; i < points.length; i++) {
                if (i == q) continue;
                double dot = 0;
                float[] p = points[i];
                for (int d = 0; d < v.length; d++) dot += v[d] * p[d];
                double dist = Math.sqrt(Math.max(0, 2 - 2 * dot)); // euclidean on the unit sphere
                sum += dist;
                if (dist < nearest[k - 1]) {
                    int j = k - 1;
                    while (j > 0 && nearest[j - 1] > dist) {
                        nearest[j] = nearest[j - 1];
                        j--;
                    }
                    nearest[j] = dist;
                }
            }
            double logs = 0;
            for (int j = 0; j < k - 1; j++) logs += Math.log(nearest[k - 1] / Math.max(nearest[j], 1e-12));
            double lid = (k - 1) / logs;
            double rc = (sum / (points.length - 1)) / Math.max(nearest[0], 1e-12);
            return new double[] {lid, rc, nearest[0], nearest[9]};
        }).toArray(double[][]::new);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lid_mean", round(Arrays.stream(out).mapToDouble(x -> x[0]).average().orElse(0)));
        m.put("lid_median", round(median(Arrays.stream(out).mapToDouble(x -> x[0]).toArray())));
        m.put("relative_contrast_median", round(median(Arrays.stream(out).mapToDouble(x -> x[1]).toArray())));
        m.put("nearest_distance_median", round(median(Arrays.stream(out).mapToDouble(x -> x[2]).toArray())));
        m.put("tenth_distance_median", round(median(Arrays.stream(out).mapToDouble(x -> x[3]).toArray())));
        return m;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
