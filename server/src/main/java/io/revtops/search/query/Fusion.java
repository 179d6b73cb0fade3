package io.revtops.search.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reciprocal rank fusion of the candidate lists (docs/search.md):
 *
 * <pre>score(d) = Σ_lists w_list / (K + rank_list(d))     K = 60, rank from 1, lists where d is absent add 0
 * w_keyword = 2.0 (documents matching every word), w_vector = 1.0,
 * w_any_word = 0.5 (documents matching some words, only when none matches all of them),
 * w_name = 0.5 (trigram title similarity, only when nothing matches every word: typos in names)
 * with recency: score(d) × (1 + 0.2 × 2^(−age_days / 90))</pre>
 *
 * Ranks, not raw scores, are fused: ts_rank and cosine distance live on unrelated scales, and RRF needs no
 * per-corpus calibration. A document that contains every word of the text is the strongest evidence there is, so
 * the all-words list weighs twice a vector rank: an exact title match is not outvoted by documents that are merely
 * near in meaning and share a word. Ties keep list order (all words, vector, any word, names).
 */
public final class Fusion {
    public static final int K = 60;
    public static final double KEYWORD_WEIGHT = 2.0;
    public static final double VECTOR_WEIGHT = 1.0;
    public static final double ANY_WORD_WEIGHT = 0.5;
    public static final double NAME_WEIGHT = 0.5;
    public static final double RECENCY_BOOST = 0.2;
    public static final Duration RECENCY_HALF_LIFE = Duration.ofDays(90);

    private Fusion() {}

    /** A fused document: its score and what each list knew about it. */
    public record Fused(DocKey key, double score, Optional<Instant> date, Optional<String> chunkText, boolean keywordHit) {}

    public static List<Fused> fuse(List<Candidate> keyword, List<Candidate> vector, List<Candidate> anyWord,
                                   List<Candidate> names, boolean recency, Instant now) {
        Map<DocKey, double[]> scores = new LinkedHashMap<>();
        Map<DocKey, Candidate> seen = new HashMap<>();
        Map<DocKey, String> chunks = new HashMap<>();
        add(scores, seen, keyword, KEYWORD_WEIGHT);
        add(scores, seen, vector, VECTOR_WEIGHT);
        add(scores, seen, anyWord, ANY_WORD_WEIGHT);
        add(scores, seen, names, NAME_WEIGHT);
        for (Candidate c : vector) c.chunkText().ifPresent(t -> chunks.putIfAbsent(c.key(), t));
        java.util.Set<DocKey> keywordKeys = new java.util.HashSet<>();
        keyword.forEach(c -> keywordKeys.add(c.key()));
        anyWord.forEach(c -> keywordKeys.add(c.key()));
        List<Fused> out = new ArrayList<>(scores.size());
        for (var e : scores.entrySet()) {
            Candidate c = seen.get(e.getKey());
            double score = e.getValue()[0];
            if (recency && c.date().isPresent()) {
                double ageDays = Math.max(0, Duration.between(c.date().get(), now).toHours() / 24.0);
                score *= 1 + RECENCY_BOOST * Math.pow(2, -ageDays / RECENCY_HALF_LIFE.toDays());
            }
            out.add(new Fused(e.getKey(), score, c.date(), Optional.ofNullable(chunks.get(e.getKey())),
                    keywordKeys.contains(e.getKey())));
        }
        // stable sort: equal scores keep first-seen order (keyword list first)
        out.sort(Comparator.comparingDouble(Fused::score).reversed());
        return out;
    }

    private static void add(Map<DocKey, double[]> scores, Map<DocKey, Candidate> seen, List<Candidate> list, double weight) {
        int rank = 0;
        for (Candidate c : list) {
            rank++;
            scores.computeIfAbsent(c.key(), k -> new double[1])[0] += weight / (K + rank);
            Candidate before = seen.get(c.key());
            if (before == null || before.date().isEmpty()) seen.put(c.key(), c);
        }
    }
}
