package io.revtops.approvals;

import io.revtops.testing.RevtopsTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/** The whole server (one shared context for every approvals test). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RevtopsTest
// tests run the sweeper themselves; the background one would race them; Slack buttons are verified with this secret
@TestPropertySource(properties = {"revtops.approvals.sweep-every=1h", "revtops.slack.signing-secret=" + ApprovalsTest.SLACK_SIGNING_SECRET})
@interface ApprovalsTest {
    /** The Slack app's signing secret in these tests. */
    String SLACK_SIGNING_SECRET = "approvals-test-slack-signing-secret";
}
