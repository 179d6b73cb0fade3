package io.revtops.sync.writer;

import io.revtops.connectors.SyncedTable.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a connector's value into the canonical text of its column type (what the database parses and what the
 * content hash covers), or null with the reason it was dropped. Canonical: numbers without trailing zeros, instants
 * in UTC ISO-8601, dates ISO, booleans true/false, JSON with sorted keys, text without NUL characters (PostgreSQL
 * refuses them) and cut at the length limit.
 */
public final class Coercion {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_NUMERIC_DIGITS = 1_000;

    private Coercion() {}

    /** A column's canonical value (null when absent or invalid) and, when something was dropped or cut, why. */
    public record Value(String text, Optional<String> problem) {
        static Value of(String text) {
            return new Value(text, Optional.empty());
        }

        static Value invalid(String why) {
            return new Value(null, Optional.of(why));
        }
    }

    public static Value coerce(Type type, Object value, int maxChars) {
        if (value == null) return Value.of(null);
        if (value instanceof Optional<?> o) return coerce(type, o.orElse(null), maxChars);
        if (value instanceof JsonNode n && type != Type.JSON) return coerce(type, plain(n), maxChars);
        try {
            return switch (type) {
                case TEXT -> text(value, maxChars);
                case INT -> integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case BIGINT -> integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
                case NUMERIC -> numeric(value);
                case BOOL -> bool(value);
                case DATE -> date(value);
                case TIMESTAMP -> timestamp(value);
                case JSON -> json(value, maxChars);
                case TEXT_ARRAY -> textArray(value, maxChars);
            };
        } catch (RuntimeException e) {
            return Value.invalid("not a valid " + describe(type));
        }
    }

    private static Value text(Object v, int maxChars) {
        String s;
        if (v instanceof String str) s = str;
        else if (v instanceof Number || v instanceof Boolean || v instanceof Character || v instanceof Enum<?>) s = v.toString();
        else if (v instanceof Instant || v instanceof LocalDate || v instanceof TemporalAccessor) {
            Value t = timestampOrDate(v);
            if (t.text() == null) return Value.invalid("not text");
            s = t.text();
        } else return Value.invalid("not text (got " + kind(v) + ")");
        return clean(s, maxChars);
    }

    static Value clean(String s, int maxChars) {
        Optional<String> problem = Optional.empty();
        if (s.indexOf('\u0000') >= 0) {
            s = s.replace("\u0000", "");
            problem = Optional.of("contained NUL characters (removed)");
        }
        if (s.length() > maxChars) {
            int cut = maxChars;
            if (Character.isHighSurrogate(s.charAt(cut - 1))) cut--;
            s = s.substring(0, cut);
            problem = Optional.of("longer than " + maxChars + " characters (truncated)");
        }
        return new Value(s, problem);
    }

    private static Value integer(Object v, long min, long max) {
        BigDecimal d = decimal(v);
        if (d == null) return Value.invalid("not a whole number");
        try {
            BigInteger i = d.toBigIntegerExact();
            if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
                return Value.invalid("out of range");
            }
            return Value.of(i.toString());
        } catch (ArithmeticException e) {
            return Value.invalid("not a whole number");
        }
    }

    private static Value numeric(Object v) {
        BigDecimal d = decimal(v);
        if (d == null) return Value.invalid("not a number");
        if (d.signum() == 0) return Value.of("0");
        d = d.stripTrailingZeros();
        if (d.precision() - d.scale() > MAX_NUMERIC_DIGITS || d.scale() > MAX_NUMERIC_DIGITS) return Value.invalid("out of range");
        return Value.of(d.toPlainString());
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal b) return b;
        if (v instanceof BigInteger b) return new BigDecimal(b);
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) return BigDecimal.valueOf(((Number) v).longValue());
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (t.isEmpty() || t.length() > 2 * MAX_NUMERIC_DIGITS) return null;
            try {
                BigDecimal d = new BigDecimal(t);
                return Math.abs((long) d.scale()) > MAX_NUMERIC_DIGITS ? null : d;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Value bool(Object v) {
        if (v instanceof Boolean b) return Value.of(b.toString());
        if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) return Value.of(n.doubleValue() == 1 ? "true" : "false");
        if (v instanceof String s) {
            switch (s.trim().toLowerCase()) {
                case "true", "t", "yes", "y", "1" -> {
                    return Value.of("true");
                }
                case "false", "f", "no", "n", "0" -> {
                    return Value.of("false");
                }
                default -> {
                    return Value.invalid("not a boolean");
                }
            }
        }
        return Value.invalid("not a boolean");
    }

    private static Value date(Object v) {
        LocalDate d;
        if (v instanceof LocalDate ld) d = ld;
        else if (v instanceof Instant i) d = i.atOffset(ZoneOffset.UTC).toLocalDate();
        else if (v instanceof OffsetDateTime o) d = o.toLocalDate();
        else if (v instanceof ZonedDateTime z) d = z.toLocalDate();
        else if (v instanceof LocalDateTime l) d = l.toLocalDate();
        else if (v instanceof Date dt) d = dt.toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
        else if (v instanceof String s) {
            String t = s.trim();
            d = parseDate(t);
            if (d == null) {
                Instant i = parseInstant(t);
                if (i == null) return Value.invalid("not a valid date");
                d = i.atOffset(ZoneOffset.UTC).toLocalDate();
            }
        } else return Value.invalid("not a valid date");
        if (d.getYear() < 1 || d.getYear() > 9999) return Value.invalid("not a valid date (year out of range)");
        return Value.of(d.toString());
    }

    private static Value timestamp(Object v) {
        Instant i;
        if (v instanceof Instant in) i = in;
        else if (v instanceof OffsetDateTime o) i = o.toInstant();
        else if (v instanceof ZonedDateTime z) i = z.toInstant();
        else if (v instanceof LocalDateTime l) i = l.toInstant(ZoneOffset.UTC);
        else if (v instanceof LocalDate d) i = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        else if (v instanceof Date dt) i = dt.toInstant();
        else if (v instanceof String s) {
            String t = s.trim();
            i = parseInstant(t);
            if (i == null) {
                LocalDate d = parseDate(t);
                if (d == null) return Value.invalid("not a valid timestamp");
                i = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } else return Value.invalid("not a valid timestamp");
        int year = i.atOffset(ZoneOffset.UTC).getYear();
        if (year < 1 || year > 9999) return Value.invalid("not a valid timestamp (year out of range)");
        return Value.of(i.toString());
    }

    private static Value timestampOrDate(Object v) {
        return v instanceof LocalDate ? date(v) : timestamp(v);
    }

    private static Instant parseInstant(String t) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static LocalDate parseDate(String t) {
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Value json(Object v, int maxChars) {
        Object clean = sanitize(v, maxChars);
        String s = JSON.writeValueAsString(clean);
        if (s.length() > 10L * maxChars) return Value.invalid("JSON larger than " + (10L * maxChars) + " characters");
        return Value.of(s);
    }

    private static Value textArray(Object v, int maxChars) {
        Collection<?> items;
        if (v instanceof Collection<?> c) items = c;
        else if (v instanceof Object[] a) items = List.of(a);
        else if (v instanceof JsonNode n && n.isArray()) items = (Collection<?>) plain(n);
        else if (v instanceof String s) items = List.of(s);
        else return Value.invalid("not a list of text");
        StringBuilder out = new StringBuilder("{");
        Optional<String> problem = Optional.empty();
        boolean first = true;
        for (Object item : items) {
            if (item == null) continue;
            Value t = text(item, maxChars);
            if (t.text() == null) {
                problem = Optional.of("had items that are not text (dropped)");
                continue;
            }
            if (t.problem().isPresent()) problem = t.problem();
            if (!first) out.append(',');
            first = false;
            out.append('"').append(t.text().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return new Value(out.append('}').toString(), problem);
    }

    /**
     * Vendor extras made safe for jsonb and stable for hashing: maps with sorted keys, strings without NUL and cut at
     * the limit, dates as ISO text, non-finite numbers as null, anything else as its text.
     */
    public static Object sanitize(Object v, int maxChars) {
        if (v == null || v instanceof Boolean) return v;
        if (v instanceof Optional<?> o) return sanitize(o.orElse(null), maxChars);
        if (v instanceof JsonNode n) return sanitize(plain(n), maxChars);
        if (v instanceof Double d) return Double.isFinite(d) ? d : null;
        if (v instanceof Float f) return Float.isFinite(f) ? f : null;
        if (v instanceof Number) return v;
        if (v instanceof String s) return clean(s, maxChars).text();
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, val) -> sorted.put(clean(String.valueOf(k), 1_000).text(), sanitize(val, maxChars)));
            return sorted;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) out.add(sanitize(o, maxChars));
            return out;
        }
        if (v instanceof Object[] a) return sanitize(List.of(a), maxChars);
        if (v instanceof LocalDate || v instanceof Instant || v instanceof TemporalAccessor || v instanceof Date) {
            Value t = timestampOrDate(v);
            return t.text();
        }
        return clean(v.toString(), maxChars).text();
    }

    private static Object plain(JsonNode n) {
        return JSON.convertValue(n, Object.class);
    }

    private static String kind(Object v) {
        return v instanceof Map ? "an object" : v instanceof Collection || v instanceof Object[] ? "a list" : v.getClass().getSimpleName();
    }

    private static String describe(Type type) {
        return switch (type) {
            case TEXT -> "text";
            case INT, BIGINT -> "whole number";
            case NUMERIC -> "number";
            case BOOL -> "boolean";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            case JSON -> "JSON value";
            case TEXT_ARRAY -> "list of text";
        };
    }
}
