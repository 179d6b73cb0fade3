package io.revtops.simulators.gmail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bits of RFC 2822/2045/2047 the Gmail simulator needs: reading the {@code raw} message a client sends (headers,
 * encoded words, a text part in base64 or quoted-printable, address lists) and writing dates the way mail does.
 */
final class GmailMime {
    static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:]+@[^@\\s<>\"(),;:]+\\.[^@\\s<>\"(),;:]+");

    private GmailMime() {
    }

    /** A message as read from {@code raw}: headers in order (names as written), and its plain-text body. */
    record Parsed(List<Map.Entry<String, String>> headers, String text, String mimeType) {
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }
    }

    /** Raised when the raw message cannot be read at all. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    static String date(Instant at) {
        return DATE.format(at.atOffset(ZoneOffset.UTC));
    }

    /** Decodes base64url or standard base64, with or without padding; {@link Unreadable} otherwise. */
    static byte[] base64(String data) {
        String s = data.strip().replace('+', '-').replace('/', '_').replace("=", "");
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("Invalid value for ByteString: " + abbreviate(data));
        }
    }

    static String base64url(String text) {
        return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Parsed parse(byte[] raw) {
        String all = new String(raw, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int split = all.indexOf("\n\n");
        String head = split < 0 ? all : all.substring(0, split);
        String body = split < 0 ? "" : all.substring(split + 2);
        List<Map.Entry<String, String>> headers = headers(head);
        if (headers.isEmpty()) {
            throw new Unreadable("Invalid RFC 822 message: no headers");
        }
        String contentType = find(headers, "Content-Type").orElse("text/plain");
        String encoding = find(headers, "Content-Transfer-Encoding").orElse("7bit");
        String mime = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (mime.startsWith("multipart/")) {
            String boundary = param(contentType, "boundary").orElseThrow(() -> new Unreadable("multipart without boundary"));
            for (String part : body.split(Pattern.quote("--" + boundary))) {
                String p = part.startsWith("\n") ? part.substring(1) : part;
                if (p.startsWith("--") || p.isBlank()) {
                    continue;
                }
                Parsed inner = parse(p.getBytes(StandardCharsets.ISO_8859_1));
                if (inner.mimeType().equals("text/plain")) {
                    return new Parsed(decodedHeaders(headers), inner.text(), mime);
                }
            }
            return new Parsed(decodedHeaders(headers), "", mime);
        }
        Charset charset = param(contentType, "charset").flatMap(GmailMime::charset).orElse(StandardCharsets.UTF_8);
        byte[] bytes = switch (encoding.strip().toLowerCase(Locale.ROOT)) {
            case "base64" -> base64(body.replaceAll("\\s", ""));
            case "quoted-printable" -> quotedPrintable(body);
            default -> body.getBytes(StandardCharsets.ISO_8859_1);
        };
        return new Parsed(decodedHeaders(headers), new String(bytes, charset), mime);
    }

    private static List<Map.Entry<String, String>> headers(String head) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : head.split("\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                out.add(Map.entry(name, value.toString().strip()));
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                name = null;
                continue;
            }
            name = line.substring(0, colon).strip();
            value = new StringBuilder(line.substring(colon + 1));
        }
        if (name != null) {
            out.add(Map.entry(name, value.toString().strip()));
        }
        return out;
    }

    private static List<Map.Entry<String, String>> decodedHeaders(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            String v = new String(h.getValue().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            out.add(Map.entry(h.getKey(), decodeWords(v)));
        }
        return out;
    }

    private static Optional<String> find(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    private static Optional<String> param(String headerValue, String name) {
        for (String part : headerValue.split(";")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static Optional<Charset> charset(String name) {
        try {
            return Optional.of(Charset.forName(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** RFC 2047 encoded words ({@code =?UTF-8?B?…?=}, {@code =?UTF-8?Q?…?=}) decoded; other text unchanged. */
    static String decodeWords(String value) {
        Matcher m = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String between = value.substring(last, m.start());
            // whitespace between two encoded words is not part of the text
            if (!(last > 0 && between.isBlank())) {
                out.append(between);
            }
            Charset cs = charset(m.group(1)).orElse(StandardCharsets.UTF_8);
            byte[] bytes;
            try {
                bytes = m.group(2).equalsIgnoreCase("B") ? Base64.getDecoder().decode(m.group(3))
                        : quotedPrintable(m.group(3).replace('_', ' '));
            } catch (IllegalArgumentException e) {
                bytes = m.group().getBytes(StandardCharsets.UTF_8);
            }
            out.append(new String(bytes, cs));
            last = m.end();
        }
        out.append(value.substring(last));
        return out.toString();
    }

    private static byte[] quotedPrintable(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String t = s.replace("=\n", "");
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '=' && i + 2 < t.length()) {
                try {
                    out.write(Integer.parseInt(t.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    // a literal '='
                }
            }
            out.write(c & 0xff);
        }
        return out.toByteArray();
    }

    /** The e-mail addresses of an address-list header, lower-cased, in order. */
    static List<String> addresses(String headerValue) {
        List<String> out = new ArrayList<>();
        if (headerValue == null) {
            return out;
        }
        Matcher m = ADDRESS.matcher(headerValue);
        while (m.find()) {
            String a = m.group().toLowerCase(Locale.ROOT);
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** {@code "Name" <address>} or the bare address. */
    static String mailbox(String name, String address) {
        if (name == null || name.isBlank()) {
            return address;
        }
        return "\"" + name.replace("\"", "") + "\" <" + address + ">";
    }

    static Map<String, Object> header(String name, String value) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", name);
        h.put("value", value);
        return h;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
