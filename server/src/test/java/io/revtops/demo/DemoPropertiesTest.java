package io.revtops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's settings: the budgets towards the in-process simulators have defaults, each one can be changed. */
class DemoPropertiesTest {

    @Test
    void slackAndGmailGetRaisedBudgetsTowardsTheSimulatorsByDefault() {
        DemoProperties p = new DemoProperties(null, 0, 0, 0, null);
        assertThat(p.rateLimits()).isEqualTo(DemoProperties.SIMULATOR_RATE_LIMITS);
        assertThat(p.rateLimits()).containsKeys("slack", "gmail").doesNotContainKeys("hubspot", "salesforce", "apollo");
    }

    @Test
    void aConfiguredBudgetReplacesOnlyItsOwnBucket() {
        DemoProperties p = new DemoProperties(null, 0, 0, 0, Map.of("slack", Map.of("default", "200/1s"), "hubspot", Map.of("search", "50/1s")));
        assertThat(p.rateLimits().get("slack")).containsEntry("default", "200/1s").containsEntry("post", "1000/1s");
        assertThat(p.rateLimits().get("gmail")).isEqualTo(DemoProperties.SIMULATOR_RATE_LIMITS.get("gmail"));
        assertThat(p.rateLimits().get("hubspot")).containsExactlyEntriesOf(Map.of("search", "50/1s"));
    }

    @Test
    void aMalformedBudgetIsRefusedWithTheValueNamed() {
        assertThatThrownBy(() -> new DemoProperties(null, 0, 0, 0, Map.of("gmail", Map.of("default", "lots"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lots");
    }
}
