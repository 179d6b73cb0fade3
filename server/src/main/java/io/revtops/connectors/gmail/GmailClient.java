package io.revtops.connectors.gmail;

import io.revtops.connectors.ApiClient;
import io.revtops.connectors.ApiRequest;
import io.revtops.connectors.ConnectorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Gmail API v1 as Revtops calls it ({@code users/me}: profile, messages.list/get/send, history.list), over the shared
 * {@link ApiClient}. Answers are checked for the structure we rely on; a missing piece is a
 * {@link ConnectorException.MalformedResponse}, so the engine retries the page on the next run.
 */
final class GmailClient {
    static final String USER = "/gmail/v1/users/me";
    static final int PAGE = 100;

    private final ApiClient http;

    GmailClient(ApiClient http) {
        this.http = http;
    }

    /** {@code GET users/me/profile}: the mailbox's address and its current history id. */
    Profile profile() {
        JsonNode p = http.get(USER + "/profile", Map.of()).json();
        String address = p.path("emailAddress").asString("");
        String historyId = p.path("historyId").asString("");
        if (address.isBlank() || !historyId.matches("\\d{1,20}")) {
            throw new ConnectorException.MalformedResponse("Gmail's profile answer has no emailAddress or historyId");
        }
        return new Profile(address.toLowerCase(java.util.Locale.ROOT), historyId);
    }

    /** The mailbox a token belongs to and where its history stands. */
    record Profile(String emailAddress, String historyId) {}

    /** One page of {@code messages.list}: ids (newest first) and the next page's token. */
    record Listing(List<String> ids, Optional<String> nextPageToken) {}

    /** {@code GET users/me/messages?q=…&maxResults=…&pageToken=…}. */
    Listing list(String query, Optional<String> pageToken, int max, boolean includeSpamTrash) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("q", query);
        q.put("maxResults", Integer.toString(max));
        pageToken.ifPresent(t -> q.put("pageToken", t));
        if (includeSpamTrash) q.put("includeSpamTrash", "true");
        JsonNode page = http.get(USER + "/messages", q).json();
        if (!page.isObject()) throw new ConnectorException.MalformedResponse("Gmail's message listing is not a JSON object");
        // Gmail leaves "messages" out when nothing matches
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode m : page.path("messages")) {
            String id = m.path("id").asString("");
            if (!id.isBlank()) ids.add(id);
        }
        String next = page.path("nextPageToken").asString("");
        return new Listing(ids, next.isBlank() ? Optional.empty() : Optional.of(next));
    }

    /** {@code GET users/me/messages/{id}?format=full}; empty when the message is gone (deleted meanwhile). */
    Optional<JsonNode> message(String id) {
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) return Optional.empty();
        try {
            JsonNode m = http.get(USER + "/messages/" + id, Map.of("format", "full")).json();
            if (!m.isObject()) throw new ConnectorException.MalformedResponse("Gmail's message " + id + " is not a JSON object");
            return Optional.of(m);
        } catch (ConnectorException.Rejected e) {
            if (e.status() == 404) return Optional.empty();
            throw e;
        }
    }

    /** {@code GET users/me/history?startHistoryId=…}; empty when Gmail no longer has history that old (404). */
    Optional<JsonNode> history(String startHistoryId, Optional<String> pageToken) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("startHistoryId", startHistoryId);
        q.put("maxResults", "500");
        pageToken.ifPresent(t -> q.put("pageToken", t));
        // historyTypes is a repeated parameter; the query map holds one value per name, so the second rides in the path
        q.put("historyTypes", "messageAdded");
        try {
            JsonNode h = http.send(ApiRequest.get(USER + "/history?historyTypes=messageDeleted", q)).json();
            if (!h.isObject()) throw new ConnectorException.MalformedResponse("Gmail's history answer is not a JSON object");
            return Optional.of(h);
        } catch (ConnectorException.Rejected e) {
            if (e.status() == 404) return Optional.empty();
            throw e;
        }
    }

    /**
     * {@code POST users/me/messages/send} with the base64url RFC 2822 message. Never resent by the HTTP layer once it
     * may have reached Gmail (there is no idempotency key): the caller looks the message up by its Message-ID instead.
     */
    JsonNode send(String raw, Optional<String> threadId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("raw", raw);
        threadId.ifPresent(t -> body.put("threadId", t));
        JsonNode answer = http.send(ApiRequest.json("POST", USER + "/messages/send", body, Optional.empty()).notResendable()).json();
        if (answer.path("id").asString("").isBlank()) {
            throw new ConnectorException.MalformedResponse("Gmail answered the send without a message id");
        }
        return answer;
    }
}
