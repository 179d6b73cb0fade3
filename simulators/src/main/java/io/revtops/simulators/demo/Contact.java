package io.revtops.simulators.demo;

import java.time.Instant;

/** A person at an account; the email is unique and on the account's domain. */
public record Contact(
        String id,
        String accountId,
        String firstName,
        String lastName,
        String email,
        String title,
        String phone,
        String ownerId,
        Instant createdAt,
        Instant updatedAt) {

    public String name() {
        return firstName + " " + lastName;
    }
}
