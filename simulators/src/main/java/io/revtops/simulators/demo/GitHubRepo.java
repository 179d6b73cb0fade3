package io.revtops.simulators.demo;

import java.time.Instant;

/** A repository of the demo company's GitHub organization ({@code acme-demo}). */
public record GitHubRepo(
        String id,
        String name,
        String fullName,
        String description,
        String language,
        boolean privateRepo,
        String defaultBranch,
        Instant createdAt,
        Instant pushedAt) {
}
