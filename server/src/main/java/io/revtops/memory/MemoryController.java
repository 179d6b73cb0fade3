package io.revtops.memory;

import io.revtops.memory.Memory.Scope;
import io.revtops.tenancy.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Memories REST: list what you may see, save your own, change or delete only what you saved. */
@RestController
@RequestMapping("/api/memories")
@Tag(name = "memories")
public class MemoryController {
    private final Memories memories;

    public MemoryController(Memories memories) {
        this.memories = memories;
    }

    /** Body for saving a memory. */
    public record SaveMemory(@NotNull Scope scope, @NotBlank @Size(max = 4000) String content,
                             @Size(max = 100) String roleName, @Size(max = 64) String channelId) {}

    /** Body for changing a memory's text. */
    public record EditMemory(@NotBlank @Size(max = 4000) String content) {}

    @GetMapping
    @Operation(summary = "Memories visible to the caller: their own, role and channel memories of the organization")
    public List<Memory> list(RequestContext ctx) {
        return memories.visible(ctx.tenant());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Save a memory (global commands: at most 1 000 characters)")
    public Memory save(RequestContext ctx, @Valid @RequestBody SaveMemory body) {
        return memories.save(ctx.tenant(), new Memories.NewMemory(body.scope(), body.content(),
                Optional.ofNullable(body.roleName()), Optional.ofNullable(body.channelId())), "user");
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a memory's text (creator only)")
    public Memory edit(RequestContext ctx, @PathVariable UUID id, @Valid @RequestBody EditMemory body) {
        return memories.update(ctx.tenant(), id, body.content(), "user");
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a memory (creator only)")
    public void delete(RequestContext ctx, @PathVariable UUID id) {
        memories.delete(ctx.tenant(), id, "user");
    }
}
