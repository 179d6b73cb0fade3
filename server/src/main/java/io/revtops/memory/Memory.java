package io.revtops.memory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Something Penny remembers: for one user, for everyone with a role, a Slack channel's personality, or a global command. */
public record Memory(UUID id, UUID userId, Scope scope, Optional<String> roleName, Optional<String> channelId, String content,
                     Instant createdAt, Instant updatedAt) {

    /** Where a memory applies. */
    public enum Scope {
        @JsonProperty("user") USER,
        @JsonProperty("role") ROLE,
        @JsonProperty("global_command") GLOBAL_COMMAND,
        @JsonProperty("channel") CHANNEL;

        public String db() {
            return name().toLowerCase();
        }

        public static Scope fromDb(String s) {
            return valueOf(s.toUpperCase());
        }
    }

    /** Longest global command: it is sent with every private chat, so it must stay short. */
    public static final int GLOBAL_COMMAND_LIMIT = 1000;
    /** Longest memory of any other kind. */
    public static final int MEMORY_LIMIT = 4000;
}
