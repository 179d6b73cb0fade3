package io.revtops.approvals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-line footer on text the agent sends out on someone's behalf (emails, SMS, Slack posts, created issues), so
 * recipients know an assistant wrote it. Added to the first text field of the operation, once: text that already
 * carries the footer is left alone (edits and retries never stack it). Organizations set their own wording in
 * {@code organizations.settings.disclosure_footer}; {@code {user}} stands for the requester's name.
 */
public final class Disclosure {
    public static final String DEFAULT_FOOTER = "— Sent by Penny, the Revtops assistant, on behalf of {user}";
    /** Where outbound operations keep their text, in the order we look. */
    static final List<String> TEXT_FIELDS = List.of("body", "text", "message", "content", "description");

    private Disclosure() {}

    /** Whether an operation sends text written by the agent to people. */
    public static boolean outbound(String operation) {
        String op = operation.toLowerCase();
        return op.startsWith("send_") || op.startsWith("post_") || op.startsWith("reply") || op.equals("create_issue")
                || op.contains("comment");
    }

    /** The footer for an organization's template and the requester's name. */
    public static String footer(String template, String userName) {
        String t = template == null || template.isBlank() ? DEFAULT_FOOTER : template.strip();
        return t.replace("{user}", userName == null || userName.isBlank() ? "a teammate" : userName);
    }

    /** The parameters with the footer appended to their first text field, unless it is there already. */
    public static Map<String, Object> apply(Map<String, Object> params, String footer) {
        for (String field : TEXT_FIELDS) {
            if (params.get(field) instanceof String text) {
                if (text.contains(footer)) return params;
                Map<String, Object> out = new LinkedHashMap<>(params);
                out.put(field, text.stripTrailing() + "\n\n" + footer);
                return out;
            }
        }
        return params;
    }
}
