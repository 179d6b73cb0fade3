package io.revtops.simulators.demo;

import java.time.Instant;
import java.util.Optional;

/** A logged phone call with a contact. */
public record Call(
        String id,
        String ownerId,
        String contactId,
        String accountId,
        Optional<String> dealId,
        Instant at,
        int durationSeconds,
        boolean outbound,
        String title,
        String notes,
        String outcome) {
}
