package io.revtops.simulators.demo;

import java.time.LocalDate;

/** A Linear project owned by one team. */
public record LinearProject(String id, String name, String teamId, String state, String leadId, LocalDate targetDate) {
}
