package io.revtops.connectors;

import java.util.List;

/** A connector that receives its system's webhooks: verified with the integration's secret, turned into events. */
public interface WebhookListener extends Connector {

    /** True only when the signature (and its timestamp, where the vendor sends one) is valid for {@code secret}. */
    boolean verifyWebhook(WebhookRequest request, String secret);

    /** The events a verified webhook means, e.g. {@code linear.issue.done}. */
    List<ConnectorEvent> parseWebhook(WebhookRequest request);
}
