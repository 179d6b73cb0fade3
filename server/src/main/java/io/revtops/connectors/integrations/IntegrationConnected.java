package io.revtops.connectors.integrations;

import java.util.UUID;

/** Published after an integration was connected or reconnected (the sync engine starts a first sync). */
public record IntegrationConnected(UUID orgId, UUID integrationId, String provider) {}
