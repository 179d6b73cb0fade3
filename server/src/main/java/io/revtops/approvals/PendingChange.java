package io.revtops.approvals;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One external write or action waiting for (or past) a human decision, as the Pending Changes panel shows it:
 * change number {@code number} of its change session, what it will do ({@code preview}, {@code params}), for updates
 * the {@code diff} against the local record, warnings (possible duplicates), its status and, once run, its result or
 * the vendor's error.
 */
public record PendingChange(
        UUID id,
        UUID sessionId,
        int number,
        Optional<UUID> conversationId,
        Optional<UUID> workflowRunId,
        Optional<UUID> requestedBy,
        String actor,
        String tool,
        String toolKey,
        String connector,
        String operation,
        Map<String, Object> params,
        String preview,
        List<FieldChange> diff,
        List<String> warnings,
        Status status,
        boolean autoApproved,
        Optional<Map<String, Object>> result,
        Optional<String> error,
        int attempts,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> approvedAt,
        Optional<Instant> resolvedAt,
        Optional<UUID> resolvedBy,
        Optional<String> targetTable,
        Optional<UUID> targetRecordId) {

    /** One field of an update: its vendor name, our column when we keep it, the local value now and the proposed one. */
    public record FieldChange(String field, Optional<String> column, Object before, Object after) {}

    /**
     * The life of an operation: {@code pending → approved → executing → completed | failed}, or {@code rejected},
     * {@code expired}. Only {@code pending} ones can be edited, approved or rejected.
     */
    public enum Status {
        @JsonProperty("pending") PENDING,
        @JsonProperty("approved") APPROVED,
        @JsonProperty("executing") EXECUTING,
        @JsonProperty("completed") COMPLETED,
        @JsonProperty("failed") FAILED,
        @JsonProperty("rejected") REJECTED,
        @JsonProperty("expired") EXPIRED;

        public String db() {
            return name().toLowerCase();
        }

        public static Status fromDb(String value) {
            return valueOf(value.toUpperCase());
        }

        /** Whether nothing more will happen to the operation. */
        public boolean finished() {
            return this == COMPLETED || this == FAILED || this == REJECTED || this == EXPIRED;
        }
    }

    /** The chunk/event payload the chat shows inline ({@code pending_change}). */
    public Map<String, Object> summary() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("session_id", sessionId.toString());
        m.put("number", number);
        m.put("status", status.db());
        m.put("tool", tool);
        m.put("tool_key", toolKey);
        m.put("connector", connector);
        m.put("operation", operation);
        m.put("preview", preview);
        m.put("warnings", warnings);
        m.put("auto_approved", autoApproved);
        error.ifPresent(e -> m.put("error", e));
        return m;
    }
}
