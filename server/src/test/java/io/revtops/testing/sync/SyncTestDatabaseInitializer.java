package io.revtops.testing.sync;

import io.revtops.testing.TestDatabase;
import io.revtops.testing.TestDatabaseInitializer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/** Like {@link TestDatabaseInitializer}, on a fresh database of the test server, with jobs polled every 100 ms. */
public class SyncTestDatabaseInitializer extends TestDatabaseInitializer {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        super.initialize(context);
        String database = TestDatabase.get().createDatabase("revtops_sync");
        TestPropertyValues.of(
                "revtops.database-url=" + TestDatabase.get().databaseUrl(database),
                "db-scheduler.polling-interval=100ms",
                "db-scheduler.threads=4",
                "revtops.sync.scheduled=false")
                .applyTo(context);
    }
}
