package io.revtops.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.revtops.platform.errors.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tool key format of docs/approvals.md, and the disclosure footer's rules. */
class ToolKeyTest {
    @Test
    void aUseIsCoveredByTheToolTheConnectorTheOperationAndItsAlias() {
        assertThat(ToolKey.of("run_action", "slack", "send_message").coveredBy()).containsExactly(
                "run_action", "run_action:slack.*", "run_action:send_message", "run_action:slack.send_message", "run_action:send_slack");
        assertThat(ToolKey.of("write_to_system", "hubspot", "update_deal").canonical()).isEqualTo("write_to_system:hubspot.update_deal");
        assertThat(ToolKey.of("trigger_sync", "hubspot", null).coveredBy()).containsExactly("trigger_sync", "trigger_sync:hubspot");
    }

    @Test
    void settingKeysAreValidated() {
        for (String ok : new String[] {"run_action", "run_action:send_slack", "write_to_system:hubspot.*", "write_to_system:hubspot.update_deal",
                "trigger_sync:salesforce"}) {
            assertThat(ToolKey.validSetting(ok)).isEqualTo(ok);
        }
        for (String bad : new String[] {"", "drop_tables", "run_action:", "run_action:Slack.send", "run_action:a.b.c", "run_sql_query"}) {
            assertThatThrownBy(() -> ToolKey.validSetting(bad)).as(bad).isInstanceOf(ApiException.InvalidInput.class);
        }
    }

    @Test
    void theFooterIsAddedOnceToTheFirstTextField() {
        String footer = Disclosure.footer(null, "Ann");
        assertThat(footer).isEqualTo("— Sent by Penny, the Revtops assistant, on behalf of Ann");
        Map<String, Object> once = Disclosure.apply(Map.of("to", "x@y.test", "body", "Hello"), footer);
        assertThat(once.get("body")).isEqualTo("Hello\n\n" + footer);
        assertThat(Disclosure.apply(once, footer)).isEqualTo(once);
        assertThat(Disclosure.apply(Map.of("channel", "#a"), footer)).isEqualTo(Map.of("channel", "#a"));
        assertThat(Disclosure.outbound("send_email")).isTrue();
        assertThat(Disclosure.outbound("create_issue")).isTrue();
        assertThat(Disclosure.outbound("update_deal")).isFalse();
    }
}
