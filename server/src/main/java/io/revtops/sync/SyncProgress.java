package io.revtops.sync;

import java.util.UUID;

/**
 * Published after each page and when a stream or run ends: {@code entity} is the stream (e.g. {@code deals}),
 * {@code count} the records seen in it so far, {@code status} one of running, completed, failed, cancelled.
 * The socket layer forwards it to the organization as {@code sync_progress}.
 */
public record SyncProgress(UUID orgId, UUID integrationId, String provider, String entity, long count, String status) {}
