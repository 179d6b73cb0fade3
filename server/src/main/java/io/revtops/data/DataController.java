package io.revtops.data;

import io.revtops.data.DataRepository.ListQuery;
import io.revtops.data.DataRepository.Page;
import io.revtops.data.DataTable.ColumnType;
import io.revtops.platform.db.TenantTx;
import io.revtops.platform.errors.ApiException;
import io.revtops.tenancy.RequestContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/data}: the data browser's read-only REST — tables, filtered pages of rows, a record with its links. */
@RestController
@RequestMapping("/api/data")
@Tag(name = "data", description = "Read-only browsing of synced records under row-level security")
public class DataController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_OFFSET = 100_000;
    static final int MAX_Q = 200;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> CONTROL = Set.of("q", "from", "to", "sort", "order", "limit", "offset");

    private final TenantTx tx;
    private final DataRepository data;

    public DataController(TenantTx tx, DataRepository data) {
        this.tx = tx;
        this.data = data;
    }

    /** What the browser may ask of one table. */
    public record TableInfo(String name, String label, String dateColumn, Map<String, String> filters, List<String> sortable,
                            String defaultSort, String defaultOrder) {}

    /** One page of a table. */
    public record RowsPage(String table, List<Map<String, Object>> rows, long total, int limit, int offset) {}

    /** One record and the records linked to it, by table. */
    public record RecordDetail(String table, Map<String, Object> record, Map<String, List<Map<String, Object>>> linked) {}

    @GetMapping
    @Operation(summary = "The browsable tables with their filters and sortable columns")
    public List<TableInfo> tables(RequestContext ctx) {
        return DataTables.all().stream().map(t -> {
            Map<String, String> filters = new LinkedHashMap<>();
            t.filters().forEach((k, v) -> filters.put(k, v.name().toLowerCase()));
            return new TableInfo(t.name(), t.label(), t.dateColumn(), filters, t.sortable().stream().sorted().toList(),
                    t.defaultSort(), t.defaultDescending() ? "desc" : "asc");
        }).toList();
    }

    @GetMapping("/{table}")
    @Operation(summary = "Rows of a table: q (title contains), equality filters (see GET /api/data), from/to on the "
            + "table's date column (ISO date or instant; to is inclusive for a date), sort + order, limit 1-200, offset")
    public RowsPage list(RequestContext ctx, @PathVariable String table, @RequestParam Map<String, String> params) {
        DataTable t = table(table);
        Map<String, Object> filters = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (CONTROL.contains(p.getKey())) continue;
            ColumnType type = t.filters().get(p.getKey());
            if (type == null) {
                throw new ApiException.InvalidInput("unknown_filter", "'" + abbreviate(p.getKey()) + "' is not a filter of " + t.name()
                        + "; filters: " + String.join(", ", t.filters().keySet()));
            }
            filters.put(p.getKey(), parse(p.getKey(), p.getValue(), type));
        }
        Optional<String> q = Optional.ofNullable(params.get("q")).map(String::trim).filter(s -> !s.isEmpty());
        if (q.isPresent() && q.get().length() > MAX_Q) {
            throw new ApiException.InvalidInput("invalid_parameter", "Parameter 'q' must be at most " + MAX_Q + " characters");
        }
        String sort = Optional.ofNullable(params.get("sort")).filter(s -> !s.isBlank()).orElse(t.defaultSort());
        if (!t.sortable().contains(sort)) {
            throw new ApiException.InvalidInput("invalid_sort", "'" + abbreviate(sort) + "' is not a sortable column of " + t.name()
                    + "; sortable: " + String.join(", ", t.sortable().stream().sorted().toList()));
        }
        String order = Optional.ofNullable(params.get("order")).orElse(sort.equals(t.defaultSort()) && t.defaultDescending() ? "desc" : "asc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new ApiException.InvalidInput("invalid_parameter", "Parameter 'order' must be asc or desc");
        }
        int limit = integer(params.get("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = integer(params.get("offset"), "offset", 0, 0, MAX_OFFSET);
        Optional<Instant> from = Optional.ofNullable(params.get("from")).filter(s -> !s.isBlank()).map(s -> instant("from", s, false));
        Optional<Instant> to = Optional.ofNullable(params.get("to")).filter(s -> !s.isBlank()).map(s -> instant("to", s, true));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new ApiException.InvalidInput("invalid_parameter", "Parameter 'from' must be before 'to'");
        }
        ListQuery query = new ListQuery(q, filters, from, to, sort, order.equals("desc"), limit, offset);
        Page page = tx.readOnly(ctx.tenant(), TIMEOUT, j -> data.list(j, t, query));
        return new RowsPage(t.name(), page.rows(), page.total(), limit, offset);
    }

    @GetMapping("/{table}/{id}")
    @Operation(summary = "One record with its linked records (an account's contacts, deals and activities; a deal's "
            + "account, the account's contacts and the deal's activities; a contact's account and activities; …)")
    public RecordDetail get(RequestContext ctx, @PathVariable String table, @PathVariable String id) {
        DataTable t = table(table);
        UUID uuid = uuidOf("id", id);
        return tx.readOnly(ctx.tenant(), TIMEOUT, j -> {
            Map<String, Object> record = data.find(j, t, uuid)
                    .orElseThrow(() -> new ApiException.NotFound("The " + t.label().toLowerCase().replaceAll("s$", "") + " " + uuid));
            return new RecordDetail(t.name(), record, data.linked(j, t, record));
        });
    }

    private static DataTable table(String name) {
        return DataTables.byName(name).orElseThrow(() -> new ApiException.InvalidInput("unknown_table",
                "'" + abbreviate(name) + "' is not a browsable table; tables: "
                        + String.join(", ", DataTables.all().stream().map(DataTable::name).toList())));
    }

    private static Object parse(String name, String value, ColumnType type) {
        return switch (type) {
            case TEXT -> {
                if (value.length() > MAX_Q) {
                    throw new ApiException.InvalidInput("invalid_parameter", "Filter '" + name + "' must be at most " + MAX_Q + " characters");
                }
                yield value;
            }
            case UUID -> uuidOf(name, value);
            case BOOLEAN -> switch (value.toLowerCase()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ApiException.InvalidInput("invalid_parameter", "Filter '" + name + "' must be true or false");
            };
            case INTEGER -> {
                try {
                    yield Integer.parseInt(value.trim());
                } catch (NumberFormatException e) {
                    throw new ApiException.InvalidInput("invalid_parameter", "Filter '" + name + "' must be a whole number");
                }
            }
        };
    }

    private static UUID uuidOf(String name, String value) {
        try {
            if (value.length() == 36) return UUID.fromString(value);
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ApiException.InvalidInput("invalid_parameter", "'" + name + "' must be a UUID");
    }

    private static int integer(String raw, String name, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) return fallback;
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ApiException.InvalidInput("invalid_parameter", "Parameter '" + name + "' must be a whole number from " + min + " to " + max);
    }

    /** An ISO date (a whole day: 'to' includes it) or an ISO instant/offset date-time. */
    private static Instant instant(String name, String raw, boolean endOfRange) {
        String s = raw.trim();
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return (endOfRange ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException.InvalidInput("invalid_parameter",
                    "Parameter '" + name + "' must be a date (2026-01-31) or a date-time (2026-01-31T09:00:00Z)");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
