package io.revtops.search.indexing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * One searchable row as the indexer embeds it: a kind label, a title and metadata that prefix every chunk
 * ("Email · Re: pricing · Acme Corp · 2026-01-10"), and the body that is chunked.
 */
public record SearchDocument(UUID orgId, String sourceTable, UUID id, String docType, Optional<String> title,
                             Optional<String> accountName, Optional<Instant> date, String body) {

    /** The metadata line every chunk of this document starts with. */
    public String prefix() {
        StringJoiner j = new StringJoiner(" · ");
        j.add(label(docType));
        title.filter(t -> !t.isBlank()).ifPresent(t -> j.add(oneLine(t, 200)));
        accountName.filter(a -> !a.isBlank()).ifPresent(j::add);
        date.ifPresent(d -> j.add(d.atZone(ZoneOffset.UTC).toLocalDate().toString()));
        return j.toString();
    }

    /** What people call a document of this type. */
    public static String label(String docType) {
        return switch (docType) {
            case "email" -> "Email";
            case "call" -> "Call";
            case "note" -> "Note";
            case "slack_message" -> "Slack message";
            case "meeting" -> "Meeting";
            case "task" -> "Task";
            case "transcript" -> "Transcript";
            case "issue" -> "Issue";
            case "pull_request" -> "Pull request";
            case "file" -> "File";
            case "artifact" -> "Artifact";
            default -> docType;
        };
    }

    private static String oneLine(String s, int max) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > max ? line.substring(0, max) + "…" : line;
    }
}
