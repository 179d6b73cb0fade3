package io.revtops.simulators.demo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A Linear issue; priority follows Linear (0 none, 1 urgent … 4 low). */
public record LinearIssue(
        String id,
        String identifier,
        String teamId,
        Optional<String> projectId,
        String title,
        String description,
        String state,
        int priority,
        Optional<String> assigneeId,
        String creatorId,
        List<String> labels,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> completedAt) {
}
