package io.revtops.search.indexing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Splits a document into overlapping chunks of about {@code chunkTokens} tokens, each starting with the document's
 * metadata prefix, and hashes each chunk's text so an unchanged chunk is never embedded twice.
 *
 * <p>Tokens are estimated per word (WordPiece on English business text: one token per common word, one per
 * punctuation mark, more for long words) rather than counted with the model's tokenizer: the estimate is cheap,
 * independent of the provider, and errs long, so chunks stay under MiniLM's 256-token window; the overlap covers
 * what a rare overlong chunk loses at its end.
 */
public final class Chunker {
    /** A chunk: its position in the document, its full text (prefix included) and the hash of that text. */
    public record Chunk(int index, String text, String hash) {}

    private final int chunkTokens;
    private final int overlapTokens;

    public Chunker(int chunkTokens, int overlapTokens) {
        if (chunkTokens < 16) throw new IllegalArgumentException("chunks must hold at least 16 tokens");
        this.chunkTokens = chunkTokens;
        this.overlapTokens = Math.max(0, Math.min(overlapTokens, chunkTokens / 2));
    }

    /**
     * The chunks of a document; a document without body text is one chunk: its prefix. A form feed in the body
     * separates sections (a meeting's summary and its transcript): no chunk spans two sections.
     */
    public List<Chunk> chunks(SearchDocument doc) {
        String prefix = doc.prefix();
        String[] prefixWords = prefix.isBlank() ? new String[0] : prefix.split("\\s+");
        int budget = Math.max(16, chunkTokens - estimate(prefixWords, 0, prefixWords.length));
        List<Chunk> out = new ArrayList<>();
        String body = doc.body() == null ? "" : doc.body();
        for (String section : body.split("\f")) {
            String[] words = section.strip().isEmpty() ? new String[0] : section.strip().split("\\s+");
            chunkSection(prefix, words, budget, out);
        }
        if (out.isEmpty()) out.add(chunk(0, prefix));
        return out;
    }

    private void chunkSection(String prefix, String[] words, int budget, List<Chunk> out) {
        if (words.length == 0) return;
        int[] cost = new int[words.length];
        for (int i = 0; i < words.length; i++) cost[i] = tokens(words[i]);
        int start = 0;
        while (start < words.length) {
            int end = start;
            int used = 0;
            while (end < words.length && (end == start || used + cost[end] <= budget)) used += cost[end++];
            out.add(chunk(out.size(), prefix + "\n" + String.join(" ", java.util.Arrays.copyOfRange(words, start, end))));
            if (end >= words.length) break;
            // step back so the next chunk repeats about overlapTokens of this one
            int next = end;
            int overlap = 0;
            while (next - 1 > start && overlap + cost[next - 1] <= overlapTokens) overlap += cost[--next];
            start = next;
        }
    }

    private static Chunk chunk(int index, String text) {
        return new Chunk(index, text, hash(text));
    }

    /** Estimated tokens of one whitespace-free word. */
    static int tokens(String word) {
        int letters = 0;
        int marks = 0;
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLetterOrDigit(word.charAt(i))) letters++;
            else marks++;
        }
        return (letters > 0 ? 1 + Math.max(0, letters - 6) / 4 : 0) + marks;
    }

    private static int estimate(String[] words, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) n += tokens(words[i]);
        return n;
    }

    /** The hash stored with a chunk's vector: SHA-256 of its exact text. */
    public static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
