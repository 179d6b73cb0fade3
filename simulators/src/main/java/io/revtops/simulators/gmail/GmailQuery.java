package io.revtops.simulators.gmail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The subset of Gmail's search language the simulator understands, as terms that must all match:
 * {@code after:}/{@code before:} (epoch seconds or {@code yyyy/mm/dd}, UTC), {@code newer_than:}/{@code older_than:}
 * ({@code 3d}, {@code 2m}, {@code 1y}), {@code rfc822msgid:}, {@code from:}, {@code to:}, {@code cc:},
 * {@code subject:}, {@code in:}/{@code label:}, {@code is:unread}, quoted phrases and plain words (searched in
 * subject, body and addresses); a leading {@code -} negates a term.
 */
final class GmailQuery {

    /** A query that cannot be read (a date Gmail would refuse). */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    private final List<Predicate<GmailStore.Message>> terms;

    private GmailQuery(List<Predicate<GmailStore.Message>> terms) {
        this.terms = terms;
    }

    static GmailQuery parse(String q, Instant now) {
        List<Predicate<GmailStore.Message>> terms = new ArrayList<>();
        for (String token : tokens(q == null ? "" : q)) {
            boolean negated = token.startsWith("-") && token.length() > 1;
            String t = negated ? token.substring(1) : token;
            Predicate<GmailStore.Message> p = term(t, now);
            terms.add(negated ? p.negate() : p);
        }
        return new GmailQuery(terms);
    }

    boolean matches(GmailStore.Message m) {
        for (Predicate<GmailStore.Message> t : terms) {
            if (!t.test(m)) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<GmailStore.Message> term(String t, Instant now) {
        int colon = t.indexOf(':');
        if (colon > 0 && !t.startsWith("\"")) {
            String op = t.substring(0, colon).toLowerCase(Locale.ROOT);
            String v = unquote(t.substring(colon + 1));
            switch (op) {
                case "after" -> {
                    long ms = time(v);
                    return m -> m.internalDate() >= ms;
                }
                case "before" -> {
                    long ms = time(v);
                    return m -> m.internalDate() < ms;
                }
                case "newer_than" -> {
                    long ms = now.toEpochMilli() - span(v);
                    return m -> m.internalDate() >= ms;
                }
                case "older_than" -> {
                    long ms = now.toEpochMilli() - span(v);
                    return m -> m.internalDate() < ms;
                }
                case "rfc822msgid" -> {
                    String id = bare(v);
                    return m -> bare(m.rfc822Id()).equalsIgnoreCase(id);
                }
                case "from" -> {
                    return m -> contains(m.fromHeader(), v);
                }
                case "to" -> {
                    return m -> contains(m.toHeader(), v) || contains(m.ccHeader(), v);
                }
                case "cc" -> {
                    return m -> contains(m.ccHeader(), v);
                }
                case "subject" -> {
                    return m -> contains(m.subject(), v);
                }
                case "in", "label" -> {
                    String label = v.toUpperCase(Locale.ROOT);
                    return label.equals("ANYWHERE") ? m -> true : m -> m.labels().contains(label);
                }
                case "is" -> {
                    String label = v.toUpperCase(Locale.ROOT);
                    return label.equals("READ") ? m -> !m.labels().contains("UNREAD") : m -> m.labels().contains(label);
                }
                default -> {
                    // not an operator Gmail knows here: a plain word
                }
            }
        }
        String word = unquote(t);
        return m -> contains(m.subject(), word) || contains(m.text(), word) || contains(m.fromHeader(), word)
                || contains(m.toHeader(), word) || contains(m.ccHeader(), word);
    }

    private static long time(String v) {
        if (v.matches("\\d{1,12}")) {
            return Long.parseLong(v) * 1000;
        }
        for (String pattern : List.of("yyyy/M/d", "yyyy-M-d")) {
            try {
                return LocalDate.parse(v, DateTimeFormatter.ofPattern(pattern)).atStartOfDay(ZoneOffset.UTC).toInstant()
                        .toEpochMilli();
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        throw new Invalid("Invalid date in query: " + v);
    }

    private static long span(String v) {
        if (!v.matches("\\d{1,6}[dmy]")) {
            throw new Invalid("Invalid time span in query: " + v);
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        long day = 86_400_000L;
        return switch (v.charAt(v.length() - 1)) {
            case 'd' -> n * day;
            case 'm' -> n * 30 * day;
            default -> n * 365 * day;
        };
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }

    private static String bare(String id) {
        String s = id.strip();
        if (s.startsWith("<")) {
            s = s.substring(1);
        }
        if (s.endsWith(">")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** Splits on spaces outside double quotes. */
    private static List<String> tokens(String q) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : q.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }
}
