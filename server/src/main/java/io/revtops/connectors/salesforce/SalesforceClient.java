package io.revtops.connectors.salesforce;

import io.revtops.connectors.ApiClient;
import io.revtops.connectors.ApiRequest;
import io.revtops.connectors.ConnectorException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Salesforce's REST API as Revtops calls it: SOQL through {@code /query} and {@code /queryAll} (following
 * {@code nextRecordsUrl}), and sObject create / update / read. SOQL is built here from typed values only (field
 * names from our own lists, ids checked against Salesforce's id shape, instants formatted), never from free text.
 */
final class SalesforceClient {
    static final String VERSION = "v60.0";
    static final String DATA = "/services/data/" + VERSION;
    /** Rows per keyset query; Salesforce answers up to 2000 per page. */
    static final int LIMIT = 2000;
    static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");
    private static final DateTimeFormatter SOQL_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ApiClient http;

    SalesforceClient(ApiClient http) {
        this.http = http;
    }

    /**
     * Records of an sObject changed after {@code (since, sinceId)} in (LastModifiedDate, Id) order — a keyset page that
     * survives expired query cursors and records changing while we page. {@code deleted} reads the recycle bin
     * through {@code queryAll}.
     */
    JsonNode changedSince(String sobject, List<String> fields, Optional<Instant> since, Optional<String> sinceId, boolean deleted) {
        StringBuilder soql = new StringBuilder("SELECT ").append(String.join(", ", fields)).append(" FROM ").append(sobject);
        String where = deleted ? "IsDeleted = true" : "";
        if (since.isPresent()) {
            String t = SOQL_DATETIME.format(since.get());
            String after = sinceId.map(id -> "(LastModifiedDate > " + t + " OR (LastModifiedDate = " + t + " AND Id > '" + id(id) + "'))")
                    .orElse("LastModifiedDate > " + t);
            where = where.isEmpty() ? after : where + " AND " + after;
        }
        if (!where.isEmpty()) soql.append(" WHERE ").append(where);
        soql.append(" ORDER BY LastModifiedDate ASC, Id ASC LIMIT ").append(LIMIT);
        return query(soql.toString(), deleted);
    }

    /** Runs one SOQL statement; the answer's first page. */
    JsonNode query(String soql, boolean all) {
        ApiRequest request = ApiRequest.get(DATA + (all ? "/queryAll" : "/query"), Map.of("q", soql))
                .withHeader("Sforce-Query-Options", "batchSize=" + LIMIT);
        return page(http.send(request).json(), "query");
    }

    /** The next page of a query: {@code nextRecordsUrl} as Salesforce gave it (same host only, by the HTTP layer). */
    JsonNode more(String nextRecordsUrl) {
        if (!nextRecordsUrl.startsWith("/services/data/") && !nextRecordsUrl.startsWith("http")) {
            throw new ConnectorException.InvalidRequest("not a Salesforce query cursor: " + nextRecordsUrl);
        }
        return page(http.get(nextRecordsUrl, Map.of()).json(), "query cursor");
    }

    /** {@code POST /sobjects/{type}} → the new id. */
    String create(String sobject, Map<String, Object> fields, String idempotencyKey) {
        JsonNode answer = http.postJson(DATA + "/sobjects/" + sobject, fields, idempotencyKey).json();
        String id = answer.path("id").asString("");
        if (id.isEmpty()) throw new ConnectorException.MalformedResponse("Salesforce answered a " + sobject + " create without an id");
        return id;
    }

    /** {@code PATCH /sobjects/{type}/{id}} (204 No Content). */
    void update(String sobject, String id, Map<String, Object> fields, String idempotencyKey) {
        http.patchJson(DATA + "/sobjects/" + sobject + "/" + id(id), fields, idempotencyKey);
    }

    /** {@code GET /sobjects/{type}/{id}?fields=…}; empty when Salesforce has no such (live) record. */
    Optional<JsonNode> read(String sobject, String id, List<String> fields) {
        try {
            JsonNode json = http.get(DATA + "/sobjects/" + sobject + "/" + id(id), Map.of("fields", String.join(",", fields))).json();
            if (!json.isObject() || json.path("Id").isMissingNode()) {
                throw new ConnectorException.MalformedResponse("Salesforce answered a " + sobject + " read without an Id");
            }
            return Optional.of(json);
        } catch (ConnectorException.Rejected e) {
            if (e.status() == 404) return Optional.empty();
            throw e;
        }
    }

    static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ConnectorException.InvalidRequest("'" + (id == null ? "" : id.length() > 40 ? id.substring(0, 40) : id)
                    + "' is not a Salesforce id (15 or 18 letters and digits)");
        }
        return id;
    }

    private static JsonNode page(JsonNode json, String what) {
        if (!json.isObject() || !json.path("records").isArray() || !json.path("done").isBoolean()) {
            throw new ConnectorException.MalformedResponse("Salesforce's answer to a " + what + " has no records/done");
        }
        return json;
    }
}
