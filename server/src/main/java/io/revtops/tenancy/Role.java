package io.revtops.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A member's role in an organization. */
public enum Role {
    @JsonProperty("admin") ADMIN,
    @JsonProperty("member") MEMBER;

    public String dbValue() {
        return name().toLowerCase();
    }

    public static Role fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
