package io.revtops.simulators.common;

/** What the token registry knows about a presented credential. */
public enum TokenStatus { VALID, EXPIRED, REVOKED, UNKNOWN }
