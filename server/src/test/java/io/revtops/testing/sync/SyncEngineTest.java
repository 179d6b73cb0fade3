package io.revtops.testing.sync;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole-server test with the fake connectors ({@link FakeConnectors}) on a database of its own (one shared context
 * for all such tests). Its own database because db-scheduler workers of other cached test contexts would otherwise
 * claim its sync jobs, and those contexts do not have the fake connectors. Every vendor page is written in its own
 * transaction here ({@code revtops.sync.batch-rows=1}), so tests can stop, fail and cancel a run at an exact page;
 * batches of several pages are tested by {@code SyncBatchingTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "revtops.sync.batch-rows=1")
@ContextConfiguration(initializers = SyncTestDatabaseInitializer.class)
@Import(FakeConnectors.class)
public @interface SyncEngineTest {}
