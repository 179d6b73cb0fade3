package io.revtops.sync;

/** Counts of one table in one sync run. */
public record TableCounts(long inserted, long updated, long unchanged, long deleted, long failed, long warnings) {
    public static final TableCounts ZERO = new TableCounts(0, 0, 0, 0, 0, 0);

    public TableCounts plus(BatchResult r) {
        return new TableCounts(inserted + r.inserted(), updated + r.updated(), unchanged + r.unchanged(), deleted,
                failed + r.failed(), warnings + r.warnings());
    }

    public TableCounts plusDeleted(long n) {
        return new TableCounts(inserted, updated, unchanged, deleted + n, failed, warnings);
    }

    public TableCounts plusFailed(long n) {
        return new TableCounts(inserted, updated, unchanged, deleted, failed + n, warnings);
    }

    public static TableCounts sum(TableCounts a, TableCounts b) {
        return new TableCounts(a.inserted + b.inserted, a.updated + b.updated, a.unchanged + b.unchanged,
                a.deleted + b.deleted, a.failed + b.failed, a.warnings + b.warnings);
    }

    /** Records the run saw for this table (written, unchanged or failed). */
    public long seen() {
        return inserted + updated + unchanged + failed;
    }
}
