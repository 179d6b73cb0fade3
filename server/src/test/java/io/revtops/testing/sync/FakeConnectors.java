package io.revtops.testing.sync;

import static io.revtops.connectors.StreamSpec.Deletions.DELTA;
import static io.revtops.connectors.StreamSpec.Deletions.SWEEP;

import io.revtops.connectors.ConnectorMeta.Scope;
import io.revtops.connectors.StreamSpec;
import io.revtops.connectors.SyncedTable;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The connectors of the sync engine's tests: {@code testcrm} (organization-wide, parents before children),
 * {@code testcrm_reversed} (children before parents) and {@code testmail} (personal, activities only), all backed by
 * one {@link FakeVendor}, plus a recorder of sync events.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeConnectors {
    public static final List<StreamSpec> CRM_STREAMS = List.of(
            new StreamSpec("pipelines", SyncedTable.PIPELINES, SWEEP),
            new StreamSpec("pipeline_stages", SyncedTable.PIPELINE_STAGES, SWEEP),
            new StreamSpec("accounts", SyncedTable.ACCOUNTS, DELTA),
            new StreamSpec("contacts", SyncedTable.CONTACTS, DELTA),
            new StreamSpec("deals", SyncedTable.DEALS, DELTA),
            new StreamSpec("activities", SyncedTable.ACTIVITIES, DELTA));

    @Bean
    FakeVendor fakeVendor() {
        return new FakeVendor();
    }

    @Bean
    FakeSyncConnector testCrm(FakeVendor vendor) {
        return new FakeSyncConnector("testcrm", "TestCRM", Scope.ORGANIZATION, CRM_STREAMS, vendor);
    }

    @Bean
    FakeSyncConnector testCrmReversed(FakeVendor vendor) {
        return new FakeSyncConnector("testcrm_reversed", "TestCRM Reversed", Scope.ORGANIZATION, List.of(
                new StreamSpec("activities", SyncedTable.ACTIVITIES, DELTA),
                new StreamSpec("deals", SyncedTable.DEALS, DELTA),
                new StreamSpec("contacts", SyncedTable.CONTACTS, DELTA),
                new StreamSpec("accounts", SyncedTable.ACCOUNTS, DELTA),
                new StreamSpec("pipeline_stages", SyncedTable.PIPELINE_STAGES, SWEEP),
                new StreamSpec("pipelines", SyncedTable.PIPELINES, SWEEP)), vendor);
    }

    @Bean
    FakeSyncConnector testMail(FakeVendor vendor) {
        return new FakeSyncConnector("testmail", "TestMail", Scope.USER,
                List.of(new StreamSpec("messages", SyncedTable.ACTIVITIES, DELTA)), vendor);
    }

    @Bean
    SyncEvents syncEvents() {
        return new SyncEvents();
    }
}
