package io.revtops.simulators.hubspot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Evaluates the CRM search API's filter groups (OR of ANDs), free-text query and sort. */
final class HubSpotSearch {

    /** One filter of a filter group, as sent in the search body. */
    record Filter(String propertyName, String operator, String value, List<String> values, String highValue) {
    }

    static final Set<String> OPERATORS = Set.of("EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN",
            "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN");

    private HubSpotSearch() {
    }

    /** The first problem with the filters, if any (unknown operator or property). */
    static Optional<String> problem(HubSpotSchema.ObjectType type, List<List<Filter>> groups) {
        for (List<Filter> group : groups) {
            for (Filter f : group) {
                if (!OPERATORS.contains(f.operator())) {
                    return Optional.of("Unknown operator " + f.operator() + "; expected one of " + OPERATORS);
                }
                String name = f.propertyName();
                if (name.startsWith("associations.")) {
                    continue;
                }
                if (!name.equals("hs_object_id") && !name.equals("id") && type.property(name).isEmpty()) {
                    return Optional.of("Property \"" + name + "\" does not exist");
                }
            }
        }
        return Optional.empty();
    }

    static boolean matches(HubSpotObject o, List<List<Filter>> groups) {
        if (groups.isEmpty()) {
            return true;
        }
        for (List<Filter> group : groups) {
            boolean all = true;
            for (Filter f : group) {
                if (!matches(o, f)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(HubSpotObject o, Filter f) {
        if (f.propertyName().startsWith("associations.")) {
            String singular = f.propertyName().substring("associations.".length());
            return o.associations.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(singular))
                    .anyMatch(e -> e.getValue().stream().anyMatch(id -> Long.toString(id).equals(f.value())));
        }
        String name = f.propertyName().equals("id") ? "hs_object_id" : f.propertyName();
        String actual = o.properties.get(name);
        boolean present = actual != null && !actual.isEmpty();
        HubSpotSchema.Kind kind = kind(o.type, name);
        return switch (f.operator()) {
            case "HAS_PROPERTY" -> present;
            case "NOT_HAS_PROPERTY" -> !present;
            case "EQ" -> present && compare(kind, actual, f.value()) == 0;
            case "NEQ" -> !present || compare(kind, actual, f.value()) != 0;
            case "LT" -> present && compare(kind, actual, f.value()) < 0;
            case "LTE" -> present && compare(kind, actual, f.value()) <= 0;
            case "GT" -> present && compare(kind, actual, f.value()) > 0;
            case "GTE" -> present && compare(kind, actual, f.value()) >= 0;
            case "BETWEEN" -> present && compare(kind, actual, f.value()) >= 0
                    && compare(kind, actual, f.highValue()) <= 0;
            case "IN" -> present && f.values().stream().anyMatch(v -> compare(kind, actual, v) == 0);
            case "NOT_IN" -> !present || f.values().stream().noneMatch(v -> compare(kind, actual, v) == 0);
            case "CONTAINS_TOKEN" -> present && containsToken(actual, f.value());
            case "NOT_CONTAINS_TOKEN" -> !present || !containsToken(actual, f.value());
            default -> false;
        };
    }

    static boolean matchesQuery(HubSpotObject o, String query) {
        if (query.isBlank()) {
            return true;
        }
        for (String token : query.toLowerCase(Locale.ROOT).split("\\s+")) {
            boolean found = false;
            for (String p : o.type.searchable()) {
                String v = o.properties.get(p);
                if (v != null && v.toLowerCase(Locale.ROOT).contains(token)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Sort by one property (missing values last), ties broken by id ascending. */
    static Comparator<HubSpotObject> order(String property, boolean descending) {
        Comparator<HubSpotObject> byId = Comparator.comparingLong(o -> o.id);
        if (property.isEmpty() || property.equals("hs_object_id") || property.equals("id")) {
            return descending ? byId.reversed() : byId;
        }
        Comparator<HubSpotObject> byValue = (a, b) -> {
            String va = a.properties.get(property);
            String vb = b.properties.get(property);
            if (va == null || vb == null) {
                return va == null ? (vb == null ? 0 : 1) : -1;
            }
            int c = compare(kind(a.type, property), va, vb);
            return descending ? -c : c;
        };
        return byValue.thenComparing(byId);
    }

    private static HubSpotSchema.Kind kind(HubSpotSchema.ObjectType type, String name) {
        if (name.equals("hs_object_id")) {
            return HubSpotSchema.Kind.NUMBER;
        }
        return type.property(name).map(HubSpotSchema.Property::kind).orElse(HubSpotSchema.Kind.STRING);
    }

    private static int compare(HubSpotSchema.Kind kind, String actual, String wanted) {
        String w = wanted == null ? "" : wanted;
        switch (kind) {
            case DATETIME -> {
                if (isoMillis(actual) && isoMillis(w)) {
                    return actual.compareTo(w);
                }
                Optional<Instant> a = HubSpotSchema.parseInstant(actual);
                Optional<Instant> b = HubSpotSchema.parseInstant(w);
                if (a.isPresent() && b.isPresent()) {
                    return a.get().compareTo(b.get());
                }
            }
            case NUMBER -> {
                try {
                    return new BigDecimal(actual.trim()).compareTo(new BigDecimal(w.trim()));
                } catch (NumberFormatException ignored) {
                    // fall back to text comparison
                }
            }
            default -> {
                // text comparison below
            }
        }
        return actual.compareToIgnoreCase(w);
    }

    /** Stored datetimes share one fixed-width UTC format, so they order as text without parsing. */
    private static boolean isoMillis(String v) {
        return v.length() == 24 && v.charAt(10) == 'T' && v.charAt(23) == 'Z';
    }

    private static boolean containsToken(String actual, String token) {
        String t = token == null ? "" : token.replace("*", "").toLowerCase(Locale.ROOT);
        return actual.toLowerCase(Locale.ROOT).contains(t);
    }
}
