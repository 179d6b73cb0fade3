package io.revtops.connectors.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Tolerant readers for vendor JSON values, shared by the connectors' mappers: a value of the wrong type, an
 * unparseable date or an absurd number reads as {@code null} (the column stays empty, the record is kept), text
 * loses NUL characters (PostgreSQL refuses them) and is capped, so no single field can sink a record or a batch.
 */
public final class VendorValues {

    /** Longest text kept for names, subjects, titles and other one-line fields. */
    public static final int MAX_SHORT = 1_000;
    /** Longest text kept for bodies and descriptions. */
    public static final int MAX_LONG = 200_000;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
    private static final Pattern TAG = Pattern.compile("<[^>]{0,2000}>");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n+");
    private static final Pattern LINE_BREAK_TAGS = Pattern.compile("(?i)<br\\s*/?>|</p>|</div>|</li>");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,15}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** A date-time ending in an offset without a colon (Salesforce's "2024-05-01T09:30:00.000+0000"). */
    private static final Pattern COMPACT_OFFSET_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*[+-]\\d{4}");
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    /** Salesforce writes offsets without a colon: {@code 2024-05-01T10:00:00.000+0000}. */
    private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private VendorValues() {}

    /** One-line text: trimmed, at most {@link #MAX_SHORT} characters; numbers and booleans as their text. */
    public static String text(JsonNode node) {
        return clean(raw(node), MAX_SHORT);
    }

    /** Body text: at most {@link #MAX_LONG} characters. */
    public static String longText(JsonNode node) {
        return clean(raw(node), MAX_LONG);
    }

    /** Text as given, cleaned and capped. */
    public static String clean(String s, int max) {
        if (s == null) return null;
        String v = s.indexOf('\u0000') >= 0 ? s.replace("\u0000", "") : s;
        v = v.strip();
        if (v.isEmpty()) return null;
        if (v.length() > max) {
            int end = Character.isHighSurrogate(v.charAt(max - 1)) ? max - 1 : max;
            v = v.substring(0, end);
        }
        return v;
    }

    private static String raw(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isString()) return node.asString();
        if (node.isNumber() || node.isBoolean()) return node.asString();
        return null;
    }

    /** A decimal from a number or numeric text; null when absent, not a number, or beyond 20 integer digits. */
    public static BigDecimal decimal(JsonNode node) {
        String s = raw(node);
        if (s == null) return null;
        s = s.strip().replace(",", "");
        if (s.isEmpty() || s.length() > 60) return null;
        try {
            BigDecimal d = new BigDecimal(s);
            if (d.precision() - d.scale() > 20 || d.scale() > 20) return null;
            return d.stripTrailingZeros().scale() < 0 ? d.setScale(0) : d.stripTrailingZeros();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A whole number that fits an {@code int}; {@code "12.0"} reads as 12, {@code "12.5"} as null. */
    public static Integer integer(JsonNode node) {
        BigDecimal d = decimal(node);
        if (d == null) return null;
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** {@code true}/{@code false} as JSON booleans or text (any case), 1/0; anything else null. */
    public static Boolean bool(JsonNode node) {
        String s = raw(node);
        if (s == null) return null;
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Boolean.TRUE;
            case "false", "0", "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * A point in time from epoch milliseconds (number or digits), an ISO instant, an ISO date-time with an offset
     * (with or without a colon), a local date-time (taken as UTC) or a date (midnight UTC); null for anything else
     * or outside 1900–2200.
     */
    public static Instant instant(JsonNode node) {
        return instant(raw(node));
    }

    public static Instant instant(String value) {
        if (value == null) return null;
        String v = value.strip();
        if (v.isEmpty() || v.length() > 40) return null;
        Instant t = null;
        if (EPOCH_MILLIS.matcher(v).matches()) {
            t = Instant.ofEpochMilli(Long.parseLong(v));
        } else if (COMPACT_OFFSET_SHAPE.matcher(v).matches()) {
            // the ISO parser would refuse it (by exception, which is costly at a record per call)
            try {
                t = compactOffset(v);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        } else {
            try {
                t = OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e1) {
                try {
                    t = compactOffset(v);
                } catch (java.time.DateTimeException e2) {
                    try {
                        t = LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
                    } catch (DateTimeParseException e3) {
                        return null;
                    }
                }
            }
        }
        return t.isBefore(EARLIEST) || t.isAfter(LATEST) ? null : t;
    }

    /** A local date-time with an optional "+HHMM" offset (UTC without one). */
    private static Instant compactOffset(String v) {
        var parsed = COMPACT_OFFSET.parse(v);
        LocalDateTime local = LocalDateTime.from(parsed);
        int offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? parsed.get(ChronoField.OFFSET_SECONDS) : 0;
        return local.toInstant(ZoneOffset.ofTotalSeconds(offset));
    }

    /** A calendar date: an ISO date as is, a point in time as its UTC date. */
    public static LocalDate date(JsonNode node) {
        String s = raw(node);
        if (s == null) return null;
        String v = s.strip();
        if (ISO_DATE.matcher(v).matches()) {
            try {
                LocalDate d = LocalDate.parse(v);
                return d.getYear() < 1900 || d.getYear() > 2200 ? null : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Instant t = instant(v);
        return t == null ? null : LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    /** A lower-cased e-mail address, or null when the text is not one. */
    public static String email(JsonNode node) {
        return email(raw(node));
    }

    public static String email(String s) {
        String v = clean(s, 320);
        if (v == null || !EMAIL.matcher(v).matches()) return null;
        return v.toLowerCase(Locale.ROOT);
    }

    /** Plain text from HTML-ish bodies: tags dropped, common entities decoded, whitespace folded; capped. */
    public static String plainText(String html) {
        if (html == null) return null;
        String s = html.indexOf('<') >= 0 ? TAG.matcher(LINE_BREAK_TAGS.matcher(html).replaceAll("\n")).replaceAll("") : html;
        s = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        s = BLANK_LINES.matcher(SPACES.matcher(s).replaceAll(" ")).replaceAll("\n\n");
        return clean(s, MAX_LONG);
    }

    /** The first line of a text, capped to {@code max} characters with an ellipsis. */
    public static String firstLine(String text, int max) {
        if (text == null) return null;
        String line = text.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        if (line.isEmpty()) return null;
        return line.length() <= max ? line : line.substring(0, max - 1).strip() + "…";
    }
}
