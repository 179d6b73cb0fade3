package io.revtops.connectors.hubspot;

import io.revtops.connectors.ApiClient;
import io.revtops.connectors.ApiRequest;
import io.revtops.connectors.ConnectorException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot's CRM v3 endpoints as Revtops calls them (paths, paging parameters, search bodies), over the shared
 * {@link ApiClient}. Answers are returned as JSON after a structural check; a page without its {@code results}
 * array is a {@link ConnectorException.MalformedResponse}, so the engine retries that page on the next run.
 */
final class HubSpotClient {
    static final int PAGE = 100;
    /** HubSpot's search endpoints have their own, stricter rate limit. */
    static final String SEARCH_BUCKET = "search";

    private final ApiClient http;

    HubSpotClient(ApiClient http) {
        this.http = http;
    }

    /** {@code GET /crm/v3/objects/{type}} — one page of live (or archived) records, ordered by id. */
    JsonNode list(HubSpotObjectType type, Optional<String> after, List<String> properties, boolean archived) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("limit", Integer.toString(PAGE));
        after.ifPresent(a -> q.put("after", a));
        if (!properties.isEmpty()) q.put("properties", String.join(",", properties));
        if (!type.associations.isEmpty() && !archived) q.put("associations", String.join(",", type.associations));
        if (archived) q.put("archived", "true");
        return results(http.get("/crm/v3/objects/" + type.apiName, q).json(), "list " + type.apiName);
    }

    /**
     * {@code POST /crm/v3/objects/{type}/search} for records changed after {@code (since, sinceId)}, oldest change
     * first: changed strictly later, or at the same instant with a larger id. Paging by the last seen (time, id)
     * instead of the search's offset never hits HubSpot's 10 000-result window and never skips a record that
     * changes while we page.
     */
    JsonNode changedSince(HubSpotObjectType type, Instant since, Optional<String> sinceId, List<String> properties, int limit) {
        String millis = Long.toString(since.toEpochMilli());
        List<Object> groups = new java.util.ArrayList<>();
        groups.add(Map.of("filters", List.of(filter(type.modifiedProperty, "GT", millis))));
        sinceId.ifPresent(id -> groups.add(Map.of("filters", List.of(filter(type.modifiedProperty, "EQ", millis),
                filter("hs_object_id", "GT", id)))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filterGroups", groups);
        body.put("sorts", List.of(Map.of("propertyName", type.modifiedProperty, "direction", "ASCENDING")));
        body.put("properties", properties);
        body.put("limit", limit);
        return search(type, body, "search " + type.apiName);
    }

    /** The newest change time of a type right now (HubSpot's clock), or empty when there are no records. */
    Optional<Instant> newestChange(HubSpotObjectType type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sorts", List.of(Map.of("propertyName", type.modifiedProperty, "direction", "DESCENDING")));
        body.put("properties", List.of(type.modifiedProperty, "hs_lastmodifieddate"));
        body.put("limit", 1);
        JsonNode results = search(type, body, "newest " + type.apiName).path("results");
        if (results.isEmpty()) return Optional.empty();
        Instant t = HubSpotMapper.modifiedAt(results.get(0), type);
        if (t == null) throw new ConnectorException.MalformedResponse("HubSpot search answered a " + type.apiName
                + " record without a readable " + type.modifiedProperty);
        return Optional.of(t);
    }

    /** Free search (contacts by text or by one property), for actions. */
    JsonNode search(HubSpotObjectType type, Map<String, Object> body, String what) {
        ApiRequest request = ApiRequest.json("POST", "/crm/v3/objects/" + type.apiName + "/search", body, Optional.empty())
                .onApi(SEARCH_BUCKET);
        return results(http.send(request).json(), what);
    }

    /** {@code GET /crm/v3/objects/{type}/{id}} with properties and associations; empty when HubSpot has no such record. */
    Optional<JsonNode> read(HubSpotObjectType type, String id, List<String> properties) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("properties", String.join(",", properties));
        if (!type.associations.isEmpty()) q.put("associations", String.join(",", type.associations));
        try {
            JsonNode json = http.get("/crm/v3/objects/" + type.apiName + "/" + id, q).json();
            if (!json.path("id").isString() && !json.path("id").isNumber()) {
                throw new ConnectorException.MalformedResponse("HubSpot answered a " + type.apiName + " read without an id");
            }
            return Optional.of(json);
        } catch (ConnectorException.Rejected e) {
            if (e.status() == 404) return Optional.empty();
            throw e;
        }
    }

    /** {@code GET /crm/v3/pipelines/deals}. */
    JsonNode dealPipelines() {
        return results(http.get("/crm/v3/pipelines/deals", Map.of()).json(), "deal pipelines");
    }

    /** {@code GET /crm/v3/owners} (all pages). */
    List<JsonNode> owners() {
        List<JsonNode> all = new java.util.ArrayList<>();
        Optional<String> after = Optional.empty();
        for (int guard = 0; guard < 100; guard++) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("limit", "500");
            after.ifPresent(a -> q.put("after", a));
            JsonNode page = results(http.get("/crm/v3/owners", q).json(), "owners");
            page.path("results").forEach(all::add);
            after = nextAfter(page);
            if (after.isEmpty()) break;
        }
        return all;
    }

    /** {@code POST /crm/v3/objects/{type}} with properties and associations. */
    JsonNode create(HubSpotObjectType type, Map<String, Object> properties, List<Map<String, Object>> associations,
                    String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("properties", properties);
        if (!associations.isEmpty()) body.put("associations", associations);
        return http.postJson("/crm/v3/objects/" + type.apiName, body, idempotencyKey).json();
    }

    /** {@code PATCH /crm/v3/objects/{type}/{id}}. */
    JsonNode update(HubSpotObjectType type, String id, Map<String, Object> properties, String idempotencyKey) {
        return http.patchJson("/crm/v3/objects/" + type.apiName + "/" + id, Map.of("properties", properties), idempotencyKey).json();
    }

    static Map<String, Object> association(String toId, int typeId) {
        return Map.of("to", Map.of("id", toId),
                "types", List.of(Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", typeId)));
    }

    /** The cursor of the next page ({@code paging.next.after}), if any. */
    static Optional<String> nextAfter(JsonNode page) {
        JsonNode after = page.path("paging").path("next").path("after");
        if (after.isMissingNode() || after.isNull()) return Optional.empty();
        String a = after.asString("");
        return a.isBlank() ? Optional.empty() : Optional.of(a);
    }

    private static Map<String, Object> filter(String property, String operator, String value) {
        return Map.of("propertyName", property, "operator", operator, "value", value);
    }

    private static JsonNode results(JsonNode json, String what) {
        if (!json.isObject() || !json.path("results").isArray()) {
            throw new ConnectorException.MalformedResponse("HubSpot's answer to " + what + " has no results array");
        }
        return json;
    }
}
