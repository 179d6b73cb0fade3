package io.revtops.connectors.gmail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The RFC 2822 message {@code send_email} hands Gmail (base64url in {@code raw}): plain text in UTF-8 (base64
 * transfer encoding), non-ASCII subjects as RFC 2047 encoded words, and a {@code Message-ID} derived from the
 * operation's idempotency key, so the same operation always names the same message and can be found again with
 * {@code rfc822msgid:} before it is sent a second time.
 */
final class GmailOutgoing {
    private GmailOutgoing() {}

    /** What to send. Addresses are already validated; text fields carry no line breaks where headers need none. */
    record Mail(String from, List<String> to, List<String> cc, String subject, String body, Optional<String> inReplyTo,
                Instant date, String messageId) {}

    /** {@code <revtops.<32 hex>@<sender's domain>>}: the same key always gives the same id. */
    static String messageId(String idempotencyKey, String fromAddress) {
        String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("revtops-send:" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return "<revtops." + HexFormat.of().formatHex(d, 0, 16) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message as Gmail's {@code raw}: base64url of the RFC 2822 text. */
    static String raw(Mail m) {
        StringBuilder s = new StringBuilder();
        header(s, "From", m.from());
        header(s, "To", String.join(", ", m.to()));
        if (!m.cc().isEmpty()) header(s, "Cc", String.join(", ", m.cc()));
        header(s, "Subject", encodeSubject(m.subject()));
        header(s, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(m.date().atOffset(ZoneOffset.UTC)));
        header(s, "Message-ID", m.messageId());
        m.inReplyTo().ifPresent(r -> {
            header(s, "In-Reply-To", r);
            header(s, "References", r);
        });
        header(s, "MIME-Version", "1.0");
        header(s, "Content-Type", "text/plain; charset=UTF-8");
        header(s, "Content-Transfer-Encoding", "base64");
        s.append("\r\n");
        String normalized = m.body().replace("\r\n", "\n").replace("\n", "\r\n");
        s.append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(normalized.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        return Base64.getUrlEncoder().encodeToString(s.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void header(StringBuilder s, String name, String value) {
        s.append(name).append(": ").append(value).append("\r\n");
    }

    /** ASCII subjects as they are; others as UTF-8 B-encoded words of at most 45 bytes each, folded. */
    static String encodeSubject(String subject) {
        if (subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && subject.length() <= 900) return subject;
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < subject.length(); ) {
            int cp = subject.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int n = ch.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > 45) {
                words.add(word(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(ch);
            bytes += n;
            i += Character.charCount(cp);
        }
        if (!chunk.isEmpty()) words.add(word(chunk.toString()));
        return String.join("\r\n ", words);
    }

    private static String word(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
