package io.revtops.sync;

import java.io.Serializable;
import java.util.UUID;

/** The data of a {@code sync-integration} job (its instance id is the integration id): whose, and what asked for it. */
public record SyncTaskData(UUID orgId, String trigger) implements Serializable {}
