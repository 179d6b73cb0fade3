package io.revtops.simulators.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An opportunity with one account, its stage and the account's contacts involved. */
public record Deal(
        String id,
        String name,
        String accountId,
        List<String> contactIds,
        String ownerId,
        String stageId,
        long amount,
        LocalDate closeDate,
        String dealType,
        Instant createdAt,
        Instant updatedAt) {
}
