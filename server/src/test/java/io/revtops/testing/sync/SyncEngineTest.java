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
 * claim its sync jobs, and those contexts do not have the fake connectors.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SyncTestDatabaseInitializer.class)
@Import(FakeConnectors.class)
public @interface SyncEngineTest {}
