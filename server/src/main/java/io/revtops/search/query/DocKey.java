package io.revtops.search.query;

import java.util.UUID;

/** A searchable row: its table and id. */
public record DocKey(String sourceTable, UUID id) {}
