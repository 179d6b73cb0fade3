package io.revtops.search;

import java.util.List;

/** A page of results; {@code total} counts the documents found (keyword matches and nearest chunks, capped). */
public record SearchResults(List<SearchHit> results, int total) {}
