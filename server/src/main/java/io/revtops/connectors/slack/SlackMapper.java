package io.revtops.connectors.slack;

import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.connectors.mapping.VendorValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Slack JSON → normalized rows: a message becomes an {@code activities} row of type {@code slack_message} (source id
 * {@code <channel id>:<ts>}, subject {@code #channel}, the text as plain text, the date from {@code ts}, the author
 * as {@code owner_source_id}, resolved to a member through the identity mappings); a member becomes an
 * {@code identity_mappings} record (their id and profile e-mail).
 */
final class SlackMapper {
    private SlackMapper() {}

    /** A record Slack sent that cannot become a row (no ts, a ts that is not a Slack timestamp). */
    static final class Unmappable extends RuntimeException {
        final String sourceId;

        Unmappable(String sourceId, String message) {
            super(message);
            this.sourceId = sourceId;
        }
    }

    private static final Pattern TS = Pattern.compile("\\d{1,12}(\\.\\d{1,6})?");
    private static final Pattern ESCAPE = Pattern.compile("<([^<>]{1,3000})>");

    /** A Slack ts ({@code "1712345678.000200"}) as a number, or empty when it is not one. */
    static Optional<BigDecimal> ts(String ts) {
        if (ts == null || !TS.matcher(ts).matches()) return Optional.empty();
        return Optional.of(new BigDecimal(ts));
    }

    static Instant instant(BigDecimal ts) {
        long seconds = ts.longValue();
        long micros = ts.subtract(BigDecimal.valueOf(seconds)).movePointRight(6).longValue();
        return Instant.ofEpochSecond(seconds, micros * 1_000);
    }

    /** One channel message (or thread reply) as an activity. */
    static SyncedRecord message(String channelId, String channelName, JsonNode m) {
        String rawTs = m.path("ts").isString() ? m.path("ts").asString() : null;
        String sourceId = channelId + ":" + (rawTs == null ? "?" : VendorValues.clean(rawTs, 40));
        if (rawTs == null) throw new Unmappable(sourceId, "Slack message without a ts");
        BigDecimal ts = ts(rawTs).orElseThrow(() -> new Unmappable(sourceId, "Slack message ts '" + VendorValues.clean(rawTs, 40)
                + "' is not a Slack timestamp"));
        String text = plainText(m.path("text").isString() ? m.path("text").asString() : "");
        if (text.isBlank()) text = blocksText(m.path("blocks"));
        String author = VendorValues.text(m.path("user"));
        if (author == null) author = VendorValues.text(m.path("bot_id"));
        String threadTs = VendorValues.text(m.path("thread_ts"));
        String subject = "#" + channelName;
        SyncedRecord.Builder b = SyncedRecord.of(SyncedTable.ACTIVITIES, channelId + ":" + rawTs)
                .set("type", "slack_message")
                .set("subject", subject)
                .set("description", VendorValues.clean(text, VendorValues.MAX_LONG))
                .set("activity_date", instant(ts))
                .set("owner_source_id", VendorValues.text(m.path("user")))
                .set("thread_id", threadTs == null ? null : channelId + ":" + threadTs)
                .set("searchable_text", VendorValues.clean(subject + "\n" + text, VendorValues.MAX_LONG))
                .custom("channel_id", channelId)
                .custom("channel_name", channelName)
                .custom("ts", rawTs)
                .custom("thread_ts", threadTs)
                .custom("author", author)
                .custom("subtype", VendorValues.text(m.path("subtype")))
                .custom("bot_id", VendorValues.text(m.path("bot_id")));
        if (m.path("reply_count").isNumber()) b.custom("reply_count", m.path("reply_count").asInt());
        return b.build();
    }

    /** A member as an identity mapping: their id and profile e-mail (null when Slack does not show it). */
    static SyncedRecord member(JsonNode u) {
        String id = VendorValues.text(u.path("id"));
        if (id == null) throw new Unmappable("?", "Slack member without an id");
        return SyncedRecord.of(SyncedTable.IDENTITY_MAPPINGS, id)
                .set("external_email", VendorValues.email(u.path("profile").path("email")))
                .build();
    }

    /** Whether a member is a person of the workspace (not a bot, an app, Slackbot, or deleted). */
    static boolean isPerson(JsonNode u) {
        return !u.path("deleted").asBoolean(false) && !u.path("is_bot").asBoolean(false)
                && !u.path("is_app_user").asBoolean(false) && !"USLACKBOT".equals(u.path("id").asString(""));
    }

    /**
     * Slack's mrkdwn as plain text: {@code <@U1|name>} → {@code @name}, {@code <#C1|deals>} → {@code #deals},
     * {@code <!here>} → {@code @here}, {@code <https://x|label>} → {@code label (https://x)}, and the three HTML
     * escapes Slack uses undone.
     */
    static String plainText(String mrkdwn) {
        if (mrkdwn == null || mrkdwn.isEmpty()) return "";
        Matcher m = ESCAPE.matcher(mrkdwn);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(link(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String link(String inner) {
        int bar = inner.indexOf('|');
        String target = bar < 0 ? inner : inner.substring(0, bar);
        String label = bar < 0 ? null : inner.substring(bar + 1);
        if (target.startsWith("@")) return "@" + (label != null ? label.replaceFirst("^@", "") : target.substring(1));
        if (target.startsWith("#")) return "#" + (label != null ? label : target.substring(1));
        if (target.startsWith("!")) {
            String special = target.substring(1);
            if (label != null) return label;
            int caret = special.indexOf('^');
            return "@" + (caret < 0 ? special : special.substring(0, caret));
        }
        if (target.startsWith("mailto:")) return label != null ? label : target.substring(7);
        if (label == null || label.equals(target)) return target;
        return label + " (" + target + ")";
    }

    /** The text of section/rich-text blocks, for messages whose text field is empty. */
    private static String blocksText(JsonNode blocks) {
        if (!blocks.isArray()) return "";
        StringBuilder out = new StringBuilder();
        for (JsonNode b : blocks) collect(b, out, 0);
        return out.toString().strip();
    }

    private static void collect(JsonNode n, StringBuilder out, int depth) {
        if (depth > 8 || out.length() > VendorValues.MAX_LONG) return;
        if (n.isObject()) {
            if (n.path("text").isString()) out.append(plainText(n.path("text").asString())).append(' ');
            else if (n.path("text").isObject()) collect(n.path("text"), out, depth + 1);
            for (String key : new String[] {"elements", "fields"}) {
                if (n.path(key).isArray()) for (JsonNode c : n.path(key)) collect(c, out, depth + 1);
            }
        }
    }
}
