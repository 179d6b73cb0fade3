package io.revtops.connectors;

/**
 * One stream of a sync source: its name (the checkpoint key), the table it fills, and how deletions upstream are
 * found: {@code DELTA} — the connector reports them (archived/deleted listings, delta APIs) in its pages;
 * {@code SWEEP} — the stream lists everything each run and the engine removes rows it did not see.
 */
public record StreamSpec(String name, SyncedTable table, Deletions deletions) {
    /** How a stream finds records deleted upstream. */
    public enum Deletions { DELTA, SWEEP }
}
