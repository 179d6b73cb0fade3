package io.revtops.connectors.integrations;

import java.util.UUID;

/** Published after an integration was disconnected (the sync engine drops its queued sync; a running one stops). */
public record IntegrationDisconnected(UUID orgId, UUID integrationId, String provider) {}
