package io.revtops.simulators.demo;

import java.time.Instant;

/** A customer or prospect company; its domain is unique and ends in {@code .example}. */
public record Account(
        String id,
        String name,
        String domain,
        Industry industry,
        int employeeCount,
        long annualRevenue,
        String ownerId,
        String city,
        String country,
        String phone,
        String lifecycleStage,
        int foundedYear,
        Instant createdAt,
        Instant updatedAt) {
}
