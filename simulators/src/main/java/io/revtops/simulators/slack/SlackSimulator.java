package io.revtops.simulators.slack;

import io.revtops.simulators.common.AuthResult;
import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.Routes;
import io.revtops.simulators.common.SimRequest;
import io.revtops.simulators.common.SimResponse;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.common.TokenStatus;
import io.revtops.simulators.common.VendorSimulator;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.slack.SlackStore.Channel;
import io.revtops.simulators.slack.SlackStore.Message;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * Slack's Web API as a bot token sees it: {@code auth.test}, {@code conversations.list|history|replies},
 * {@code users.list}, {@code chat.postMessage|update|postEphemeral}, {@code reactions.add}. Like Slack, every method
 * is {@code /api/<method>}, takes its arguments as query parameters, a form body or (for writes) a JSON body, and
 * answers HTTP 200 with {@code {"ok":false,"error":"<code>"}} on failure — except rate limits, which are HTTP 429 with
 * {@code Retry-After}. Slack ignores {@code Idempotency-Key}; message {@code metadata} is how a client finds out
 * whether an earlier post went through ({@code include_all_metadata=true} on history).
 */
public final class SlackSimulator extends VendorSimulator {

    public static final String SLUG = "slack";
    static final int MAX_TEXT = 40_000;

    /** A message the bot posted or updated, or an ephemeral reply, as a test sees it. */
    public record Posted(String method, String channel, String ts, String text, JsonNode blocks, Optional<String> threadTs,
                         Optional<JsonNode> metadata, Optional<String> user) {}

    private final SlackStore store;
    private final String botToken;
    private final List<Posted> posted = new CopyOnWriteArrayList<>();

    public SlackSimulator(DemoCompany company, TokenRegistry tokens, Clock clock) {
        super(SLUG, tokens, clock);
        this.store = SlackStore.seed(company, clock);
        this.botToken = "xoxb-" + Math.abs(company.seed()) + "-" + UUID.nameUUIDFromBytes(("slack:" + company.seed())
                .getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        tokens.register(botToken, SLUG);
    }

    @Override
    protected boolean honoursIdempotencyKeys() {
        return false;
    }

    // ------------------------------------------------------------------ test hooks

    /** The demo workspace's bot token ({@code xoxb-…}, never expires unless revoked). */
    public String botToken() {
        return botToken;
    }

    /** The Web API root, like {@code https://slack.com/api}: methods are {@code <apiUrl>/<method>}. */
    public String apiUrl() {
        return baseUrl() + "/api";
    }

    public String teamId() {
        return store.teamId();
    }

    /** The Revtops bot's own member id. */
    public String botUserId() {
        return SlackStore.BOT_USER;
    }

    /** The member id of a demo employee (by generator id) as Slack shows it. */
    public String userIdOf(String employeeId) {
        return SlackStore.userId(employeeId);
    }

    /** The channel id of a demo channel (by generator id). */
    public String channelIdOf(String demoChannelId) {
        return SlackStore.channelId(demoChannelId);
    }

    /** The id of a public channel by name. */
    public String channelId(String name) {
        return store.resolve("#" + name, false).filter(c -> !c.im).map(c -> c.id)
                .orElseThrow(() -> new IllegalArgumentException("no channel #" + name));
    }

    /** Every message in the public channels (thread replies included), as a full sync should find them. */
    public int publicMessageCount() {
        return store.publicChannels().stream().mapToInt(c -> c.messages.size()).sum();
    }

    /** A member posts in a channel now (as if typed in Slack); returns the new message's ts. */
    public String postAs(String userId, String channelId, String text) {
        Channel ch = store.resolve(channelId, false).orElseThrow(() -> new IllegalArgumentException("no channel " + channelId));
        return store.post(ch, userId, text, null, Optional.empty(), Optional.empty(), Optional.empty()).ts;
    }

    /** A member replies in a thread now; returns the reply's ts. */
    public String replyAs(String userId, String channelId, String threadTs, String text) {
        Channel ch = store.resolve(channelId, false).orElseThrow(() -> new IllegalArgumentException("no channel " + channelId));
        return store.post(ch, userId, text, null, Optional.of(threadTs), Optional.empty(), Optional.empty()).ts;
    }

    /** Stores a message exactly as given (e.g. without a ts), newest in the channel. */
    public void addRawMessage(String channelId, Map<String, Object> json) {
        Channel ch = store.resolve(channelId, false).orElseThrow(() -> new IllegalArgumentException("no channel " + channelId));
        store.addRaw(ch, json);
    }

    /** Takes the bot out of a channel: history then answers {@code not_in_channel}. */
    public void removeBotFrom(String channelId) {
        store.resolve(channelId, false).orElseThrow().members.remove(SlackStore.BOT_USER);
    }

    /** Adds a member (e.g. a deleted one, or one without an e-mail) to the workspace. */
    public void addUser(String id, String name, String email, boolean bot, boolean deleted) {
        store.addUser(new SlackStore.User(id, name, name, email, "", "UTC", bot, deleted));
    }

    /** What the bot posted ({@code chat.postMessage}), updated ({@code chat.update}) or said ephemerally, in order. */
    public List<Posted> posted() {
        return List.copyOf(posted);
    }

    public List<Posted> posted(String method) {
        return posted.stream().filter(p -> p.method().equals(method)).toList();
    }

    /** Reactions on a message: name → members. */
    public Map<String, List<String>> reactions(String channelId, String ts) {
        Channel ch = store.resolve(channelId, false).orElseThrow();
        return store.message(ch, ts).map(m -> Map.copyOf(m.reactions)).orElse(Map.of());
    }

    // ------------------------------------------------------------------ routes

    @Override
    protected void declareRoutes(Routes routes) {
        for (String method : List.of("auth.test", "conversations.list", "conversations.history", "conversations.replies",
                "users.list", "chat.postMessage", "chat.update", "chat.postEphemeral", "reactions.add")) {
            routes.get("/api/" + method, r -> dispatch(method, r));
            routes.post("/api/" + method, r -> dispatch(method, r));
        }
    }

    @Override
    protected void declareAdminRoutes(Routes routes) {
        routes.admin("POST", "/__sim/post", r -> SimResponse.ok(Json.object("ts", postAs(r.json().path("user").asString(""),
                r.json().path("channel").asString(""), r.json().path("text").asString("")))));
        routes.admin("GET", "/__sim/posted", r -> SimResponse.ok(posted.stream().map(p -> Json.object("method", p.method(),
                "channel", p.channel(), "ts", p.ts(), "text", p.text())).toList()));
    }

    private SimResponse dispatch(String method, SimRequest r) {
        Params p;
        try {
            p = Params.of(r);
        } catch (RuntimeException e) {
            return fail("invalid_json");
        }
        return switch (method) {
            case "auth.test" -> SimResponse.ok(Json.object("ok", true, "url", "https://acme-demo.slack.com/", "team", "Acme demo",
                    "user", "revtops", "team_id", store.teamId(), "user_id", SlackStore.BOT_USER, "bot_id", SlackStore.BOT_ID,
                    "is_enterprise_install", false));
            case "conversations.list" -> conversationsList(p);
            case "conversations.history" -> history(p);
            case "conversations.replies" -> replies(p);
            case "users.list" -> usersList(p);
            case "chat.postMessage" -> postMessage(p);
            case "chat.update" -> update(p);
            case "chat.postEphemeral" -> postEphemeral(p);
            case "reactions.add" -> reactionsAdd(p);
            default -> fail("unknown_method");
        };
    }

    private SimResponse conversationsList(Params p) {
        Optional<Integer> limit = p.limit(100, 1000);
        if (limit.isEmpty()) return fail("invalid_limit");
        String types = p.get("types").orElse("public_channel");
        boolean excludeArchived = p.bool("exclude_archived");
        for (String t : types.split(",")) {
            if (!List.of("public_channel", "private_channel", "mpim", "im").contains(t.strip())) return fail("invalid_types");
        }
        List<Map<String, Object>> all = new ArrayList<>();
        if (List.of(types.split(",")).stream().map(String::strip).anyMatch("public_channel"::equals)) {
            for (Channel c : store.publicChannels()) if (!(excludeArchived && c.archived)) all.add(store.channelJson(c));
        }
        return page(all, p, limit.get(), "channels");
    }

    private SimResponse usersList(Params p) {
        Optional<Integer> limit = p.limit(0, 1000);
        if (limit.isEmpty()) return fail("invalid_limit");
        List<Map<String, Object>> all = store.users().stream().map(store::userJson).toList();
        return page(all, p, limit.get() == 0 ? all.size() : limit.get(), "members");
    }

    /** Offset paging with Slack's opaque base64 cursors; {@code next_cursor} is empty on the last page. */
    private SimResponse page(List<Map<String, Object>> all, Params p, int limit, String key) {
        int offset = 0;
        Optional<String> cursor = p.get("cursor").filter(c -> !c.isBlank());
        if (cursor.isPresent()) {
            Optional<String> decoded = decode(cursor.get()).filter(d -> d.startsWith("offset:"));
            if (decoded.isEmpty()) return fail("invalid_cursor");
            try {
                offset = Integer.parseInt(decoded.get().substring(7));
            } catch (NumberFormatException e) {
                return fail("invalid_cursor");
            }
        }
        int end = Math.min(all.size(), offset + Math.max(1, limit));
        List<Map<String, Object>> slice = offset >= all.size() ? List.of() : all.subList(offset, end);
        String next = end < all.size() ? encode("offset:" + end) : "";
        return SimResponse.ok(Json.object("ok", true, key, slice, "response_metadata", Json.object("next_cursor", next)));
    }

    private SimResponse history(Params p) {
        Optional<Channel> ch = p.get("channel").flatMap(c -> store.resolve(c, false));
        if (ch.isEmpty()) return fail("channel_not_found");
        if (!ch.get().members.contains(SlackStore.BOT_USER)) return fail("not_in_channel");
        Optional<Integer> limit = p.limit(100, 999);
        Optional<BigDecimal> oldest = p.ts("oldest", BigDecimal.ZERO);
        Optional<BigDecimal> latest = p.ts("latest", new BigDecimal(Long.MAX_VALUE));
        if (limit.isEmpty() || oldest.isEmpty() || latest.isEmpty()) return fail("invalid_arguments");
        boolean inclusive = p.bool("inclusive");
        boolean metadata = p.bool("include_all_metadata");
        List<Message> all = store.history(ch.get(), oldest.get(), latest.get(), inclusive);
        int start = 0;
        Optional<String> cursor = p.get("cursor").filter(c -> !c.isBlank());
        if (cursor.isPresent()) {
            // Slack's history cursors name the next message's ts ("next_ts:<ts>")
            Optional<BigDecimal> next = decode(cursor.get()).filter(d -> d.startsWith("next_ts:"))
                    .flatMap(d -> parseTs(d.substring(8)));
            if (next.isEmpty()) return fail("invalid_cursor");
            while (start < all.size() && all.get(start).key.compareTo(next.get()) > 0) start++;
        }
        int end = Math.min(all.size(), start + limit.get());
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Message m : all.subList(start, end)) messages.add(store.json(ch.get(), m, metadata));
        boolean more = end < all.size();
        Map<String, Object> body = Json.object("ok", true, "messages", messages, "has_more", more, "pin_count", 0,
                "channel_actions_ts", null, "channel_actions_count", 0);
        body.put("response_metadata", Json.object("next_cursor", more ? encode("next_ts:" + all.get(end).key.toPlainString()) : ""));
        return SimResponse.ok(body);
    }

    private SimResponse replies(Params p) {
        Optional<Channel> ch = p.get("channel").flatMap(c -> store.resolve(c, false));
        if (ch.isEmpty()) return fail("channel_not_found");
        if (!ch.get().members.contains(SlackStore.BOT_USER)) return fail("not_in_channel");
        Optional<String> ts = p.get("ts").filter(t -> !t.isBlank());
        if (ts.isEmpty()) return fail("invalid_arguments");
        Optional<Integer> limit = p.limit(1000, 1000);
        Optional<BigDecimal> oldest = p.ts("oldest", BigDecimal.ZERO);
        Optional<BigDecimal> latest = p.ts("latest", new BigDecimal(Long.MAX_VALUE));
        if (limit.isEmpty() || oldest.isEmpty() || latest.isEmpty()) return fail("invalid_arguments");
        Optional<List<Message>> thread = store.thread(ch.get(), ts.get(), oldest.get(), latest.get(), p.bool("inclusive"));
        if (thread.isEmpty()) return fail("thread_not_found");
        List<Map<String, Object>> all = new ArrayList<>();
        for (Message m : thread.get()) all.add(store.json(ch.get(), m, p.bool("include_all_metadata")));
        SimResponse page = page(all, p, limit.get(), "messages");
        JsonNode json = Json.read(page.body());
        if (!json.path("ok").asBoolean()) return page;
        Map<String, Object> body = Json.mapper().convertValue(json, Map.class);
        body.put("has_more", !json.path("response_metadata").path("next_cursor").asString("").isEmpty());
        return SimResponse.ok(body);
    }

    private SimResponse postMessage(Params p) {
        Optional<Channel> ch = p.get("channel").flatMap(c -> store.resolve(c, true));
        if (p.get("channel").filter(c -> !c.isBlank()).isEmpty() || ch.isEmpty()) return fail("channel_not_found");
        if (!ch.get().im && !ch.get().members.contains(SlackStore.BOT_USER)) return fail("not_in_channel");
        if (ch.get().archived) return fail("is_archived");
        String text = p.get("text").orElse("");
        Optional<JsonNode> blocks = p.json("blocks");
        if (p.get("blocks").isPresent() && (blocks.isEmpty() || !blocks.get().isArray())) return fail("invalid_blocks");
        if (text.isBlank() && blocks.map(JsonNode::isEmpty).orElse(true)) return fail("no_text");
        if (text.length() > MAX_TEXT) return fail("msg_too_long");
        Optional<JsonNode> metadata = p.json("metadata");
        if (p.get("metadata").isPresent() && (metadata.isEmpty() || !metadata.get().path("event_type").isString()
                || !metadata.get().path("event_payload").isObject())) {
            return fail("invalid_metadata_format");
        }
        Optional<String> threadTs = p.get("thread_ts").filter(t -> !t.isBlank());
        if (threadTs.isPresent() && store.message(ch.get(), threadTs.get()).isEmpty()) return fail("thread_not_found");
        @SuppressWarnings("unchecked")
        Optional<Map<String, Object>> md = metadata.map(m -> (Map<String, Object>) Json.mapper().convertValue(m, Map.class));
        Message m = store.post(ch.get(), SlackStore.BOT_USER, text, blocks.map(b -> Json.mapper().convertValue(b, List.class)).orElse(null),
                threadTs, Optional.of(SlackStore.BOT_ID), md);
        posted.add(new Posted("chat.postMessage", ch.get().id, m.ts, text, blocks.orElse(null), threadTs, metadata, Optional.empty()));
        return SimResponse.ok(Json.object("ok", true, "channel", ch.get().id, "ts", m.ts, "message", store.json(ch.get(), m, true)));
    }

    private SimResponse update(Params p) {
        Optional<Channel> ch = p.get("channel").flatMap(c -> store.resolve(c, false));
        if (ch.isEmpty()) return fail("channel_not_found");
        Optional<Message> m = p.get("ts").flatMap(t -> store.message(ch.get(), t));
        if (m.isEmpty()) return fail("message_not_found");
        if (m.get().botId.isEmpty()) return fail("cant_update_message");
        String text = p.get("text").orElse("");
        Optional<JsonNode> blocks = p.json("blocks");
        if (p.get("blocks").isPresent() && (blocks.isEmpty() || !blocks.get().isArray())) return fail("invalid_blocks");
        if (text.isBlank() && blocks.isEmpty()) return fail("no_text");
        if (text.length() > MAX_TEXT) return fail("msg_too_long");
        synchronized (store) {
            m.get().text = text;
            if (blocks.isPresent()) m.get().blocks = Json.mapper().convertValue(blocks.get(), List.class);
            m.get().edited = Optional.of(m.get().ts);
        }
        posted.add(new Posted("chat.update", ch.get().id, m.get().ts, text, blocks.orElse(null), Optional.empty(), Optional.empty(),
                Optional.empty()));
        return SimResponse.ok(Json.object("ok", true, "channel", ch.get().id, "ts", m.get().ts, "text", text,
                "message", store.json(ch.get(), m.get(), false)));
    }

    private SimResponse postEphemeral(Params p) {
        Optional<Channel> ch = p.get("channel").flatMap(c -> store.resolve(c, true));
        if (ch.isEmpty()) return fail("channel_not_found");
        Optional<String> user = p.get("user").filter(u -> store.user(u).isPresent());
        if (user.isEmpty()) return fail("user_not_found");
        if (!ch.get().members.contains(user.get())) return fail("user_not_in_channel");
        String text = p.get("text").orElse("");
        if (text.isBlank() && p.get("blocks").isEmpty()) return fail("no_text");
        String ts = SlackStore.ts(clock().instant(), "0");
        posted.add(new Posted("chat.postEphemeral", ch.get().id, ts, text, p.json("blocks").orElse(null), Optional.empty(),
                Optional.empty(), user));
        return SimResponse.ok(Json.object("ok", true, "message_ts", ts));
    }

    private SimResponse reactionsAdd(Params p) {
        Optional<Channel> ch = p.get("channel").flatMap(c -> store.resolve(c, false));
        if (ch.isEmpty()) return fail("channel_not_found");
        Optional<String> name = p.get("name").map(n -> n.replace(":", "")).filter(n -> n.matches("[a-z0-9_+\\-']{1,100}"));
        if (name.isEmpty()) return fail("invalid_name");
        Optional<Message> m = p.get("timestamp").flatMap(t -> store.message(ch.get(), t));
        if (m.isEmpty()) return fail("message_not_found");
        synchronized (store) {
            List<String> who = m.get().reactions.computeIfAbsent(name.get(), k -> new ArrayList<>());
            if (who.contains(SlackStore.BOT_USER)) return fail("already_reacted");
            who.add(SlackStore.BOT_USER);
        }
        return SimResponse.ok(Json.object("ok", true));
    }

    // ------------------------------------------------------------------ vendor shapes

    static SimResponse fail(String error) {
        return SimResponse.ok(Json.object("ok", false, "error", error));
    }

    @Override
    protected AuthResult authenticate(SimRequest r) {
        Optional<String> token = r.bearerToken();
        if (token.isEmpty()) {
            try {
                token = Params.of(r).get("token").filter(t -> !t.isBlank());
            } catch (RuntimeException e) {
                token = Optional.empty();
            }
        }
        if (token.isEmpty()) return new AuthResult.Refused(fail("not_authed"));
        return switch (tokens().check(token.get(), SLUG)) {
            case VALID -> new AuthResult.Accepted(token.get());
            case REVOKED -> new AuthResult.Refused(fail("token_revoked"));
            case EXPIRED -> new AuthResult.Refused(fail("token_expired"));
            case UNKNOWN -> new AuthResult.Refused(fail("invalid_auth"));
        };
    }

    @Override
    protected SimResponse rateLimited(SimRequest r, int retryAfterSeconds) {
        return SimResponse.json(429, Json.object("ok", false, "error", "ratelimited"));
    }

    @Override
    protected SimResponse quotaExhausted(SimRequest r) {
        // Slack has no daily quota: its tiers are per minute, answered like any rate limit
        return SimResponse.json(429, Json.object("ok", false, "error", "ratelimited")).withHeader("Retry-After", "60");
    }

    @Override
    protected SimResponse serverError(SimRequest r, int status) {
        return SimResponse.json(status, Json.object("ok", false, "error", status == 503 ? "service_unavailable" : "internal_error"));
    }

    @Override
    protected SimResponse notFound(SimRequest r) {
        return SimResponse.json(404, Json.object("ok", false, "error", "unknown_method",
                "req_method", r.path().replaceFirst("^/api/", "")));
    }

    @Override
    protected SimResponse invalidJson(SimRequest r, String detail) {
        return fail("invalid_json");
    }

    private static String encode(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> decode(String s) {
        try {
            return Optional.of(new String(Base64.getDecoder().decode(s.strip()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> parseTs(String s) {
        try {
            BigDecimal v = new BigDecimal(s.strip());
            return v.signum() < 0 ? Optional.empty() : Optional.of(v);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A method's arguments: the query string, then a form or JSON body (later ones win), as Slack merges them. */
    private record Params(Map<String, String> values, Map<String, JsonNode> json) {

        static Params of(SimRequest r) {
            Map<String, String> v = new LinkedHashMap<>();
            Map<String, JsonNode> j = new LinkedHashMap<>();
            r.queryParamMap().forEach((k, list) -> { if (!list.isEmpty()) v.put(k, list.getFirst()); });
            String type = r.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (!r.body().isBlank()) {
                if (type.startsWith("application/json")) {
                    JsonNode body = Json.read(r.body());
                    if (!body.isObject()) throw new Json.InvalidJson("not an object");
                    body.properties().forEach(e -> {
                        j.put(e.getKey(), e.getValue());
                        v.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asString() : e.getValue().toString());
                    });
                } else {
                    for (String pair : r.body().split("&")) {
                        if (pair.isEmpty()) continue;
                        int eq = pair.indexOf('=');
                        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                        String val = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                        v.put(k, val);
                    }
                }
            }
            return new Params(v, j);
        }

        Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        boolean bool(String name) {
            return get(name).map(s -> s.equals("true") || s.equals("1")).orElse(false);
        }

        /** A JSON argument: an object/array in a JSON body, or JSON text in a form field. */
        Optional<JsonNode> json(String name) {
            JsonNode n = json.get(name);
            if (n != null && !n.isString()) return Optional.of(n);
            Optional<String> text = n != null ? Optional.of(n.asString()) : get(name);
            if (text.isEmpty()) return Optional.empty();
            try {
                return Optional.of(Json.read(text.get()));
            } catch (Json.InvalidJson e) {
                return Optional.empty();
            }
        }

        Optional<Integer> limit(int dflt, int max) {
            Optional<String> s = get("limit").filter(x -> !x.isBlank());
            if (s.isEmpty()) return Optional.of(dflt);
            try {
                int n = Integer.parseInt(s.get().strip());
                return n < 0 ? Optional.empty() : Optional.of(Math.min(max, n == 0 ? (dflt == 0 ? max : dflt) : n));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        Optional<BigDecimal> ts(String name, BigDecimal dflt) {
            Optional<String> s = get(name).filter(x -> !x.isBlank());
            return s.isEmpty() ? Optional.of(dflt) : parseTs(s.get());
        }
    }
}
