package io.revtops.simulators.demo;

import java.time.Instant;
import java.util.Optional;

/** A note an employee logged on an account (and maybe a contact and deal). */
public record Note(
        String id,
        String ownerId,
        String accountId,
        Optional<String> contactId,
        Optional<String> dealId,
        Instant at,
        String body) {
}
