package io.revtops.connectors;

/**
 * One source system. A connector declares what it is and can do in its {@link ConnectorMeta} and implements
 * exactly the capability interfaces it declares: {@link SyncSource}, {@link Queryable}, {@link Writable},
 * {@link Actionable}, {@link WebhookListener}. The registry refuses a connector whose declaration and
 * implementation disagree. Connectors are stateless: everything per call comes in the {@link ConnectorContext}.
 */
public interface Connector {
    ConnectorMeta meta();
}
