package io.revtops.simulators.common;

/** Whether a simulator accepted a request's credential. */
public sealed interface AuthResult {

    /** Accepted; {@code credential} is what rate limits are counted against. */
    record Accepted(String credential) implements AuthResult {
    }

    /** Refused with the vendor's own error answer. */
    record Refused(SimResponse response) implements AuthResult {
    }
}
