package io.revtops.sync;

import java.util.Optional;
import java.util.UUID;

/**
 * Where a batch of synced records goes and under which rules: the organization, the integration that wrote them,
 * the source system (the connector's slug), and for personal integrations (mailbox, calendar) the owner whose
 * activities and meetings stay owner-only unless the integration shares its synced data.
 */
public record SyncTarget(UUID orgId, UUID integrationId, String sourceSystem, Optional<UUID> personalOwner,
                         boolean shareSyncedData) {

    public SyncTarget {
        personalOwner = personalOwner == null ? Optional.empty() : personalOwner;
    }

    /** Activities and meetings are owner-only when they come from a personal integration that does not share them. */
    public String visibility() {
        return personalOwner.isPresent() && !shareSyncedData ? "owner_only" : "team";
    }

    /**
     * Rows of an organization-wide integration are identified by organization and source system (one live
     * connection per provider); a personal integration's rows additionally by its id (two mailboxes of one provider).
     */
    public boolean scopedToIntegration() {
        return personalOwner.isPresent();
    }
}
