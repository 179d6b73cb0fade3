package io.revtops.connectors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One normalized record from a source system, for one table: its source id, the column values the connector
 * mapped (names from {@link SyncedTable#columns()}; values as plain Java: String, Number, Boolean, Instant,
 * LocalDate, List, Map), and vendor extras for {@code custom_fields}. The writer coerces values to the column types
 * and keeps what is valid; an invalid value becomes null and is reported, never the whole record lost.
 */
public record SyncedRecord(SyncedTable table, String sourceId, Map<String, Object> columns, Map<String, Object> customFields) {

    public SyncedRecord {
        if (sourceId == null || sourceId.isBlank()) throw new IllegalArgumentException("a synced record needs a source id");
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    public static Builder of(SyncedTable table, String sourceId) {
        return new Builder(table, sourceId);
    }

    /** Fluent construction that skips null values, so mappers read like the vendor's field list. */
    public static final class Builder {
        private final SyncedTable table;
        private final String sourceId;
        private final Map<String, Object> columns = new LinkedHashMap<>();
        private final Map<String, Object> custom = new LinkedHashMap<>();

        private Builder(SyncedTable table, String sourceId) {
            this.table = table;
            this.sourceId = sourceId;
        }

        public Builder set(String column, Object value) {
            if (!table.columns().containsKey(column)) {
                throw new IllegalArgumentException(table.tableName() + " has no column " + column);
            }
            if (value != null) columns.put(column, value);
            return this;
        }

        public Builder custom(String key, Object value) {
            if (value != null) custom.put(key, value);
            return this;
        }

        public SyncedRecord build() {
            return new SyncedRecord(table, sourceId, columns, custom);
        }
    }
}
