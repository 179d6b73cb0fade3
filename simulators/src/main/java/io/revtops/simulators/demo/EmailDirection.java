package io.revtops.simulators.demo;

/** Who sent an email relative to the demo company. */
public enum EmailDirection { OUTBOUND, INBOUND, INTERNAL }
