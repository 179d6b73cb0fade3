package io.revtops.simulators.demo;

import java.time.Instant;

/** A commit on a repository's default branch. */
public record Commit(String sha, String repoId, String authorId, String message, Instant committedAt) {
}
