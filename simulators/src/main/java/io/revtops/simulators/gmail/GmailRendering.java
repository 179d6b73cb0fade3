package io.revtops.simulators.gmail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Gmail's JSON for messages (the {@code Message} resource with its MIME {@code payload}) and history records. */
final class GmailRendering {

    private GmailRendering() {
    }

    static Map<String, Object> message(GmailStore.Message m, String format, List<String> metadataHeaders) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("threadId", m.threadId());
        out.put("labelIds", m.labels());
        out.put("snippet", snippet(m.text()));
        List<Map<String, Object>> headers = headers(m);
        switch (format) {
            case "full" -> out.put("payload", payload(m, headers));
            case "metadata" -> {
                List<Map<String, Object>> kept = metadataHeaders.isEmpty() ? headers : headers.stream()
                        .filter(h -> metadataHeaders.stream().anyMatch(n -> n.equalsIgnoreCase((String) h.get("name"))))
                        .toList();
                out.put("payload", Map.of("mimeType", m.html() ? "multipart/alternative" : "text/plain", "headers", kept));
            }
            case "raw" -> out.put("raw", GmailMime.base64url(raw(headers, m.text())));
            default -> {
                // minimal: ids, labels, snippet and dates only
            }
        }
        out.put("sizeEstimate", 600 + m.text().length() * (m.html() ? 3 : 1));
        out.put("historyId", Long.toString(m.historyId()));
        out.put("internalDate", Long.toString(m.internalDate()));
        out.putAll(m.overrides());
        return out;
    }

    private static List<Map<String, Object>> headers(GmailStore.Message m) {
        List<Map<String, Object>> h = new ArrayList<>();
        h.add(GmailMime.header("MIME-Version", "1.0"));
        h.add(GmailMime.header("Date", m.dateHeader()));
        h.add(GmailMime.header("Message-ID", m.rfc822Id()));
        h.add(GmailMime.header("Subject", m.subject()));
        h.add(GmailMime.header("From", m.fromHeader()));
        h.add(GmailMime.header("To", m.toHeader()));
        if (m.ccHeader() != null && !m.ccHeader().isBlank()) {
            h.add(GmailMime.header("Cc", m.ccHeader()));
        }
        h.add(GmailMime.header("Content-Type", m.html() ? "multipart/alternative; boundary=\"000000000000sim" + m.id() + "\""
                : "text/plain; charset=\"UTF-8\""));
        return h;
    }

    private static Map<String, Object> payload(GmailStore.Message m, List<Map<String, Object>> headers) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("partId", "");
        if (!m.html()) {
            p.put("mimeType", "text/plain");
            p.put("filename", "");
            p.put("headers", headers);
            p.put("body", body(m.text()));
            return p;
        }
        p.put("mimeType", "multipart/alternative");
        p.put("filename", "");
        p.put("headers", headers);
        p.put("body", Map.of("size", 0));
        p.put("parts", List.of(
                part("0", "text/plain", m.text()),
                part("1", "text/html", html(m.text()))));
        return p;
    }

    private static Map<String, Object> part(String id, String mimeType, String content) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("partId", id);
        p.put("mimeType", mimeType);
        p.put("filename", "");
        p.put("headers", List.of(GmailMime.header("Content-Type", mimeType + "; charset=\"UTF-8\""),
                GmailMime.header("Content-Transfer-Encoding", "quoted-printable")));
        p.put("body", body(content));
        return p;
    }

    private static Map<String, Object> body(String content) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("size", content.getBytes(StandardCharsets.UTF_8).length);
        b.put("data", GmailMime.base64url(content));
        return b;
    }

    private static String html(String text) {
        return "<div dir=\"ltr\">" + escape(text).replace("\n", "<br>") + "</div>";
    }

    private static String raw(List<Map<String, Object>> headers, String text) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> h : headers) {
            if (((String) h.get("name")).equalsIgnoreCase("Content-Type")) {
                sb.append("Content-Type: text/plain; charset=\"UTF-8\"\r\n");
                continue;
            }
            sb.append(h.get("name")).append(": ").append(h.get("value")).append("\r\n");
        }
        return sb.append("\r\n").append(text.replace("\n", "\r\n")).toString();
    }

    /** Gmail's snippet: the start of the text, whitespace folded, HTML-escaped. */
    static String snippet(String text) {
        String s = text.replaceAll("\\s+", " ").strip();
        if (s.length() > 200) {
            s = s.substring(0, 200);
        }
        return escape(s).replace("'", "&#39;").replace("\"", "&quot;");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static Optional<Map<String, Object>> history(GmailStore.History h, List<String> types, Optional<String> label) {
        boolean all = types.isEmpty();
        List<GmailStore.Message> added = all || types.contains("messageAdded") ? h.added() : List.of();
        List<GmailStore.Message> deleted = all || types.contains("messageDeleted") ? h.deleted() : List.of();
        if (label.isPresent()) {
            added = added.stream().filter(m -> m.labels().contains(label.get().toUpperCase(Locale.ROOT))).toList();
            deleted = deleted.stream().filter(m -> m.labels().contains(label.get().toUpperCase(Locale.ROOT))).toList();
        }
        if (added.isEmpty() && deleted.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Long.toString(h.id()));
        List<Map<String, Object>> messages = new ArrayList<>();
        added.forEach(m -> messages.add(ref(m)));
        deleted.forEach(m -> messages.add(ref(m)));
        out.put("messages", messages);
        if (!added.isEmpty()) {
            out.put("messagesAdded", added.stream().map(m -> Map.of("message", withLabels(m))).toList());
        }
        if (!deleted.isEmpty()) {
            out.put("messagesDeleted", deleted.stream().map(m -> Map.of("message", withLabels(m))).toList());
        }
        return Optional.of(out);
    }

    private static Map<String, Object> ref(GmailStore.Message m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", m.id());
        r.put("threadId", m.threadId());
        return r;
    }

    private static Map<String, Object> withLabels(GmailStore.Message m) {
        Map<String, Object> r = ref(m);
        r.put("labelIds", m.labels());
        return r;
    }
}
