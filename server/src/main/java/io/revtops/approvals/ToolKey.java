package io.revtops.approvals;

import io.revtops.platform.errors.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name under which one use of an external tool is auto-approved (per user, per workflow) or denied (per
 * organization). A use is {@code <tool>:<connector>.<operation>}, e.g. {@code write_to_system:hubspot.update_deal},
 * {@code run_action:slack.send_message}, or {@code trigger_sync:hubspot}. A setting may name it exactly or cover more:
 * <ul>
 *   <li>{@code <tool>} — every use of the tool ({@code run_action});</li>
 *   <li>{@code <tool>:<connector>.*} — every operation of one connector ({@code write_to_system:hubspot.*});</li>
 *   <li>{@code <tool>:<operation>} — that operation on any connector ({@code run_action:send_email} covers Gmail and
 *       Microsoft mail);</li>
 *   <li>an alias: {@code run_action:send_slack} = {@code run_action:slack.send_message},
 *       {@code run_action:send_sms} = {@code run_action:twilio.send_sms}.</li>
 * </ul>
 * CRM proposals of {@code run_sql_write} are judged under the {@code write_to_system} key of the write they become.
 */
public record ToolKey(String tool, Optional<String> connector, Optional<String> operation) {

    /** The tools whose uses need approval or can be denied. */
    public static final Set<String> TOOLS = Set.of("write_to_system", "run_action", "trigger_sync", "run_sql_write");

    /** Friendly names for common actions, as people say them. */
    public static final Map<String, String> ALIASES = Map.of(
            "send_slack", "slack.send_message",
            "send_sms", "twilio.send_sms");

    private static final Pattern SETTING = Pattern.compile(
            "(write_to_system|run_action|trigger_sync|run_sql_write)(?::([a-z][a-z0-9_]{0,60})(?:\\.([a-z][a-z0-9_]{0,80}|\\*))?)?");

    public ToolKey {
        connector = connector == null ? Optional.empty() : connector;
        operation = operation == null ? Optional.empty() : operation;
    }

    /** One use: a tool on a connector's operation. */
    public static ToolKey of(String tool, String connector, String operation) {
        return new ToolKey(tool, Optional.of(connector), Optional.ofNullable(operation));
    }

    /** The tool as a whole ({@code run_sql_write}, {@code trigger_sync}). */
    public static ToolKey tool(String tool) {
        return new ToolKey(tool, Optional.empty(), Optional.empty());
    }

    /** The exact key of this use, e.g. {@code write_to_system:hubspot.update_deal}. */
    public String canonical() {
        if (connector.isEmpty()) return tool;
        return tool + ":" + connector.get() + operation.map(o -> "." + o).orElse("");
    }

    /** Every setting key that covers this use, broadest first. */
    public List<String> coveredBy() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(tool);
        connector.ifPresent(c -> {
            if (operation.isEmpty()) {
                keys.add(tool + ":" + c);
                return;
            }
            String op = operation.get();
            keys.add(tool + ":" + c + ".*");
            keys.add(tool + ":" + op);
            keys.add(tool + ":" + c + "." + op);
            ALIASES.forEach((alias, target) -> {
                if (target.equals(c + "." + op)) keys.add(tool + ":" + alias);
            });
        });
        return new ArrayList<>(keys);
    }

    /** Checks a key given by a person (REST); a 400 naming the format when it is not one. */
    public static String validSetting(String key) {
        String k = key == null ? "" : key.strip();
        Matcher m = SETTING.matcher(k);
        if (!m.matches()) {
            throw new ApiException.InvalidInput("invalid_tool_key", "'" + abbreviate(k) + "' is not a tool key. Use <tool>, "
                    + "<tool>:<connector>.<operation>, <tool>:<connector>.* or <tool>:<operation>, with tool one of "
                    + String.join(", ", TOOLS.stream().sorted().toList())
                    + " (e.g. write_to_system:hubspot.update_deal, run_action:send_slack)");
        }
        return k;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    @Override
    public String toString() {
        return canonical();
    }
}
