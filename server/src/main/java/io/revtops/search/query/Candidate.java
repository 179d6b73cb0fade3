package io.revtops.search.query;

import java.time.Instant;
import java.util.Optional;

/** A document one candidate list found, in rank order; {@code chunkText} is the best chunk for vector hits. */
public record Candidate(DocKey key, double value, Optional<Instant> date, Optional<String> chunkText) {}
