package io.revtops.simulators.demo;

/** A Linear team; issue identifiers start with its key. */
public record LinearTeam(String id, String key, String name) {
}
