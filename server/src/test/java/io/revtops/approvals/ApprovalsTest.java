package io.revtops.approvals;

import io.revtops.testing.RevtopsTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** The whole server plus the test messaging connectors (one shared context for every approvals test). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RevtopsTest
@Import(MessagingConnectors.class)
// tests run the sweeper themselves; the background one would race them
@TestPropertySource(properties = "revtops.approvals.sweep-every=1h")
@interface ApprovalsTest {}
