package io.revtops.bench.search;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.revtops.search.embedding.MiniLmEmbedder;
import io.revtops.search.indexing.Chunker;
import io.revtops.search.indexing.SearchDocument;
import io.revtops.simulators.demo.DemoCompany;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Local embedding throughput (issue 5 budget: ≥ 150 chunks/s batched on 2 cores, ≥ 0.8 of the raw model): the
 * demo company's texts chunked as the indexer chunks them, embedded by {@link MiniLmEmbedder} (tokenize, sort by
 * length, padded batches, mean pooling, normalization) versus the same ONNX model run alone in this process on the
 * same inputs, tokenized beforehand (session.run only), in the same configuration: one text per call on one ONNX
 * thread per core (per_text, the default), or padded batches with all cores in each call (padded). Rounds alternate
 * between the two so that other load on the machine hits both alike. Usage: EmbeddingBench [chunks=1024]
 * [batch=32] [rounds=3] [per_text|padded]. Writes bench/results/embedding-&lt;inference&gt;.json.
 */
public final class EmbeddingBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean padded = args.length > 3 && args[3].equals("padded");
        int threads = Runtime.getRuntime().availableProcessors();
        List<String> chunks = demoChunks(n);
        System.out.printf("%d chunks, mean %.0f characters, batch %d, %d threads%n", chunks.size(),
                chunks.stream().mapToInt(String::length).average().orElse(0), batch, threads);

        MiniLmEmbedder embedder = new MiniLmEmbedder(batch, threads,
                padded ? MiniLmEmbedder.Inference.PADDED_BATCHES : MiniLmEmbedder.Inference.PER_TEXT);
        Raw raw = new Raw(padded ? threads : 1, padded ? 1 : threads);
        // the raw model's input: the same texts, tokenized and sorted like the embedder does, padded per batch
        List<long[][]> batches = raw.batches(chunks, padded ? batch : 1);
        embedder.embed(chunks.subList(0, Math.min(64, chunks.size())));
        raw.run(batches.subList(0, Math.min(2, batches.size())));

        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            embedder.embed(chunks);
            ours.add(chunks.size() / ((System.nanoTime() - t0) / 1e9));
            t0 = System.nanoTime();
            raw.run(batches);
            theirs.add(chunks.size() / ((System.nanoTime() - t0) / 1e9));
            System.out.printf("round %d: embedder %.1f chunks/s, raw ONNX %.1f chunks/s%n", r + 1, ours.get(r), theirs.get(r));
        }
        double oursMedian = median(ours);
        double rawMedian = median(theirs);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", BenchOut.machine());
        results.put("model", MiniLmEmbedder.MODEL);
        results.put("inference", padded ? "padded_batches" : "per_text");
        results.put("chunks", chunks.size());
        results.put("mean_chunk_chars", Math.round(chunks.stream().mapToInt(String::length).average().orElse(0)));
        results.put("batch", batch);
        results.put("intra_op_threads", threads);
        results.put("embedder_chunks_per_s", round(oursMedian));
        results.put("raw_onnx_chunks_per_s", round(rawMedian));
        results.put("ratio", Math.round(oursMedian / rawMedian * 1000) / 1000.0);
        results.put("rounds_embedder", ours.stream().map(EmbeddingBench::round).toList());
        results.put("rounds_raw", theirs.stream().map(EmbeddingBench::round).toList());
        System.out.printf("median: embedder %.1f chunks/s, raw %.1f chunks/s, ratio %.3f%n", oursMedian, rawMedian, oursMedian / rawMedian);
        BenchOut.write("embedding-" + (padded ? "padded" : "per_text") + ".json", results);
        embedder.close();
        System.exit(0);
    }

    /** Chunks of the demo company's emails, notes, calls and meeting transcripts, with the indexer's prefixes. */
    static List<String> demoChunks(int n) {
        DemoCompany c = DemoCompany.generate(7, 0.1);
        Chunker chunker = new Chunker(230, 40);
        List<String> out = new ArrayList<>();
        UUID org = UUID.randomUUID();
        int i = 0;
        while (out.size() < n) {
            // a realistic mix: mostly emails, some meetings (long transcripts), notes and calls
            int k = i++;
            SearchDocument doc;
            if (k % 10 < 6) {
                var e = c.emails().get(k % c.emails().size());
                doc = new SearchDocument(org, "activities", UUID.randomUUID(), "email", Optional.of(e.subject()), Optional.empty(),
                        Optional.of(e.sentAt()), e.body());
            } else if (k % 10 < 8) {
                var m = c.meetings().get(k % c.meetings().size());
                doc = new SearchDocument(org, "meetings", UUID.randomUUID(), "meeting", Optional.of(m.title()), Optional.empty(),
                        Optional.of(m.start()), m.summary() + "\n\f\n" + m.transcript());
            } else if (k % 10 == 8) {
                var note = c.notes().get(k % c.notes().size());
                doc = new SearchDocument(org, "activities", UUID.randomUUID(), "note", Optional.empty(), Optional.empty(),
                        Optional.of(note.at()), note.body());
            } else {
                var call = c.calls().get(k % c.calls().size());
                doc = new SearchDocument(org, "activities", UUID.randomUUID(), "call", Optional.of(call.title()), Optional.empty(),
                        Optional.of(call.at()), call.notes());
            }
            for (Chunker.Chunk ch : chunker.chunks(doc)) if (out.size() < n) out.add(ch.text());
        }
        return out;
    }

    /** The ONNX model by itself: one session, inputs prepared outside the timing. */
    static final class Raw {
        final OrtEnvironment env = OrtEnvironment.getEnvironment();
        final OrtSession session;
        final HuggingFaceTokenizer tokenizer;
        final int callers;

        Raw(int threads, int callers) throws Exception {
            this.callers = callers;
            try (InputStream model = MiniLmEmbedder.class.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
                 InputStream vocab = MiniLmEmbedder.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
                OrtSession.SessionOptions o = new OrtSession.SessionOptions();
                o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                o.setIntraOpNumThreads(threads);
                session = env.createSession(model.readAllBytes(), o);
                tokenizer = HuggingFaceTokenizer.newInstance(vocab, Map.of("truncation", "true", "maxLength", "256", "padding", "false"));
            }
        }

        /** Per batch: ids, attention mask, type ids, each rows × width, padded like the embedder pads. */
        List<long[][]> batches(List<String> texts, int size) {
            Encoding[] enc = texts.stream().map(tokenizer::encode).toArray(Encoding[]::new);
            Integer[] order = new Integer[enc.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, Comparator.comparingInt(i -> enc[i].getIds().length));
            List<long[][]> out = new ArrayList<>();
            for (int from = 0; from < order.length; from += size) {
                int to = Math.min(order.length, from + size);
                int width = 0;
                for (int k = from; k < to; k++) width = Math.max(width, enc[order[k]].getIds().length);
                int rows = to - from;
                long[] ids = new long[rows * width];
                long[] mask = new long[rows * width];
                long[] types = new long[rows * width];
                for (int k = from; k < to; k++) {
                    Encoding e = enc[order[k]];
                    System.arraycopy(e.getIds(), 0, ids, (k - from) * width, e.getIds().length);
                    System.arraycopy(e.getAttentionMask(), 0, mask, (k - from) * width, e.getIds().length);
                    System.arraycopy(e.getTypeIds(), 0, types, (k - from) * width, e.getIds().length);
                }
                out.add(new long[][] {ids, mask, types, {rows, width}});
            }
            return out;
        }

        void run(List<long[][]> batches) throws Exception {
            if (callers <= 1) {
                runPart(batches, 0, 1);
                return;
            }
            var pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
            List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                final int part = c;
                parts.add(pool.submit(() -> {
                    runPart(batches, part, callers);
                    return null;
                }));
            }
            for (var f : parts) f.get();
            pool.shutdown();
        }

        void runPart(List<long[][]> batches, int part, int parts) throws Exception {
            for (int i = part; i < batches.size(); i += parts) {
                long[][] b = batches.get(i);
                long[] shape = b[3];
                try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(b[0]), shape);
                     OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(b[1]), shape);
                     OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(b[2]), shape);
                     OrtSession.Result r = session.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
                    if (r.size() == 0) throw new IllegalStateException("no output");
                }
            }
        }
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

}
