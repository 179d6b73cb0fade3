package io.revtops.testing.sync;

import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorMeta.AuthStyle;
import io.revtops.connectors.ConnectorMeta.AuthType;
import io.revtops.connectors.ConnectorMeta.Capability;
import io.revtops.connectors.ConnectorMeta.Scope;
import io.revtops.connectors.Page;
import io.revtops.connectors.StreamSpec;
import io.revtops.connectors.SyncSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A sync-only connector whose pages come from the {@link FakeVendor}; configurable slug, scope and stream order. */
public final class FakeSyncConnector implements SyncSource {
    private final ConnectorMeta meta;
    private final List<StreamSpec> streams;
    private final FakeVendor vendor;

    public FakeSyncConnector(String slug, String name, Scope scope, List<StreamSpec> streams, FakeVendor vendor) {
        this.meta = new ConnectorMeta(slug, name, AuthType.API_KEY, new AuthStyle.Header("X-Api-Key"), scope,
                streams.stream().map(s -> s.table().tableName()).distinct().toList(), Set.of(Capability.SYNC),
                List.of(), List.of(), List.of(), "Test data for the sync engine's tests.", "http://127.0.0.1:9", Optional.empty());
        this.streams = List.copyOf(streams);
        this.vendor = vendor;
    }

    @Override
    public ConnectorMeta meta() {
        return meta;
    }

    @Override
    public List<StreamSpec> streams() {
        return streams;
    }

    @Override
    public Page fetch(ConnectorContext ctx, StreamSpec stream, Checkpoint checkpoint) {
        return vendor.fetch(ctx.integrationId(), stream, checkpoint);
    }
}
