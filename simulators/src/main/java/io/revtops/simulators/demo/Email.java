package io.revtops.simulators.demo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One email message of a thread. External messages carry the ground-truth links a resolver should find
 * (first external participant's contact, its account, the account's most recent open deal).
 * {@code loggedInCrm} marks the messages the CRM simulators also serve as email engagements.
 */
public record Email(
        String id,
        String threadId,
        String from,
        List<String> to,
        List<String> cc,
        String subject,
        String body,
        Instant sentAt,
        EmailDirection direction,
        String mailboxOwnerId,
        Optional<String> contactId,
        Optional<String> accountId,
        Optional<String> dealId,
        boolean loggedInCrm) {
}
