package io.revtops.simulators.gmail;

import io.revtops.simulators.common.AuthResult;
import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.Routes;
import io.revtops.simulators.common.SimRequest;
import io.revtops.simulators.common.SimResponse;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.common.TokenStatus;
import io.revtops.simulators.common.VendorSimulator;
import io.revtops.simulators.demo.DemoCompany;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Gmail API v1 for the demo company's mailboxes (one per employee): profile, messages.list with Gmail's search
 * ({@code q}), paging by {@code pageToken}, messages.get ({@code full}, {@code metadata}, {@code minimal},
 * {@code raw}), messages.send ({@code raw} RFC 2822, base64url), messages.delete, history.list from a
 * {@code startHistoryId} (404 once that history is gone), and Google's error bodies
 * {@code {"error":{code, message, errors[{message, domain, reason}], status}}}. Each mailbox has its own OAuth token
 * (audience {@code gmail:<address>}); {@code userId} is {@code me} or the mailbox's own address.
 */
public final class GmailSimulator extends VendorSimulator {

    public static final String SLUG = "gmail";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 500;

    private final GmailStore store;
    private final Map<String, String> tokensByAddress = new LinkedHashMap<>();

    public GmailSimulator(DemoCompany company, TokenRegistry tokens, Clock clock) {
        super(SLUG, tokens, clock);
        this.store = GmailStore.seed(company, clock);
        for (String address : store.addresses()) {
            String token = "ya29.sim-" + UUID.nameUUIDFromBytes(("gmail:" + company.seed() + ":" + address)
                    .getBytes(StandardCharsets.UTF_8));
            tokensByAddress.put(address, token);
            tokens.register(token, audience(address));
        }
    }

    /** The token audience of one mailbox, for tokens handed out elsewhere (Nango). */
    public static String audience(String address) {
        return SLUG + ":" + address.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ test and demo hooks

    /** Mailbox addresses, in employee order. */
    public List<String> mailboxes() {
        return store.addresses();
    }

    /** The long-lived OAuth access token of one mailbox. */
    public String tokenFor(String address) {
        String t = tokensByAddress.get(address.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new IllegalArgumentException("no mailbox " + address);
        }
        return t;
    }

    /** Messages in a mailbox. */
    public int count(String address) {
        return store.count(box(address));
    }

    /** Ids {@code messages.list} gives for {@code q=after:<since>} in a mailbox, newest first. */
    public List<String> idsSince(String address, Instant since) {
        return store.idsSince(box(address), since);
    }

    /** Delivers a message into a mailbox (a new history record); returns its Gmail id. */
    public String deliver(String address, GmailStore.NewMessage message) {
        return store.deliver(box(address), message).id();
    }

    /** Permanently deletes a message (a messagesDeleted history record). */
    public boolean delete(String address, String id) {
        return store.delete(box(address), id);
    }

    /** Forgets the mailbox's history so far: history.list from an earlier id answers 404. */
    public void expireHistory(String address) {
        store.expireHistory(box(address));
    }

    public long historyId(String address) {
        return store.historyId(box(address));
    }

    /** What a mailbox sent through messages.send, oldest first. */
    public List<GmailStore.Sent> sent(String address) {
        return store.sent(box(address));
    }

    /** Everything sent through messages.send, from any mailbox. */
    public List<GmailStore.Sent> allSent() {
        return store.allSent();
    }

    private String box(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (store.mailbox(a).isEmpty()) {
            throw new IllegalArgumentException("no mailbox " + address);
        }
        return a;
    }

    // ------------------------------------------------------------------ routes

    @Override
    protected void declareRoutes(Routes routes) {
        routes.get("/gmail/v1/users/{userId}/profile", this::profile)
                .get("/gmail/v1/users/{userId}/messages", this::list)
                .post("/gmail/v1/users/{userId}/messages/send", this::send)
                .get("/gmail/v1/users/{userId}/messages/{id}", this::get)
                .delete("/gmail/v1/users/{userId}/messages/{id}", this::deleteOne)
                .get("/gmail/v1/users/{userId}/history", this::history);
    }

    @Override
    protected void declareAdminRoutes(Routes routes) {
        routes.admin("GET", "/__sim/mailboxes", r -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String a : store.addresses()) {
                out.add(Json.object("emailAddress", a, "messagesTotal", store.count(a), "historyId", store.historyId(a)));
            }
            return SimResponse.ok(out);
        });
        routes.admin("GET", "/__sim/sent", r -> SimResponse.ok(store.allSent()));
        routes.admin("POST", "/__sim/deliver", r -> {
            JsonNode b = r.json();
            String to = b.path("to").asString("");
            String id = deliver(to, GmailStore.NewMessage.inbound(b.path("from").asString("someone@example.com"), to,
                    b.path("subject").asString(""), b.path("body").asString(""), clock().instant()));
            return SimResponse.ok(Json.object("id", id));
        });
        routes.admin("POST", "/__sim/expire-history", r -> {
            expireHistory(r.json().path("address").asString(""));
            return SimResponse.empty(204);
        });
    }

    private SimResponse profile(SimRequest r) {
        return withMailbox(r, address -> SimResponse.ok(Json.object("emailAddress", address,
                "messagesTotal", store.count(address), "threadsTotal", threads(address),
                "historyId", Long.toString(store.historyId(address)))));
    }

    private int threads(String address) {
        return (int) store.mailbox(address).orElseThrow().byId.values().stream().map(GmailStore.Message::threadId)
                .distinct().count();
    }

    private SimResponse list(SimRequest r) {
        return withMailbox(r, address -> {
            int max;
            try {
                max = Math.min(MAX_PAGE, Integer.parseInt(r.queryParam("maxResults").orElse(Integer.toString(DEFAULT_PAGE))));
            } catch (NumberFormatException e) {
                return error(400, "invalidArgument", "Invalid value for maxResults", "INVALID_ARGUMENT");
            }
            if (max < 1) {
                return error(400, "invalidArgument", "Invalid value for maxResults", "INVALID_ARGUMENT");
            }
            Optional<String> position = Optional.empty();
            if (r.queryParam("pageToken").isPresent()) {
                position = decodeToken(r.queryParam("pageToken").get());
                if (position.isEmpty() || !position.get().matches("\\d+:[0-9a-f]+")) {
                    return error(400, "invalidArgument", "Invalid pageToken", "INVALID_ARGUMENT");
                }
            }
            GmailQuery query;
            try {
                query = GmailQuery.parse(r.queryParam("q").orElse(""), clock().instant());
            } catch (GmailQuery.Invalid e) {
                return error(400, "invalidArgument", e.getMessage(), "INVALID_ARGUMENT");
            }
            List<String> labels = r.queryParams("labelIds").stream().map(l -> l.toUpperCase(Locale.ROOT)).toList();
            boolean spamTrash = r.queryParam("includeSpamTrash").map(Boolean::parseBoolean).orElse(false);
            GmailStore.Listing page = store.list(address, query, labels, spamTrash, position, max);
            Map<String, Object> out = new LinkedHashMap<>();
            if (!page.messages().isEmpty()) {
                out.put("messages", page.messages().stream().map(m -> Json.object("id", m.id(), "threadId", m.threadId())).toList());
            }
            page.nextPosition().ifPresent(p -> out.put("nextPageToken", encodeToken(p)));
            out.put("resultSizeEstimate", page.estimate());
            return SimResponse.ok(out);
        });
    }

    private SimResponse get(SimRequest r) {
        return withMailbox(r, address -> {
            Optional<GmailStore.Message> m = store.message(address, r.pathParam("id"));
            if (m.isEmpty()) {
                return notFoundError();
            }
            String format = r.queryParam("format").orElse("full").toLowerCase(Locale.ROOT);
            if (!List.of("full", "metadata", "minimal", "raw").contains(format)) {
                return error(400, "invalidArgument", "Invalid value at 'format' (" + format + ")", "INVALID_ARGUMENT");
            }
            return SimResponse.ok(GmailRendering.message(m.get(), format, r.queryParams("metadataHeaders")));
        });
    }

    private SimResponse send(SimRequest r) {
        return withMailbox(r, address -> {
            JsonNode body = r.json();
            String raw = body.path("raw").asString("");
            if (raw.isBlank()) {
                return error(400, "invalidArgument", "'raw' RFC822 payload message string or uploading message via "
                        + "/upload/* URL required", "INVALID_ARGUMENT");
            }
            GmailMime.Parsed parsed;
            try {
                parsed = GmailMime.parse(GmailMime.base64(raw));
            } catch (GmailMime.Unreadable e) {
                return error(400, "invalidArgument", e.getMessage(), "INVALID_ARGUMENT");
            }
            List<String> recipients = new ArrayList<>();
            for (String h : List.of("To", "Cc", "Bcc")) {
                recipients.addAll(GmailMime.addresses(parsed.header(h).orElse("")));
            }
            if (recipients.isEmpty()) {
                return error(400, "invalidArgument", "Recipient address required", "INVALID_ARGUMENT");
            }
            Optional<String> from = parsed.header("From").map(GmailMime::addresses).flatMap(l -> l.stream().findFirst());
            if (from.isPresent() && !from.get().equals(address)) {
                // Gmail sends as the authenticated user; an unverified From is replaced, not refused
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (Map.Entry<String, String> h : parsed.headers()) {
                    headers.add(h.getKey().equalsIgnoreCase("From")
                            ? Map.entry("From", GmailMime.mailbox(store.name(address), address)) : h);
                }
                parsed = new GmailMime.Parsed(headers, parsed.text(), parsed.mimeType());
            }
            GmailStore.Message sent = store.send(address, parsed, Optional.ofNullable(body.path("threadId").asString(null)));
            return SimResponse.ok(Json.object("id", sent.id(), "threadId", sent.threadId(), "labelIds", sent.labels()));
        });
    }

    private SimResponse deleteOne(SimRequest r) {
        return withMailbox(r, address -> store.delete(address, r.pathParam("id")) ? SimResponse.empty(204) : notFoundError());
    }

    private SimResponse history(SimRequest r) {
        return withMailbox(r, address -> {
            Optional<String> startText = r.queryParam("startHistoryId");
            if (startText.isEmpty() || !startText.get().matches("\\d{1,18}")) {
                return error(400, "invalidArgument", startText.isEmpty() ? "Missing required parameter: startHistoryId"
                        : "Invalid value for startHistoryId", "INVALID_ARGUMENT");
            }
            long start = Long.parseLong(startText.get());
            int max;
            long after = start;
            try {
                max = Math.min(MAX_PAGE, Integer.parseInt(r.queryParam("maxResults").orElse(Integer.toString(DEFAULT_PAGE))));
                if (r.queryParam("pageToken").isPresent()) {
                    after = Long.parseLong(decodeToken(r.queryParam("pageToken").get()).orElse("x"));
                }
            } catch (NumberFormatException e) {
                return error(400, "invalidArgument", "Invalid pageToken or maxResults", "INVALID_ARGUMENT");
            }
            Optional<List<GmailStore.History>> records = store.historySince(address, start);
            if (records.isEmpty()) {
                return notFoundError();
            }
            List<String> types = r.queryParams("historyTypes");
            Optional<String> label = r.queryParam("labelId").map(l -> l.toUpperCase(Locale.ROOT));
            List<Map<String, Object>> page = new ArrayList<>();
            boolean more = false;
            long last = after;
            for (GmailStore.History h : records.get()) {
                if (h.id() <= after) {
                    continue;
                }
                Optional<Map<String, Object>> rendered = GmailRendering.history(h, types, label);
                if (rendered.isEmpty()) {
                    continue;
                }
                if (page.size() == Math.max(1, max)) {
                    more = true;
                    break;
                }
                page.add(rendered.get());
                last = h.id();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            if (!page.isEmpty()) {
                out.put("history", page);
            }
            if (more) {
                out.put("nextPageToken", encodeToken(Long.toString(last)));
            }
            out.put("historyId", Long.toString(store.historyId(address)));
            return SimResponse.ok(out);
        });
    }

    // ------------------------------------------------------------------ helpers

    private SimResponse withMailbox(SimRequest r, java.util.function.Function<String, SimResponse> body) {
        String address = addressOf(r.token()).orElseThrow();
        String userId = r.pathParam("userId");
        if (!userId.equals("me") && !userId.equalsIgnoreCase(address)) {
            return error(403, "forbidden", "Delegation denied for " + address, "PERMISSION_DENIED");
        }
        return body.apply(address);
    }

    private Optional<String> addressOf(String token) {
        for (String address : store.addresses()) {
            if (tokens().check(token, audience(address)) != TokenStatus.UNKNOWN) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    private static String encodeToken(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> decodeToken(String token) {
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SimResponse notFoundError() {
        return error(404, "notFound", "Requested entity was not found.", "NOT_FOUND");
    }

    /** Google's error body. */
    static SimResponse error(int code, String reason, String message, String status) {
        Map<String, Object> item = Json.object("message", message, "domain",
                reason.endsWith("RateLimitExceeded") || reason.equals("rateLimitExceeded") || reason.equals("dailyLimitExceeded")
                        ? "usageLimits" : "global", "reason", reason);
        if (code == 401) {
            item.put("location", "Authorization");
            item.put("locationType", "header");
        }
        return SimResponse.json(code, Json.object("error", Json.object("code", code, "message", message,
                "errors", List.of(item), "status", status)));
    }

    // ------------------------------------------------------------------ vendor answers

    @Override
    protected AuthResult authenticate(SimRequest r) {
        Optional<String> token = r.bearerToken();
        if (token.isEmpty()) {
            return new AuthResult.Refused(error(401, "required", "Request is missing required authentication credential. "
                    + "Expected OAuth 2 access token, login cookie or other valid authentication credential.",
                    "UNAUTHENTICATED"));
        }
        for (String address : store.addresses()) {
            TokenStatus status = tokens().check(token.get(), audience(address));
            switch (status) {
                case VALID -> {
                    return new AuthResult.Accepted(token.get());
                }
                case EXPIRED, REVOKED -> {
                    return new AuthResult.Refused(invalidCredentials());
                }
                case UNKNOWN -> {
                    // another mailbox's token, or none
                }
            }
        }
        return new AuthResult.Refused(invalidCredentials());
    }

    private static SimResponse invalidCredentials() {
        return error(401, "authError", "Request had invalid authentication credentials. Expected OAuth 2 access token, "
                + "login cookie or other valid authentication credential.", "UNAUTHENTICATED");
    }

    @Override
    protected SimResponse rateLimited(SimRequest r, int retryAfterSeconds) {
        return error(429, "rateLimitExceeded", "Too many concurrent requests for user.", "RESOURCE_EXHAUSTED");
    }

    @Override
    protected SimResponse rateLimitPolicyExceeded(SimRequest r, int retryAfterSeconds) {
        return error(403, "userRateLimitExceeded", "User Rate Limit Exceeded", "PERMISSION_DENIED");
    }

    @Override
    protected SimResponse quotaExhausted(SimRequest r) {
        return error(403, "dailyLimitExceeded", "Daily Limit Exceeded", "PERMISSION_DENIED");
    }

    @Override
    protected SimResponse serverError(SimRequest r, int status) {
        return status == 503 ? error(503, "backendError", "The service is currently unavailable.", "UNAVAILABLE")
                : error(status, "backendError", "Backend Error", "INTERNAL");
    }

    @Override
    protected SimResponse notFound(SimRequest r) {
        return notFoundError();
    }

    @Override
    protected SimResponse invalidJson(SimRequest r, String detail) {
        return error(400, "parseError", "Invalid JSON payload received. " + detail, "INVALID_ARGUMENT");
    }
}
