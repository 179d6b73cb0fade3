package io.revtops.connectors.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what vendors say when they refuse: the human message in their error bodies and their {@code Retry-After}. */
public final class VendorErrors {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_MESSAGE = 1_000;
    static final int MAX_BODY = 16_000;

    private VendorErrors() {}

    /**
     * The vendor's message from the common error shapes: HubSpot {@code {message, errors[]}}, Salesforce
     * {@code [{message, errorCode}]}, Apollo {@code {error}}, OAuth {@code {error, error_description}},
     * {@code {error:{message}}}, {@code {errors:[{message}]}}, {@code {detail}}; else the start of a text body; else
     * {@code "HTTP <status>"}.
     */
    public static String message(int status, String body) {
        String fallback = "HTTP " + status;
        if (body == null || body.isBlank()) return fallback;
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (RuntimeException e) {
            String text = body.strip();
            return text.startsWith("<") ? fallback : abbreviate(text, 300);
        }
        List<String> parts = new ArrayList<>();
        collect(root, parts);
        if (parts.isEmpty()) return fallback;
        return abbreviate(String.join("; ", parts.stream().distinct().toList()), MAX_MESSAGE);
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node == null || node.isMissingNode() || node.isNull()) return;
        if (node.isArray()) {
            for (JsonNode item : node) {
                collect(item, out);
                if (out.size() >= 5) break;
            }
            return;
        }
        if (node.isString()) {
            if (!node.asString().isBlank()) out.add(node.asString());
            return;
        }
        if (!node.isObject()) return;
        String code = firstText(node, "errorCode", "code");
        String message = firstText(node, "message", "error_description", "detail", "error_message", "title");
        if (message != null) {
            boolean codeIsUseful = code != null && !message.contains(code) && code.matches("[A-Z_]{3,}");
            out.add(codeIsUseful ? code + ": " + message : message);
            return;
        }
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            collect(error, out);
            if (!out.isEmpty()) return;
        }
        collect(node.get("errors"), out);
    }

    private static String firstText(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && v.isString() && !v.asString().isBlank()) return v.asString();
        }
        return null;
    }

    /** The body as kept in {@code Rejected}: at most {@value #MAX_BODY} characters. */
    public static String keptBody(String body) {
        return body == null ? "" : abbreviate(body, MAX_BODY);
    }

    /** {@code Retry-After} as delay seconds or an HTTP date, relative to {@code now}; negative waits become zero. */
    public static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) return Optional.empty();
        String v = header.get().strip();
        try {
            long seconds = Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
