package io.revtops.approvals.crm;

import io.revtops.approvals.CrmEntity;
import io.revtops.approvals.PendingChange.FieldChange;
import io.revtops.connectors.ConnectorMeta;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What people see before they approve: a one-line preview, for CRM updates the diff against the local copy of the
 * record, and warnings (a CRM create that looks like an existing record; an update of a record we have not synced).
 * Reads run in the caller's tenant transaction.
 */
@Component
public class ChangePreviews {
    private static final int MAX_VALUE = 80;
    private final JsonMapper json;

    public ChangePreviews(JsonMapper json) {
        this.json = json;
    }

    /** The description of one proposed operation. */
    public record Description(String preview, List<FieldChange> diff, List<String> warnings, Optional<String> targetTable,
                              Optional<UUID> targetRecordId) {}

    public Description describe(JdbcClient j, ConnectorMeta meta, String operation, Map<String, Object> params) {
        Optional<CrmEntity> entity = CrmEntity.byOperation(meta.slug(), operation);
        if (entity.isPresent()) {
            CrmEntity e = entity.get();
            return e.isUpdate(operation) ? update(j, meta, e, params) : create(j, meta, e, params);
        }
        return new Description(meta.name() + " " + words(operation) + ": " + summary(params), List.of(), List.of(),
                Optional.empty(), Optional.empty());
    }

    private Description update(JdbcClient j, ConnectorMeta meta, CrmEntity e, Map<String, Object> params) {
        String sourceId = String.valueOf(params.getOrDefault(e.idParam(), ""));
        Map<String, Object> props = properties(params, e);
        Optional<Map<String, Object>> local = localRecord(j, e, sourceId);
        List<FieldChange> diff = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (var p : props.entrySet()) {
            Optional<String> column = e.columnFor(p.getKey());
            Object before = local.map(row -> column.map(row::get)
                    .orElseGet(() -> customField(row, p.getKey()))).orElse(null);
            diff.add(new FieldChange(p.getKey(), column, plain(before), p.getValue()));
        }
        String name = local.map(r -> r.get("name")).map(String::valueOf).orElse(null);
        if (local.isEmpty()) {
            warnings.add("There is no synced copy of " + meta.name() + " " + e.noun() + " " + sourceId
                    + " here, so the current values are unknown; check the id.");
        }
        StringBuilder preview = new StringBuilder("Update " + meta.name() + " " + e.noun()
                + (name == null ? " " + sourceId : " “" + name + "” (" + sourceId + ")") + ": ");
        List<String> parts = new ArrayList<>();
        for (FieldChange c : diff) parts.add(c.field() + " " + shown(c.before()) + " → " + shown(c.after()));
        preview.append(parts.isEmpty() ? "no fields" : String.join("; ", parts));
        return new Description(preview.toString(), diff, warnings, Optional.of(e.table()),
                local.map(r -> UUID.fromString(String.valueOf(r.get("id")))));
    }

    private Description create(JdbcClient j, ConnectorMeta meta, CrmEntity e, Map<String, Object> params) {
        Map<String, Object> props = properties(params, e);
        List<String> warnings = new ArrayList<>();
        e.duplicateColumn().ifPresent(column -> e.propertyFor(column).ifPresent(property -> {
            Object value = props.entrySet().stream().filter(p -> p.getKey().equalsIgnoreCase(property))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (value == null || value.toString().isBlank()) return;
            String wanted = column.equals("domain") ? domainOf(value.toString()) : value.toString().strip();
            List<String> matches = j.sql("SELECT coalesce(name, '') || ' (' || source_system || ' ' || source_id || ')' FROM "
                            + e.table() + " WHERE lower(" + column + ") = lower(:v) ORDER BY updated_at DESC LIMIT 3")
                    .param("v", wanted).query(String.class).list();
            if (!matches.isEmpty()) {
                warnings.add("Possible duplicate: a " + e.noun() + " with " + column.replace("_", " ") + " " + wanted + " already exists: " + String.join(", ", matches));
            }
        }));
        return new Description("Create " + meta.name() + " " + e.noun() + ": " + summary(props), List.of(), warnings,
                Optional.of(e.table()), Optional.empty());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> params, CrmEntity e) {
        return params.get(e.propertiesParam()) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private Optional<Map<String, Object>> localRecord(JdbcClient j, CrmEntity e, String sourceId) {
        if (sourceId.isBlank()) return Optional.empty();
        return j.sql("SELECT to_jsonb(t)::text FROM " + e.table() + " t WHERE t.source_system = :s AND t.source_id = :id")
                .param("s", e.connector()).param("id", sourceId).query(String.class).optional()
                .map(text -> json.readValue(text, new TypeReference<Map<String, Object>>() {}));
    }

    private static Object customField(Map<String, Object> row, String key) {
        return row.get("custom_fields") instanceof Map<?, ?> custom ? custom.get(key) : null;
    }

    private static Object plain(Object v) {
        if (v instanceof BigDecimal b) return b.stripTrailingZeros().toPlainString();
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) return String.valueOf(d.longValue());
        return v;
    }

    static String shown(Object v) {
        if (v == null || v.toString().isEmpty()) return "(empty)";
        return abbreviate(v.toString());
    }

    /** {@code key=value} pairs, values shortened, for one-line previews. */
    public static String summary(Map<String, ?> params) {
        if (params.isEmpty()) return "(no parameters)";
        List<String> parts = new ArrayList<>();
        for (var e : params.entrySet()) {
            Object v = e.getValue();
            parts.add(e.getKey() + "=" + (v instanceof Map<?, ?> m ? "{" + summary(stringKeys(m)) + "}" : shown(v)));
        }
        return String.join(", ", parts);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static String words(String operation) {
        return operation.replace('_', ' ');
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > MAX_VALUE ? one.substring(0, MAX_VALUE) + "…" : one;
    }

    /** {@code https://www.acme.com/about} → {@code acme.com}. */
    static String domainOf(String value) {
        String v = value.strip().toLowerCase().replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "");
        int slash = v.indexOf('/');
        return slash >= 0 ? v.substring(0, slash) : v;
    }
}
