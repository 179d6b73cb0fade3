package io.revtops.simulators.demo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A calendar meeting with its recording transcript; external ones have an account (and maybe a deal). */
public record Meeting(
        String id,
        String title,
        Instant start,
        Instant end,
        String organizerId,
        List<String> employeeIds,
        List<String> contactIds,
        Optional<String> accountId,
        Optional<String> dealId,
        String location,
        String summary,
        List<String> actionItems,
        String transcript) {

    public boolean external() {
        return accountId.isPresent();
    }
}
