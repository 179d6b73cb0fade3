package io.revtops.connectors;

import java.util.List;

/**
 * A connector that fills normalized tables. The engine calls {@link #fetch} stream by stream, in the order of
 * {@link #streams()}, with the checkpoint it saved after the previous page (in the same transaction as that page's
 * rows), so a crash resumes exactly where it stopped. Failures of single records are values in the page, not
 * exceptions; an exception fails the whole stream.
 */
public interface SyncSource extends Connector {

    /** The streams to sync, parents before children (pipelines before deals, accounts before contacts). */
    List<StreamSpec> streams();

    /**
     * One page of a stream, starting after {@code checkpoint} ({@link Checkpoint#START} on a first sync).
     * Return {@code hasMore=false} on the last page, with the checkpoint the next incremental sync starts from.
     */
    Page fetch(ConnectorContext ctx, StreamSpec stream, Checkpoint checkpoint);
}
