package io.revtops.connectors.slack;

import io.revtops.connectors.ApiClient;
import io.revtops.connectors.ApiRequest;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.http.VendorErrors;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's Web API methods as Revtops calls them, over the shared {@link ApiClient} (which adds the bot token, the
 * per-integration rate limit and retries 429/5xx honouring {@code Retry-After}). Reads are {@code GET
 * /<method>?…}; writes are {@code POST /<method>} with a JSON body. Slack answers failures with HTTP 200 and
 * {@code {"ok":false,"error":"<code>"}}: {@link #check} turns those into the SPI's exceptions — auth codes into
 * {@link ConnectorException.NeedsReconnect} ("Reconnect Slack", never retried), {@code ratelimited} into
 * {@link ConnectorException.RateLimited}, Slack's own outages into {@link ConnectorException.Unavailable}, and every
 * other code into {@link ConnectorException.Rejected} whose message names the method, the code and what to do.
 *
 * <p>Idempotency: Slack ignores {@code Idempotency-Key}, so this client never sends one; exactly-once posting is the
 * connector's job (message metadata, see {@link SlackConnector}).
 */
public final class SlackClient {
    /** Page size for lists and history (Slack recommends at most 200). */
    static final int PAGE = 200;
    /** Slack's limit on message text. */
    public static final int MAX_TEXT = 40_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> AUTH = Set.of("invalid_auth", "not_authed", "token_revoked", "token_expired",
            "account_inactive", "no_permission_for_token", "org_login_required", "ekm_access_denied", "team_access_not_granted");
    private static final Set<String> OUTAGE = Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");
    private static final Map<String, String> HINTS = Map.of(
            "not_in_channel", "the Revtops app is not a member of that channel; invite it with /invite @Revtops",
            "channel_not_found", "no channel with that id or name is visible to the Revtops app",
            "is_archived", "the channel is archived",
            "msg_too_long", "the text is longer than Slack's 40 000 characters",
            "no_text", "the message has no text",
            "missing_scope", "the Slack app lacks a permission scope; reinstall it with the scopes in docs/connectors/slack.md",
            "invalid_arguments", "Slack refused the arguments",
            "thread_not_found", "no message with that thread_ts in the channel",
            "restricted_action", "a workspace setting forbids the app to post there",
            "invalid_cursor", "the paging cursor is no longer valid");

    private final ApiClient http;

    public SlackClient(ApiClient http) {
        this.http = http;
    }

    /** {@code GET /<method>} with query parameters; the answer after {@link #check}. */
    public JsonNode read(String method, Map<String, String> params) {
        return check(method, http.send(ApiRequest.get("/" + method, params).onApi(bucket(method))).json());
    }

    /** {@code POST /<method>} with a JSON body; the answer after {@link #check}. */
    public JsonNode write(String method, Map<String, Object> body) {
        ApiRequest request = ApiRequest.json("POST", "/" + method, body, Optional.empty())
                .withHeader("Content-Type", "application/json; charset=utf-8").onApi(bucket(method));
        return check(method, http.send(request).json());
    }

    /** {@code auth.test}: who the token is (team_id, user_id of the bot). */
    public JsonNode authTest() {
        return read("auth.test", Map.of());
    }

    /** {@code chat.postMessage}. */
    public JsonNode postMessage(Map<String, Object> body) {
        return write("chat.postMessage", body);
    }

    /** {@code chat.update}. */
    public JsonNode update(Map<String, Object> body) {
        return write("chat.update", body);
    }

    /** {@code chat.postEphemeral}: a message only {@code user} sees in {@code channel}. */
    public JsonNode postEphemeral(String channel, String user, String text) {
        return write("chat.postEphemeral", Map.of("channel", channel, "user", user, "text", text));
    }

    /** Every public channel (all pages of {@code conversations.list}), archived ones left out. */
    List<JsonNode> publicChannels() {
        List<JsonNode> all = new java.util.ArrayList<>();
        Optional<String> cursor = Optional.empty();
        for (int guard = 0; guard < 1_000; guard++) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("types", "public_channel");
            q.put("exclude_archived", "true");
            q.put("limit", Integer.toString(PAGE));
            cursor.ifPresent(c -> q.put("cursor", c));
            JsonNode page = read("conversations.list", q);
            JsonNode channels = page.path("channels");
            if (!channels.isArray()) throw new ConnectorException.MalformedResponse("Slack's conversations.list has no channels array");
            channels.forEach(all::add);
            cursor = nextCursor(page);
            if (cursor.isEmpty()) return all;
        }
        throw new ConnectorException.MalformedResponse("Slack's conversations.list does not end (1 000 pages)");
    }

    /** The cursor of the next page ({@code response_metadata.next_cursor}), empty on the last page. */
    static Optional<String> nextCursor(JsonNode page) {
        String c = page.path("response_metadata").path("next_cursor").asString("");
        return c.isBlank() ? Optional.empty() : Optional.of(c);
    }

    /** Slack's error code of a refusal this client raised, if it was one. */
    public static Optional<String> errorCode(ConnectorException e) {
        if (!(e instanceof ConnectorException.Rejected r)) return Optional.empty();
        try {
            String code = JSON.readTree(r.vendorBody()).path("error").asString("");
            return code.isBlank() ? Optional.empty() : Optional.of(code);
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    /** Slack's {@code ok:false} answers as the SPI's exceptions; an answer without {@code ok} is malformed. */
    static JsonNode check(String method, JsonNode answer) {
        if (!answer.isObject() || !answer.path("ok").isBoolean()) {
            throw new ConnectorException.MalformedResponse("Slack's answer to " + method + " has no 'ok' field");
        }
        if (answer.path("ok").asBoolean()) return answer;
        String code = answer.path("error").asString("unknown_error");
        if (AUTH.contains(code)) throw new ConnectorException.NeedsReconnect(SlackConnector.NAME);
        if (code.equals("ratelimited")) {
            throw new ConnectorException.RateLimited("Slack rate limit on " + method, Optional.of(Duration.ofSeconds(30)));
        }
        if (OUTAGE.contains(code)) throw new ConnectorException.Unavailable("Slack could not answer " + method + " (" + code + ")");
        String hint = HINTS.getOrDefault(code, "");
        if (code.equals("missing_scope") && answer.path("needed").isString()) hint += " (needed: " + answer.path("needed").asString() + ")";
        String message = "Slack refused " + method + ": " + code + (hint.isEmpty() ? "" : " — " + hint);
        throw new ConnectorException.Rejected(200, VendorErrors.keptBody(message), VendorErrors.keptBody(answer.toString()));
    }

    /** Posting has its own Slack limit (about one message per second per channel); reads share the Tier 3 budget. */
    private static String bucket(String method) {
        return method.startsWith("chat.") || method.startsWith("reactions.") ? "post" : "default";
    }
}
