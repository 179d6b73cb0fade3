package io.revtops.approvals;

import io.revtops.approvals.PendingChange.Status;
import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The Pending Changes panel's routes: list, read, edit, approve, reject; commit or discard a whole session. */
@RestController
public class PendingChangeController {
    private final Approvals approvals;

    public PendingChangeController(Approvals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/api/pending-changes")
    @Operation(summary = "Pending changes you may see (yours, your conversations'; admins: the organization's), newest first")
    public List<PendingChange> list(RequestContext ctx, @RequestParam(name = "conversation_id", required = false) UUID conversationId,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false, defaultValue = "100") int limit) {
        return approvals.list(ctx, Optional.ofNullable(conversationId), Optional.ofNullable(status).map(PendingChangeController::status), limit);
    }

    @GetMapping("/api/pending-changes/{id}")
    @Operation(summary = "One pending change: preview, parameters, diff against the local record, warnings, status, result")
    public PendingChange get(RequestContext ctx, @PathVariable UUID id) {
        return approvals.get(ctx, id);
    }

    @PatchMapping("/api/pending-changes/{id}")
    @Operation(summary = "Edit a pending change's parameters: {params: {...}} as a JSON merge patch, validated against the operation's schema")
    public PendingChange edit(RequestContext ctx, @PathVariable UUID id, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) throw new ApiException.InvalidInput("invalid_input", "Send {\"params\": {…}}");
        for (String field : body.propertyNames()) {
            if (!field.equals("params")) throw new ApiException.InvalidInput("invalid_input", "Unknown field '" + field + "'");
        }
        if (!body.has("params")) throw new ApiException.InvalidInput("invalid_input", "Field 'params' is required");
        return approvals.edit(ctx, id, body.get("params"));
    }

    @PostMapping("/api/pending-changes/{id}/approve")
    @Operation(summary = "Approve and execute once (requester or admin); answers with the change as it ended: completed or failed")
    public PendingChange approve(RequestContext ctx, @PathVariable UUID id) {
        return approvals.approve(ctx, id);
    }

    @PostMapping("/api/pending-changes/{id}/reject")
    @Operation(summary = "Reject (requester or admin): it will never be sent")
    public PendingChange reject(RequestContext ctx, @PathVariable UUID id) {
        return approvals.reject(ctx, id);
    }

    @PostMapping("/api/change-sessions/{id}/commit")
    @Operation(summary = "Approve and execute every pending change of the session, in order, as one batch")
    public Approvals.SessionOutcome commit(RequestContext ctx, @PathVariable UUID id) {
        return approvals.commit(ctx, id);
    }

    @PostMapping("/api/change-sessions/{id}/discard")
    @Operation(summary = "Reject every pending change of the session and restore the local rows it changed")
    public Approvals.SessionOutcome discard(RequestContext ctx, @PathVariable UUID id) {
        return approvals.discard(ctx, id);
    }

    private static Status status(String value) {
        try {
            return Status.fromDb(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException.InvalidInput("invalid_parameter", "Parameter 'status' must be one of: pending, approved, "
                    + "executing, completed, failed, rejected, expired");
        }
    }
}
