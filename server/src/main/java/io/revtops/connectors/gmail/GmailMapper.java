package io.revtops.connectors.gmail;

import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.connectors.mapping.VendorValues;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
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
import tools.jackson.databind.JsonNode;

/**
 * A Gmail message ({@code format=full}) → one {@code activities} row of type email. Tolerant: a missing header, an
 * unreadable date or an undecodable body leaves that value empty (noted in {@code custom_fields}); only a message
 * without an id is refused. Bodies become plain text: the text/plain part, else the HTML part reduced to text —
 * never HTML kept for rendering.
 */
final class GmailMapper {
    /** Largest body part we decode (base64 characters); larger ones are cut (about 4.5 MB of text). */
    static final int MAX_ENCODED = 6_000_000;
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:\\[\\]]+@[^@\\s<>\"(),;:\\[\\]]+\\.[^@\\s<>\"(),;:\\[\\]]+");
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

    private GmailMapper() {}

    /** A message that cannot become a row at all. */
    static final class Unmappable extends RuntimeException {
        Unmappable(String reason) {
            super(reason);
        }
    }

    /** Maps one message of the mailbox {@code mailbox} (its own address, lower case). */
    static SyncedRecord map(JsonNode message, String mailbox) {
        String id = VendorValues.text(message.path("id"));
        if (id == null || id.length() > 200) throw new Unmappable("a Gmail message without a usable id");
        List<String> labels = new ArrayList<>();
        message.path("labelIds").forEach(l -> { if (l.isString()) labels.add(l.asString()); });
        JsonNode payload = message.path("payload");
        Headers headers = new Headers(payload.path("headers"));

        List<Mailbox> from = addresses(headers.first("From"));
        List<String> to = emails(addresses(headers.first("To")));
        List<String> cc = emails(addresses(headers.first("Cc")));
        List<String> bcc = emails(addresses(headers.first("Bcc")));
        String fromEmail = from.isEmpty() ? null : from.getFirst().email();
        String subject = VendorValues.clean(headers.first("Subject"), VendorValues.MAX_SHORT);

        SyncedRecord.Builder b = SyncedRecord.of(SyncedTable.ACTIVITIES, id).set("type", "email");
        Instant at = internalDate(message.path("internalDate"));
        if (at == null) {
            at = date(headers.first("Date"));
            if (at == null && headers.first("Date") != null) b.custom("invalid_date", VendorValues.clean(headers.first("Date"), 100));
        }
        Body body = body(payload);
        String text = body.text();
        if (text == null) {
            // no readable body: Gmail's snippet is the best text we have
            text = unescape(VendorValues.text(message.path("snippet")));
        }
        if (body.unreadable()) b.custom("body_unreadable", true);
        if (body.truncated()) b.custom("body_truncated", true);
        List<String> recipients = new ArrayList<>(to);
        cc.stream().filter(a -> !recipients.contains(a)).forEach(recipients::add);
        boolean outbound = labels.contains("SENT") || (fromEmail != null && fromEmail.equals(mailbox));
        String searchable = subject == null ? text : text == null ? subject : subject + "\n" + text;
        b.set("subject", subject)
                .set("description", text)
                .set("activity_date", at)
                .set("from_email", fromEmail)
                .set("to_emails", recipients.isEmpty() ? null : recipients)
                .set("thread_id", VendorValues.text(message.path("threadId")))
                .set("direction", outbound ? "outbound" : "inbound")
                .set("searchable_text", VendorValues.clean(searchable, VendorValues.MAX_LONG))
                .custom("labels", labels.isEmpty() ? null : labels)
                .custom("from_name", from.isEmpty() ? null : from.getFirst().name())
                .custom("cc", cc.isEmpty() ? null : cc)
                .custom("bcc", bcc.isEmpty() ? null : bcc)
                .custom("message_id", VendorValues.clean(headers.first("Message-ID"), 500))
                .custom("in_reply_to", VendorValues.clean(headers.first("In-Reply-To"), 500))
                .custom("has_html", body.html() ? Boolean.TRUE : null);
        if (headers.first("From") != null && fromEmail == null) b.custom("invalid_from", VendorValues.clean(headers.first("From"), 200));
        return b.build();
    }

    // ------------------------------------------------------------------ dates

    private static Instant internalDate(JsonNode node) {
        String s = VendorValues.text(node);
        if (s == null || !s.matches("\\d{1,15}")) return null;
        return VendorValues.instant(s);
    }

    /** An RFC 2822 date ({@code Tue, 13 Jan 2026 09:00:00 +0000 (UTC)}), or null. */
    static Instant date(String header) {
        if (header == null) return null;
        String v = header.replaceAll("\\([^)]*\\)", "").replaceAll("\\s+", " ").strip();
        if (v.length() > 60) return null;
        for (String candidate : List.of(v, "Mon, " + v)) {
            try {
                return ZonedDateTime.parse(candidate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (RuntimeException e) {
                // next form
            }
        }
        Instant iso = VendorValues.instant(v);
        return iso;
    }

    // ------------------------------------------------------------------ bodies

    /** The text of a message, whether it had HTML, and what went wrong reading it. */
    record Body(String text, boolean html, boolean unreadable, boolean truncated) {}

    static Body body(JsonNode payload) {
        List<JsonNode> plain = new ArrayList<>();
        List<JsonNode> html = new ArrayList<>();
        collect(payload, plain, html, 0);
        boolean hasHtml = !html.isEmpty();
        boolean unreadable = false;
        boolean truncated = false;
        for (List<JsonNode> candidates : List.of(plain, html)) {
            for (JsonNode part : candidates) {
                Decoded d = decode(part);
                unreadable |= d.unreadable();
                truncated |= d.truncated();
                if (d.text() == null) continue;
                String text = candidates == html ? VendorValues.plainText(SCRIPT_OR_STYLE.matcher(d.text()).replaceAll(" "))
                        : VendorValues.clean(d.text(), VendorValues.MAX_LONG);
                if (text != null && d.text().length() > VendorValues.MAX_LONG) truncated = true;
                if (text != null) return new Body(text, hasHtml, unreadable, truncated);
            }
        }
        return new Body(null, hasHtml, unreadable, truncated);
    }

    private static void collect(JsonNode part, List<JsonNode> plain, List<JsonNode> html, int depth) {
        if (part == null || !part.isObject() || depth > 20) return;
        String mime = part.path("mimeType").asString("").toLowerCase(Locale.ROOT);
        boolean attachment = !part.path("filename").asString("").isBlank();
        if (!attachment && mime.equals("text/plain")) plain.add(part);
        else if (!attachment && mime.equals("text/html")) html.add(part);
        for (JsonNode child : part.path("parts")) collect(child, plain, html, depth + 1);
    }

    private record Decoded(String text, boolean unreadable, boolean truncated) {}

    private static Decoded decode(JsonNode part) {
        JsonNode data = part.path("body").path("data");
        if (!data.isString() || data.asString().isBlank()) return new Decoded(null, false, false);
        String encoded = data.asString();
        boolean truncated = false;
        if (encoded.length() > MAX_ENCODED) {
            encoded = encoded.substring(0, MAX_ENCODED - MAX_ENCODED % 4);
            truncated = true;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded.strip().replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            return new Decoded(null, true, truncated);
        }
        Charset charset = charset(new Headers(part.path("headers")).first("Content-Type"));
        return new Decoded(new String(bytes, charset), false, truncated);
    }

    private static Charset charset(String contentType) {
        if (contentType == null) return StandardCharsets.UTF_8;
        Matcher m = Pattern.compile("(?i)charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)").matcher(contentType);
        if (!m.find()) return StandardCharsets.UTF_8;
        try {
            return Charset.forName(m.group(1));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    // ------------------------------------------------------------------ headers and addresses

    /** Header values by name (case-insensitive), first occurrence kept; RFC 2047 encoded words decoded. */
    static final class Headers {
        private final Map<String, String> values = new LinkedHashMap<>();

        Headers(JsonNode list) {
            for (JsonNode h : list) {
                String name = h.path("name").asString("");
                JsonNode value = h.path("value");
                if (name.isBlank() || !value.isString()) continue;
                values.putIfAbsent(name.toLowerCase(Locale.ROOT), decodeWords(value.asString()));
            }
        }

        String first(String name) {
            return values.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One address of an address list, with its display name when there is one. */
    record Mailbox(String email, String name) {}

    /** The addresses of a header like {@code "Ada L." <ada@x.test>, bob@y.test}; unreadable entries are skipped. */
    static List<Mailbox> addresses(String header) {
        List<Mailbox> out = new ArrayList<>();
        if (header == null) return out;
        for (String entry : splitList(header)) {
            Matcher m = ADDRESS.matcher(entry);
            String email = null;
            while (m.find()) email = m.group();
            email = VendorValues.email(email);
            if (email == null) continue;
            int lt = entry.indexOf('<');
            String name = lt > 0 ? entry.substring(0, lt).replace("\"", "").strip() : null;
            out.add(new Mailbox(email, name == null || name.isEmpty() ? null : VendorValues.clean(name, 200)));
        }
        return out;
    }

    private static List<String> emails(List<Mailbox> boxes) {
        List<String> out = new ArrayList<>();
        boxes.forEach(b -> { if (!out.contains(b.email())) out.add(b.email()); });
        return out;
    }

    /** Splits an address list on commas and semicolons outside quotes and angle brackets. */
    private static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (char c : s.toCharArray()) {
            if (c == '"') quoted = !quoted;
            else if (c == '<' && !quoted) angle++;
            else if (c == '>' && !quoted && angle > 0) angle--;
            if ((c == ',' || c == ';') && !quoted && angle == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** RFC 2047 encoded words decoded; anything unreadable is left as written. */
    static String decodeWords(String value) {
        if (!value.contains("=?")) return value;
        Matcher m = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String between = value.substring(last, m.start());
            if (!(last > 0 && between.isBlank())) out.append(between);
            try {
                Charset cs = Charset.forName(m.group(1));
                byte[] bytes = m.group(2).equalsIgnoreCase("B") ? Base64.getDecoder().decode(m.group(3))
                        : qp(m.group(3).replace('_', ' '));
                out.append(new String(bytes, cs));
            } catch (RuntimeException e) {
                out.append(m.group());
            }
            last = m.end();
        }
        return out.append(value.substring(last)).toString();
    }

    private static byte[] qp(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    /** Gmail's snippet is HTML-escaped. */
    static String unescape(String snippet) {
        if (snippet == null) return null;
        return snippet.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    static Optional<String> firstAddress(String header) {
        List<Mailbox> a = addresses(header);
        return a.isEmpty() ? Optional.empty() : Optional.of(a.getFirst().email());
    }
}
