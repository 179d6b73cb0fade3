package io.revtops.agent;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a task stands; everything but {@code RUNNING} is final. */
public enum TaskStatus {
    RUNNING, COMPLETED, FAILED, CANCELLED;

    @JsonValue
    public String dbValue() {
        return name().toLowerCase();
    }

    public boolean finished() {
        return this != RUNNING;
    }

    public static TaskStatus fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
