package io.revtops.simulators.hubspot;

import io.revtops.simulators.common.AuthResult;
import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.RateLimitDecision;
import io.revtops.simulators.common.Routes;
import io.revtops.simulators.common.SimRequest;
import io.revtops.simulators.common.SimResponse;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.common.VendorSimulator;
import io.revtops.simulators.demo.DemoCompany;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot's CRM v3 API (objects, search, batch read, pipelines, owners) and the v4 association
 * endpoints, with HubSpot's paging, error bodies, 401/429 answers and rate-limit headers.
 * Object types: companies, contacts, deals, calls, emails, meetings, notes, goal_targets.
 */
public final class HubSpotSimulator extends VendorSimulator {

    public static final String SLUG = "hubspot";

    private static final String MISSING_CREDENTIALS = "Authentication credentials not found. This API supports "
            + "OAuth 2.0 authentication and you can find more details at "
            + "https://developers.hubspot.com/docs/methods/auth/oauth-overview";
    private static final int SEARCH_WINDOW = 10_000;

    private final HubSpotStore store;
    private final String privateAppToken;
    private final long portalId;
    private final AtomicLong correlations = new AtomicLong();

    public HubSpotSimulator(DemoCompany company, TokenRegistry tokens, Clock clock) {
        super(SLUG, tokens, clock);
        this.store = HubSpotStore.seed(company, clock);
        this.privateAppToken = "pat-na1-" + UUID.nameUUIDFromBytes(("hubspot:" + company.seed())
                .getBytes(StandardCharsets.UTF_8));
        this.portalId = 40_000_000L + Math.floorMod(company.seed(), 1_000_000L);
        tokens.register(privateAppToken, SLUG);
    }

    /** The demo portal's private-app access token (never expires unless revoked). */
    public String privateAppToken() {
        return privateAppToken;
    }

    public long portalId() {
        return portalId;
    }

    /** Modifies {@code count} live records of a type (bumping their modification time); returns their ids. */
    public List<String> touch(String objectType, int count) {
        return store.touch(type(objectType), count);
    }

    /** Archives (HubSpot's delete) {@code count} live records of a type; returns their ids. */
    public List<String> archive(String objectType, int count) {
        return store.archiveSome(type(objectType), count);
    }

    /** Live (not archived) records of a type. */
    public int count(String objectType) {
        return store.count(type(objectType), false);
    }

    public int archivedCount(String objectType) {
        return store.count(type(objectType), true);
    }

    /** Live record counts per object type, plus owners and pipeline stages. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : HubSpotSchema.TYPE_NAMES) {
            counts.put(t, count(t));
        }
        counts.put("owners", store.owners().size());
        counts.put("pipelines", 1);
        counts.put("pipeline_stages", store.stages().size());
        return counts;
    }

    /** A record's current properties (archived ones included), for assertions. */
    public Optional<Map<String, String>> properties(String objectType, String id) {
        return store.properties(type(objectType), id);
    }

    private HubSpotSchema.ObjectType type(String objectType) {
        return store.schema().type(objectType)
                .orElseThrow(() -> new IllegalArgumentException("unknown HubSpot object type " + objectType));
    }

    // ------------------------------------------------------------------ routes

    @Override
    protected void declareRoutes(Routes routes) {
        routes.get("/crm/v3/objects/{objectType}", this::list)
                .post("/crm/v3/objects/{objectType}", this::create)
                .post("/crm/v3/objects/{objectType}/search", this::search)
                .post("/crm/v3/objects/{objectType}/batch/read", this::batchRead)
                .get("/crm/v3/objects/{objectType}/{objectId}", this::read)
                .patch("/crm/v3/objects/{objectType}/{objectId}", this::update)
                .delete("/crm/v3/objects/{objectType}/{objectId}", this::archiveOne)
                .get("/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}", this::associations)
                .put("/crm/v4/objects/{objectType}/{objectId}/associations/default/{toObjectType}/{toObjectId}",
                        this::associateDefault)
                .get("/crm/v3/pipelines/{objectType}", this::pipelines)
                .get("/crm/v3/pipelines/{objectType}/{pipelineId}", this::pipeline)
                .get("/crm/v3/pipelines/{objectType}/{pipelineId}/stages", this::stages)
                .get("/crm/v3/owners", this::owners)
                .get("/crm/v3/owners/{ownerId}", this::owner)
                .get("/oauth/v1/access-tokens/{token}", this::tokenInfo);
    }

    @Override
    protected void declareAdminRoutes(Routes routes) {
        routes.admin("POST", "/__sim/touch", r -> SimResponse.ok(Json.object("ids",
                touch(r.json().path("objectType").asString(""), r.json().path("count").asInt(1)))));
        routes.admin("POST", "/__sim/archive", r -> SimResponse.ok(Json.object("ids",
                archive(r.json().path("objectType").asString(""), r.json().path("count").asInt(1)))));
        routes.admin("GET", "/__sim/counts", r -> SimResponse.ok(counts()));
    }

    private SimResponse list(SimRequest r) {
        Optional<HubSpotSchema.ObjectType> type = store.schema().type(r.pathParam("objectType"));
        if (type.isEmpty()) {
            return unknownType(r.pathParam("objectType"));
        }
        int limit;
        long after;
        try {
            limit = Math.max(1, Math.min(100, Integer.parseInt(r.queryParam("limit").orElse("10"))));
            after = Long.parseLong(r.queryParam("after").orElse("0"));
        } catch (NumberFormatException e) {
            return error(400, "VALIDATION_ERROR", "limit and after must be numeric");
        }
        boolean archived = r.queryParam("archived").map(Boolean::parseBoolean).orElse(false);
        HubSpotStore.View view = view(r);
        StringBuilder link = new StringBuilder(baseUrl()).append(r.path()).append("?limit=").append(limit);
        if (!view.properties().isEmpty()) {
            link.append("&properties=").append(encode(String.join(",", view.properties())));
        }
        if (!view.associations().isEmpty()) {
            link.append("&associations=").append(encode(String.join(",", view.associations())));
        }
        if (archived) {
            link.append("&archived=true");
        }
        link.append('&');
        return SimResponse.ok(store.list(type.get(), after, limit, archived, view, link.toString()));
    }

    private SimResponse read(SimRequest r) {
        Optional<HubSpotSchema.ObjectType> type = store.schema().type(r.pathParam("objectType"));
        if (type.isEmpty()) {
            return unknownType(r.pathParam("objectType"));
        }
        boolean archived = r.queryParam("archived").map(Boolean::parseBoolean).orElse(false);
        String idProperty = r.queryParam("idProperty").orElse("");
        if (!idProperty.isEmpty() && !idProperty.equals("hs_object_id") && type.get().property(idProperty).isEmpty()) {
            return error(400, "VALIDATION_ERROR", "Property \"" + idProperty + "\" does not exist");
        }
        return store.get(type.get(), r.pathParam("objectId"), idProperty, archived, view(r))
                .map(SimResponse::ok)
                .orElseGet(() -> error(404, "OBJECT_NOT_FOUND", "resource not found"));
    }

    private SimResponse create(SimRequest r) {
        Optional<HubSpotSchema.ObjectType> type = store.schema().type(r.pathParam("objectType"));
        if (type.isEmpty()) {
            return unknownType(r.pathParam("objectType"));
        }
        JsonNode body = r.json();
        List<HubSpotStore.AssociationInput> associations = new ArrayList<>();
        for (JsonNode a : body.path("associations")) {
            String toId = a.path("to").path("id").asString("");
            for (JsonNode t : a.path("types")) {
                associations.add(new HubSpotStore.AssociationInput(toId, t.path("associationTypeId").asInt(-1)));
            }
        }
        return write(store.create(type.get(), properties(body), associations));
    }

    private SimResponse update(SimRequest r) {
        Optional<HubSpotSchema.ObjectType> type = store.schema().type(r.pathParam("objectType"));
        if (type.isEmpty()) {
            return unknownType(r.pathParam("objectType"));
        }
        return write(store.update(type.get(), r.pathParam("objectId"), r.queryParam("idProperty").orElse(""),
                properties(r.json())));
    }

    private SimResponse archiveOne(SimRequest r) {
        Optional<HubSpotSchema.ObjectType> type = store.schema().type(r.pathParam("objectType"));
        if (type.isEmpty()) {
            return unknownType(r.pathParam("objectType"));
        }
        store.archive(type.get(), r.pathParam("objectId"));
        return SimResponse.empty(204);
    }

    private SimResponse search(SimRequest r) {
        Optional<HubSpotSchema.ObjectType> type = store.schema().type(r.pathParam("objectType"));
        if (type.isEmpty()) {
            return unknownType(r.pathParam("objectType"));
        }
        JsonNode body = r.json();
        List<List<HubSpotSearch.Filter>> groups = new ArrayList<>();
        for (JsonNode g : body.path("filterGroups")) {
            List<HubSpotSearch.Filter> filters = new ArrayList<>();
            for (JsonNode f : g.path("filters")) {
                List<String> values = new ArrayList<>();
                f.path("values").forEach(v -> values.add(v.asString()));
                filters.add(new HubSpotSearch.Filter(f.path("propertyName").asString(""),
                        f.path("operator").asString("EQ").toUpperCase(Locale.ROOT), f.path("value").asString(""),
                        values, f.path("highValue").asString("")));
            }
            if (filters.size() > 6) {
                return error(400, "VALIDATION_ERROR", "A filter group may have at most 6 filters");
            }
            groups.add(filters);
        }
        if (groups.size() > 5) {
            return error(400, "VALIDATION_ERROR", "A search may have at most 5 filter groups");
        }
        Optional<String> problem = HubSpotSearch.problem(type.get(), groups);
        if (problem.isPresent()) {
            return error(400, "VALIDATION_ERROR", problem.get());
        }
        String sortProperty = "";
        boolean descending = false;
        JsonNode sorts = body.path("sorts");
        if (sorts.size() > 1) {
            return error(400, "VALIDATION_ERROR", "Only one sort is supported");
        }
        if (sorts.size() == 1) {
            JsonNode s = sorts.get(0);
            if (s.isString()) {
                String text = s.asString();
                descending = text.startsWith("-");
                sortProperty = descending ? text.substring(1) : text;
            } else {
                sortProperty = s.path("propertyName").asString("");
                descending = s.path("direction").asString("ASCENDING").equalsIgnoreCase("DESCENDING");
            }
        }
        int limit = body.path("limit").asInt(10);
        if (limit > 200 || limit < 1) {
            return error(400, "VALIDATION_ERROR", "limit must be between 1 and 200, was " + limit);
        }
        int after;
        try {
            after = body.path("after").isMissingNode() || body.path("after").isNull() ? 0
                    : Integer.parseInt(body.path("after").asString("0").isEmpty() ? "0" : body.path("after").asString());
        } catch (NumberFormatException e) {
            return error(400, "VALIDATION_ERROR", "after must be a numeric offset");
        }
        if (after + limit > SEARCH_WINDOW) {
            return error(400, "VALIDATION_ERROR", "The search API returns at most " + SEARCH_WINDOW
                    + " results per query; narrow the filters (e.g. on hs_lastmodifieddate) to page further");
        }
        List<String> props = new ArrayList<>();
        body.path("properties").forEach(p -> props.add(p.asString()));
        return SimResponse.ok(store.search(type.get(), groups, body.path("query").asString(""), sortProperty,
                descending, after, limit, new HubSpotStore.View(props, List.of())));
    }

    private SimResponse batchRead(SimRequest r) {
        Optional<HubSpotSchema.ObjectType> type = store.schema().type(r.pathParam("objectType"));
        if (type.isEmpty()) {
            return unknownType(r.pathParam("objectType"));
        }
        JsonNode body = r.json();
        List<String> ids = new ArrayList<>();
        body.path("inputs").forEach(i -> ids.add(i.path("id").asString("")));
        if (ids.size() > 100) {
            return error(400, "VALIDATION_ERROR", "A batch may contain at most 100 inputs");
        }
        List<String> props = new ArrayList<>();
        body.path("properties").forEach(p -> props.add(p.asString()));
        String now = HubSpotSchema.ISO_MILLIS.format(clock().instant());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "COMPLETE");
        out.put("results", store.batchRead(type.get(), ids, body.path("idProperty").asString(""),
                new HubSpotStore.View(props, List.of())));
        out.put("startedAt", now);
        out.put("completedAt", now);
        return SimResponse.ok(out);
    }

    private SimResponse associations(SimRequest r) {
        Optional<HubSpotSchema.ObjectType> from = store.schema().type(r.pathParam("objectType"));
        Optional<HubSpotSchema.ObjectType> to = store.schema().type(r.pathParam("toObjectType"));
        if (from.isEmpty() || to.isEmpty()) {
            return unknownType(from.isEmpty() ? r.pathParam("objectType") : r.pathParam("toObjectType"));
        }
        return store.associationsV4(from.get(), r.pathParam("objectId"), to.get())
                .map(results -> SimResponse.ok(Json.object("results", results)))
                .orElseGet(() -> error(404, "OBJECT_NOT_FOUND", "resource not found"));
    }

    private SimResponse associateDefault(SimRequest r) {
        Optional<HubSpotSchema.ObjectType> from = store.schema().type(r.pathParam("objectType"));
        Optional<HubSpotSchema.ObjectType> to = store.schema().type(r.pathParam("toObjectType"));
        if (from.isEmpty() || to.isEmpty()) {
            return unknownType(from.isEmpty() ? r.pathParam("objectType") : r.pathParam("toObjectType"));
        }
        HubSpotStore.WriteResult result = store.associateDefault(from.get(), r.pathParam("objectId"), to.get(),
                r.pathParam("toObjectId"));
        if (result instanceof HubSpotStore.WriteResult.Done done) {
            String now = HubSpotSchema.ISO_MILLIS.format(clock().instant());
            return SimResponse.ok(Json.object("status", "COMPLETE", "results", List.of(done.object()),
                    "startedAt", now, "completedAt", now));
        }
        return write(result);
    }

    private SimResponse pipelines(SimRequest r) {
        return switch (r.pathParam("objectType")) {
            case "deals", "0-3" -> SimResponse.ok(Json.object("results", List.of(store.renderPipeline())));
            case "tickets", "0-5" -> SimResponse.ok(Json.object("results", List.of()));
            default -> error(400, "VALIDATION_ERROR", "Pipelines are not supported for object type "
                    + r.pathParam("objectType"));
        };
    }

    private SimResponse pipeline(SimRequest r) {
        if (!List.of("deals", "0-3").contains(r.pathParam("objectType")) || !r.pathParam("pipelineId").equals("default")) {
            return error(404, "OBJECT_NOT_FOUND", "Unable to find pipeline " + r.pathParam("pipelineId"));
        }
        return SimResponse.ok(store.renderPipeline());
    }

    private SimResponse stages(SimRequest r) {
        if (!List.of("deals", "0-3").contains(r.pathParam("objectType")) || !r.pathParam("pipelineId").equals("default")) {
            return error(404, "OBJECT_NOT_FOUND", "Unable to find pipeline " + r.pathParam("pipelineId"));
        }
        return SimResponse.ok(Json.object("results", store.stages().stream().map(store::renderStage).toList()));
    }

    private SimResponse owners(SimRequest r) {
        int limit;
        int after;
        try {
            limit = Math.max(1, Math.min(500, Integer.parseInt(r.queryParam("limit").orElse("100"))));
            after = Integer.parseInt(r.queryParam("after").orElse("0"));
        } catch (NumberFormatException e) {
            return error(400, "VALIDATION_ERROR", "limit and after must be numeric");
        }
        boolean archived = r.queryParam("archived").map(Boolean::parseBoolean).orElse(false);
        Optional<String> email = r.queryParam("email");
        List<HubSpotStore.Owner> all = archived ? List.of() : store.owners().stream()
                .filter(o -> email.isEmpty() || o.email().equalsIgnoreCase(email.get())).toList();
        List<Map<String, Object>> results = all.stream().skip(after).limit(limit).map(store::renderOwner).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", results);
        if (after + limit < all.size()) {
            int next = after + limit;
            out.put("paging", Json.object("next", Json.object("after", Integer.toString(next),
                    "link", baseUrl() + "/crm/v3/owners?limit=" + limit + "&after=" + next)));
        }
        return SimResponse.ok(out);
    }

    private SimResponse owner(SimRequest r) {
        String id = r.pathParam("ownerId");
        boolean byUser = r.queryParam("idProperty").map("userId"::equals).orElse(false);
        return store.owners().stream()
                .filter(o -> byUser ? Long.toString(o.userId()).equals(id) : o.id().equals(id))
                .findFirst()
                .map(o -> SimResponse.ok(store.renderOwner(o)))
                .orElseGet(() -> error(404, "OBJECT_NOT_FOUND", "resource not found"));
    }

    private SimResponse tokenInfo(SimRequest r) {
        String token = r.pathParam("token");
        return switch (tokens().check(token, SLUG)) {
            case VALID -> {
                HubSpotStore.Owner admin = store.owners().get(0);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("token", token);
                out.put("user", admin.email());
                out.put("hub_domain", "acme-demo.test");
                out.put("scopes", List.of("crm.objects.contacts.read", "crm.objects.contacts.write",
                        "crm.objects.companies.read", "crm.objects.companies.write", "crm.objects.deals.read",
                        "crm.objects.deals.write", "crm.objects.owners.read", "crm.schemas.deals.read"));
                out.put("hub_id", portalId);
                out.put("app_id", 1_234_567);
                out.put("expires_in", tokens().expiresAt(token)
                        .map(t -> Math.max(0, Duration.between(clock().instant(), t).toSeconds())).orElse(0L));
                out.put("user_id", admin.userId());
                out.put("token_type", "access");
                yield SimResponse.ok(out);
            }
            default -> error(404, "OBJECT_NOT_FOUND", "Token not found or expired");
        };
    }

    // ------------------------------------------------------------------ helpers

    private static HubSpotStore.View view(SimRequest r) {
        return new HubSpotStore.View(csv(r.queryParams("properties")), csv(r.queryParams("associations")));
    }

    private static List<String> csv(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank() && !out.contains(part.trim())) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static Map<String, String> properties(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        body.path("properties").properties().forEach(e -> out.put(e.getKey(),
                e.getValue().isNull() ? "" : e.getValue().asString()));
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private SimResponse write(HubSpotStore.WriteResult result) {
        return switch (result) {
            case HubSpotStore.WriteResult.Done done -> SimResponse.json(done.status(), done.object());
            case HubSpotStore.WriteResult.Invalid invalid -> validationError(invalid.problems());
            case HubSpotStore.WriteResult.Failed failed -> error(failed.status(), failed.category(), failed.message());
        };
    }

    private SimResponse validationError(List<HubSpotSchema.Problem> problems) {
        List<Map<String, Object>> results = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (HubSpotSchema.Problem p : problems) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("isValid", false);
            result.put("message", p.message());
            result.put("error", p.code());
            result.put("name", p.property());
            result.put("localizedErrorMessage", p.message());
            result.put("propertyValue", p.value());
            results.add(result);
            errors.add(Json.object("message", p.message(), "code", p.code(),
                    "context", Json.object("propertyName", List.of(p.property()))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", "Property values were not valid: " + Json.write(results));
        body.put("correlationId", correlationId());
        body.put("errors", errors);
        body.put("category", "VALIDATION_ERROR");
        return SimResponse.json(400, body);
    }

    private SimResponse unknownType(String name) {
        return error(400, "VALIDATION_ERROR", "Unable to infer object type from: " + name);
    }

    private SimResponse error(int status, String category, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        body.put("correlationId", correlationId());
        body.put("category", category);
        return SimResponse.json(status, body);
    }

    private String correlationId() {
        return UUID.nameUUIDFromBytes(("hubspot-correlation-" + correlations.incrementAndGet())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ------------------------------------------------------------------ vendor answers

    @Override
    protected AuthResult authenticate(SimRequest r) {
        if (r.path().startsWith("/oauth/v1/access-tokens/")) {
            return new AuthResult.Accepted("token-info");
        }
        Optional<String> token = r.bearerToken();
        if (token.isEmpty()) {
            return new AuthResult.Refused(error(401, "INVALID_AUTHENTICATION", MISSING_CREDENTIALS));
        }
        return switch (tokens().check(token.get(), SLUG)) {
            case VALID -> new AuthResult.Accepted(token.get());
            case EXPIRED -> {
                Instant expired = tokens().expiresAt(token.get()).orElse(clock().instant());
                long ago = Math.max(1, Duration.between(expired, clock().instant()).toSeconds());
                yield new AuthResult.Refused(error(401, "EXPIRED_AUTHENTICATION",
                        "The OAuth token used to make this call expired " + ago + " second(s) ago."));
            }
            case REVOKED -> new AuthResult.Refused(error(401, "INVALID_AUTHENTICATION",
                    "The access token used to make this call has been revoked. " + MISSING_CREDENTIALS));
            case UNKNOWN -> new AuthResult.Refused(error(401, "INVALID_AUTHENTICATION", MISSING_CREDENTIALS));
        };
    }

    @Override
    protected SimResponse rateLimited(SimRequest r, int retryAfterSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", "You have reached your ten_secondly_rolling limit.");
        body.put("errorType", "RATE_LIMIT");
        body.put("correlationId", correlationId());
        body.put("policyName", "TEN_SECONDLY_ROLLING");
        body.put("category", "RATE_LIMITS");
        return SimResponse.json(429, body);
    }

    @Override
    protected SimResponse quotaExhausted(SimRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", "You have reached your daily limit.");
        body.put("errorType", "RATE_LIMIT");
        body.put("correlationId", correlationId());
        body.put("policyName", "DAILY");
        body.put("category", "RATE_LIMITS");
        return SimResponse.json(429, body);
    }

    @Override
    protected SimResponse serverError(SimRequest r, int status) {
        return error(status, "INTERNAL_ERROR", "An internal error occurred. Please try again.");
    }

    @Override
    protected SimResponse notFound(SimRequest r) {
        return error(404, "OBJECT_NOT_FOUND", "resource not found");
    }

    @Override
    protected SimResponse invalidJson(SimRequest r, String detail) {
        return error(400, "VALIDATION_ERROR", "Invalid input JSON: " + detail);
    }

    @Override
    protected Map<String, String> rateLimitHeaders(RateLimitDecision d) {
        return Map.of("X-HubSpot-RateLimit-Max", Integer.toString(d.max()),
                "X-HubSpot-RateLimit-Remaining", Integer.toString(d.remaining()),
                "X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(d.window().toMillis()));
    }
}
