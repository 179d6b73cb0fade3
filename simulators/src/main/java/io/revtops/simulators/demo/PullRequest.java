package io.revtops.simulators.demo;

import java.time.Instant;
import java.util.Optional;

/** A pull request; state is {@code open} or {@code closed}, merged ones have {@code mergedAt}. */
public record PullRequest(
        String id,
        String repoId,
        int number,
        String title,
        String body,
        String state,
        String authorId,
        String headBranch,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> closedAt,
        Optional<Instant> mergedAt) {
}
