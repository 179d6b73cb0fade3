package io.revtops.simulators.common;

/** A fault still to be applied to the next {@code remaining} requests whose path starts with {@code pathPrefix}. */
public record PendingFault(Fault fault, int remaining, String pathPrefix) {
}
