package io.revtops.agent;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Who sees a conversation: its owner and participants ({@code private}) or the whole organization ({@code shared}). */
public enum ConversationScope {
    PRIVATE, SHARED;

    @JsonValue
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationScope fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The scope for a client-supplied name, if it is one. */
    public static Optional<ConversationScope> parse(String value) {
        if (value == null) return Optional.empty();
        for (ConversationScope s : values()) {
            if (s.dbValue().equals(value.trim().toLowerCase(Locale.ROOT))) return Optional.of(s);
        }
        return Optional.empty();
    }
}
