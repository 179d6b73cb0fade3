package io.revtops.simulators.demo;

import java.time.Instant;
import java.util.Optional;

/** An internal user of the demo company (mail domain {@code acme-demo.test}). */
public record Employee(
        String id,
        String firstName,
        String lastName,
        String email,
        String title,
        String department,
        EmployeeRole role,
        Optional<String> managerId,
        String phone,
        String timeZone,
        Instant createdAt) {

    public String name() {
        return firstName + " " + lastName;
    }
}
