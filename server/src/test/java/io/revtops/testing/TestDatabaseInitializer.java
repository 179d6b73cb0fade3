package io.revtops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points a Spring test context at the test database and a throwaway data directory. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            TestPropertyValues.of(
                    "revtops.database-url=" + TestDatabase.get().databaseUrl(),
                    "revtops.data-dir=" + Files.createTempDirectory("revtops-test-data"),
                    "revtops.roles=api,worker",
                    // syncs start only when a test asks: no periodic or on-connect syncs behind a test's back
                    "revtops.sync.scheduled=false")
                    .applyTo(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
