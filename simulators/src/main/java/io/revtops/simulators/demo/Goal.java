package io.revtops.simulators.demo;

import java.time.LocalDate;

/** A quarterly quota of one employee: revenue in dollars or meetings booked. */
public record Goal(String id, String ownerId, String name, String metric, long target, LocalDate start, LocalDate end) {
}
