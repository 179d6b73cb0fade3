package io.revtops.search;

import io.revtops.platform.errors.ApiException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One search: the text and its filters, validated on construction (an {@link ApiException.InvalidInput} names the
 * bad field). Empty {@code types} means every type.
 *
 * @param mode    hybrid (the default), keyword only or vector only (the last two exist for evaluation)
 * @param recency whether newer documents get a small boost (see docs/search.md)
 */
public record SearchQuery(String text, Set<String> types, Optional<Instant> from, Optional<Instant> to,
                          Optional<UUID> accountId, Optional<UUID> dealId, Optional<UUID> ownerId, Optional<String> source,
                          int limit, int offset, Mode mode, boolean recency) {
    public static final int MAX_TEXT = 2_000;
    public static final int MAX_LIMIT = 50;
    public static final int MAX_OFFSET = 500;
    /** Document types, as results name them. */
    public static final List<String> TYPES = List.of("email", "call", "note", "slack_message", "meeting", "task",
            "transcript", "issue", "pull_request", "file", "artifact");

    /** Which candidate lists are used. */
    public enum Mode { HYBRID, KEYWORD, VECTOR }

    public SearchQuery {
        text = text == null ? "" : text.strip();
        if (text.isEmpty()) throw new ApiException.InvalidInput("empty_query", "Give a search text (parameter 'q')");
        if (text.length() > MAX_TEXT) {
            throw new ApiException.InvalidInput("query_too_long", "The search text may have at most " + MAX_TEXT + " characters");
        }
        if (text.indexOf('\u0000') >= 0) throw new ApiException.InvalidInput("invalid_query", "The search text has a NUL character");
        types = types == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(types));
        for (String t : types) {
            if (!TYPES.contains(t)) {
                throw new ApiException.InvalidInput("invalid_type", "Unknown type '" + abbreviate(t) + "'; use one of " + String.join(", ", TYPES));
            }
        }
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new ApiException.InvalidInput("invalid_date_range", "'from' must not be after 'to'");
        }
        accountId = accountId == null ? Optional.empty() : accountId;
        dealId = dealId == null ? Optional.empty() : dealId;
        ownerId = ownerId == null ? Optional.empty() : ownerId;
        source = source == null ? Optional.empty() : source.map(String::strip).filter(s -> !s.isEmpty());
        if (source.isPresent() && !source.get().matches("[a-z0-9_]{1,40}")) {
            throw new ApiException.InvalidInput("invalid_source", "'source' is a connector slug such as hubspot or gmail");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException.InvalidInput("invalid_limit", "'limit' must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new ApiException.InvalidInput("invalid_offset", "'offset' must be between 0 and " + MAX_OFFSET);
        }
        mode = mode == null ? Mode.HYBRID : mode;
    }

    /** A hybrid search for {@code text} without filters: the first 10 results. */
    public static SearchQuery of(String text) {
        return builder(text).build();
    }

    public static Builder builder(String text) {
        return new Builder(text);
    }

    public boolean filtered() {
        return !types.isEmpty() || from.isPresent() || to.isPresent() || accountId.isPresent() || dealId.isPresent()
                || ownerId.isPresent() || source.isPresent();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** Builds a query; {@link #build()} validates. */
    public static final class Builder {
        private final String text;
        private Set<String> types = Set.of();
        private Instant from;
        private Instant to;
        private UUID accountId;
        private UUID dealId;
        private UUID ownerId;
        private String source;
        private int limit = 10;
        private int offset;
        private Mode mode = Mode.HYBRID;
        private boolean recency;

        private Builder(String text) {
            this.text = text;
        }

        public Builder types(Set<String> types) { this.types = types; return this; }
        public Builder from(Instant from) { this.from = from; return this; }
        public Builder to(Instant to) { this.to = to; return this; }
        public Builder accountId(UUID id) { this.accountId = id; return this; }
        public Builder dealId(UUID id) { this.dealId = id; return this; }
        public Builder ownerId(UUID id) { this.ownerId = id; return this; }
        public Builder source(String source) { this.source = source; return this; }
        public Builder limit(int limit) { this.limit = limit; return this; }
        public Builder offset(int offset) { this.offset = offset; return this; }
        public Builder mode(Mode mode) { this.mode = mode; return this; }
        public Builder recency(boolean recency) { this.recency = recency; return this; }

        public SearchQuery build() {
            return new SearchQuery(text, types, Optional.ofNullable(from), Optional.ofNullable(to), Optional.ofNullable(accountId),
                    Optional.ofNullable(dealId), Optional.ofNullable(ownerId), Optional.ofNullable(source), limit, offset, mode,
                    recency);
        }
    }
}
