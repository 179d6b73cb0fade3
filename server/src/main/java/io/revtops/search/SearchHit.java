package io.revtops.search;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One search result, a citation: which record (table and id), its type, date and title, a snippet in which the
 * matched words are wrapped in «guillemets» (the page escapes the text, then turns the marks into highlights), the
 * app route of the record and, when the source has one, its URL there.
 */
public record SearchHit(UUID id, String type, String sourceTable, Optional<Instant> date, String title, String snippet,
                        double score, String link, Optional<String> sourceUrl, Optional<String> sourceSystem) {}
