package io.revtops.messaging.slack;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Slack interactivity, read once from {@code revtops.slack.*}: the Slack app's signing secret
 * ({@code SLACK_SIGNING_SECRET}; without it every interaction is refused), how old a signed request may be
 * (5 minutes, as Slack recommends), and whether approval requests are sent as Slack DMs with buttons
 * ({@code REVTOPS_SLACK_APPROVAL_BUTTONS}, default on; an organization turns them off with the setting
 * {@code slack_approval_buttons: false}).
 */
@ConfigurationProperties(prefix = "revtops.slack")
public record SlackProperties(String signingSecret, Duration maxRequestAge, Boolean approvalButtons) {
    public SlackProperties {
        if (signingSecret == null) signingSecret = "";
        if (maxRequestAge == null || maxRequestAge.isNegative() || maxRequestAge.isZero()) maxRequestAge = Duration.ofMinutes(5);
        if (approvalButtons == null) approvalButtons = true;
    }
}
