package io.revtops.search;

import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Search REST for the web app: {@code GET /api/search?q=…} with the filters of {@link SearchQuery}. Every bad value is
 * a 400 with a code ({@code empty_query}, {@code query_too_long}, {@code invalid_type}, {@code invalid_limit}, …).
 */
@RestController
@RequestMapping("/api/search")
@Tag(name = "search")
public class SearchController {
    private final SearchService search;

    public SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping
    @Operation(summary = "Hybrid (keyword + meaning) search over activities, meetings, issues, pull requests, files and "
            + "artifacts the caller may see; snippets mark matched words with « »")
    public SearchResults search(RequestContext ctx,
                                @RequestParam(name = "q", required = false) String q,
                                @RequestParam(name = "types", required = false) String types,
                                @RequestParam(name = "from", required = false) String from,
                                @RequestParam(name = "to", required = false) String to,
                                @RequestParam(name = "account_id", required = false) String accountId,
                                @RequestParam(name = "deal_id", required = false) String dealId,
                                @RequestParam(name = "owner_id", required = false) String ownerId,
                                @RequestParam(name = "source", required = false) String source,
                                @RequestParam(name = "limit", required = false) String limit,
                                @RequestParam(name = "offset", required = false) String offset,
                                @RequestParam(name = "mode", required = false) String mode,
                                @RequestParam(name = "recency", required = false) String recency) {
        SearchQuery query = SearchQuery.builder(q)
                .types(types(types))
                .from(instant("from", from, false))
                .to(instant("to", to, true))
                .accountId(uuid("account_id", accountId))
                .dealId(uuid("deal_id", dealId))
                .ownerId(uuid("owner_id", ownerId))
                .source(source)
                .limit(integer("limit", limit, 10))
                .offset(integer("offset", offset, 0))
                .mode(mode(mode))
                .recency(bool("recency", recency))
                .build();
        return search.search(ctx.tenant(), query);
    }

    static Set<String> types(String csv) {
        if (csv == null || csv.isBlank()) return Set.of();
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        if (out.size() > SearchQuery.TYPES.size()) throw new ApiException.InvalidInput("invalid_type", "Too many types");
        return out;
    }

    /** An ISO date ({@code 2026-01-10}: the whole day) or instant ({@code 2026-01-10T09:00:00Z}). */
    static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        try {
            if (v.length() <= 10) {
                LocalDate d = LocalDate.parse(v);
                return (endOfDay ? d.plusDays(1).atStartOfDay().minusNanos(1) : d.atStartOfDay()).toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException.InvalidInput("invalid_date", "'" + name + "' must be a date (2026-01-10) or an ISO timestamp");
        }
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ApiException.InvalidInput("invalid_" + name, "'" + name + "' must be a UUID");
        }
    }

    static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) return fallback;
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException.InvalidInput("invalid_" + name, "'" + name + "' must be a whole number");
        }
    }

    static SearchQuery.Mode mode(String value) {
        if (value == null || value.isBlank()) return SearchQuery.Mode.HYBRID;
        try {
            return SearchQuery.Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException.InvalidInput("invalid_mode", "'mode' must be hybrid, keyword or vector");
        }
    }

    static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) return false;
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ApiException.InvalidInput("invalid_" + name, "'" + name + "' must be true or false");
        };
    }
}
