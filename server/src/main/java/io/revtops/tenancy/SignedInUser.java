package io.revtops.tenancy;

import java.util.UUID;

/** A verified caller, not (yet) bound to an organization. */
public record SignedInUser(UUID id, Identity identity) {}
