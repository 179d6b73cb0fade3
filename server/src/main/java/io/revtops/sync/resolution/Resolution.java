package io.revtops.sync.resolution;

import java.util.Optional;
import java.util.UUID;

/** The CRM records an email or meeting is about: its contact, that contact's (or the domain's) account, the deal. */
public record Resolution(Optional<UUID> contactId, Optional<UUID> accountId, Optional<UUID> dealId) {
    public static final Resolution NONE = new Resolution(Optional.empty(), Optional.empty(), Optional.empty());

    public boolean isEmpty() {
        return contactId.isEmpty() && accountId.isEmpty() && dealId.isEmpty();
    }
}
