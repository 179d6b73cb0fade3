package io.revtops.simulators.demo;

import java.time.Instant;

/** A file in the shared drive with a short text body (what an export would return). */
public record DriveFile(
        String id,
        String name,
        String mimeType,
        String folderPath,
        String ownerId,
        Instant createdTime,
        Instant modifiedTime,
        long sizeBytes,
        String content) {
}
