package io.revtops.simulators.salesforce;

import io.revtops.simulators.common.AuthResult;
import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.RateLimitDecision;
import io.revtops.simulators.common.Routes;
import io.revtops.simulators.common.SimRequest;
import io.revtops.simulators.common.SimResponse;
import io.revtops.simulators.common.TokenRegistry;
import io.revtops.simulators.common.TokenStatus;
import io.revtops.simulators.common.VendorSimulator;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.salesforce.SalesforceSchema.Field;
import io.revtops.simulators.salesforce.SalesforceSchema.SObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salesforce's REST API: SOQL {@code query}/{@code queryAll} with {@code nextRecordsUrl} cursors,
 * sObject create/read/update/delete, getDeleted/getUpdated replication, describe and limits, with
 * Salesforce's error arrays. The org holds the whole demo CRM (users, accounts, contacts,
 * opportunities, stages, calls and logged emails as Tasks, external meetings as Events).
 */
public final class SalesforceSimulator extends VendorSimulator {

    public static final String SLUG = "salesforce";
    /** The API version the connector uses; any {@code vNN.N} path is answered the same way. */
    public static final String API_VERSION = "v60.0";

    private static final Pattern VERSION = Pattern.compile("v\\d{2,3}\\.\\d");
    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize\\s*=\\s*(\\d+)");

    private final SalesforceStore store;
    private final String sessionToken;
    private final String orgId;
    private volatile int maxBatchSize = 2000;

    public SalesforceSimulator(DemoCompany company, TokenRegistry tokens, Clock clock) {
        super(SLUG, tokens, clock);
        this.store = SalesforceStore.seed(company, clock);
        this.orgId = SalesforceIds.id("00D", Math.floorMod(company.seed(), 1_000_000L) + 1);
        this.sessionToken = orgId.substring(0, 15) + "!AQ" + UUID.nameUUIDFromBytes(("salesforce:" + company.seed())
                .getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        tokens.register(sessionToken, SLUG);
    }

    /** The demo org's session token (an OAuth access token that never expires unless revoked). */
    public String sessionToken() {
        return sessionToken;
    }

    public String orgId() {
        return orgId;
    }

    /**
     * Caps the records per query page (Salesforce's default and maximum is 2000; the
     * {@code Sforce-Query-Options: batchSize=N} header asks for 200–2000). Tests lower it to force paging.
     */
    public SalesforceSimulator maxBatchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.maxBatchSize = size;
        return this;
    }

    /** The Salesforce id the simulator gives a generator record (e.g. {@code recordId("Opportunity", "deal-000001")}). */
    public static String recordId(String sobject, String demoId) {
        String prefix = switch (sobject) {
            case "Account" -> "001";
            case "Contact" -> "003";
            case "Opportunity" -> "006";
            case "User" -> "005";
            case "Event" -> "00U";
            case "Task" -> "00T";
            default -> throw new IllegalArgumentException("no generator mapping for " + sobject);
        };
        return SalesforceStore.sfId(prefix, demoId);
    }

    /** Modifies {@code count} live records (bumping LastModifiedDate); returns their ids. */
    public List<String> touch(String sobject, int count) {
        return store.touch(sobject, count);
    }

    /** Deletes {@code count} live records (IsDeleted = true, visible to queryAll and getDeleted); returns their ids. */
    public List<String> delete(String sobject, int count) {
        return store.deleteSome(sobject, count);
    }

    /** Live (not deleted) records of an sObject. */
    public int count(String sobject) {
        return store.count(sobject, false);
    }

    public int deletedCount(String sobject) {
        return store.count(sobject, true);
    }

    /** Live record counts per sObject. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SObject o : store.schema().all()) {
            counts.put(o.name(), count(o.name()));
        }
        return counts;
    }

    /** A record's current field values (deleted ones included), for assertions. */
    public Optional<Map<String, Object>> record(String sobject, String id) {
        return store.values(sobject, id);
    }

    // ------------------------------------------------------------------ routes

    @Override
    protected void declareRoutes(Routes routes) {
        String base = "/services/data/{version}";
        routes.get("/services/data", this::versions)
                .get(base, this::resources)
                .get(base + "/limits", this::limits)
                .get(base + "/query", r -> query(r, false))
                .get(base + "/query/{locator}", this::more)
                .get(base + "/queryAll", r -> query(r, true))
                .get(base + "/queryAll/{locator}", this::more)
                .get(base + "/sobjects", this::describeGlobal)
                .get(base + "/sobjects/{type}/describe", this::describe)
                .get(base + "/sobjects/{type}/deleted", this::deleted)
                .get(base + "/sobjects/{type}/updated", this::updated)
                .post(base + "/sobjects/{type}", this::create)
                .get(base + "/sobjects/{type}/{id}", this::read)
                .patch(base + "/sobjects/{type}/{id}", this::update)
                .delete(base + "/sobjects/{type}/{id}", this::deleteOne);
    }

    @Override
    protected void declareAdminRoutes(Routes routes) {
        routes.admin("POST", "/__sim/touch", r -> SimResponse.ok(Json.object("ids",
                touch(r.json().path("sobject").asString(""), r.json().path("count").asInt(1)))));
        routes.admin("POST", "/__sim/delete", r -> SimResponse.ok(Json.object("ids",
                delete(r.json().path("sobject").asString(""), r.json().path("count").asInt(1)))));
        routes.admin("GET", "/__sim/counts", r -> SimResponse.ok(counts()));
    }

    private SimResponse versions(SimRequest r) {
        return SimResponse.ok(List.of(
                Json.object("label", "Spring '24", "url", "/services/data/v60.0", "version", "60.0"),
                Json.object("label", "Summer '24", "url", "/services/data/v61.0", "version", "61.0"),
                Json.object("label", "Winter '25", "url", "/services/data/v62.0", "version", "62.0")));
    }

    private SimResponse resources(SimRequest r) {
        String v = r.pathParam("version");
        if (!VERSION.matcher(v).matches()) {
            return notFound(r);
        }
        String prefix = "/services/data/" + v;
        return SimResponse.ok(Json.object("sobjects", prefix + "/sobjects", "query", prefix + "/query",
                "queryAll", prefix + "/queryAll", "limits", prefix + "/limits"));
    }

    private SimResponse limits(SimRequest r) {
        int used = requests().size();
        return SimResponse.ok(Json.object("DailyApiRequests", Json.object("Max", 100_000, "Remaining", Math.max(0, 100_000 - used))));
    }

    private SimResponse query(SimRequest r, boolean all) {
        String version = r.pathParam("version");
        if (!VERSION.matcher(version).matches()) {
            return notFound(r);
        }
        Optional<String> q = r.queryParam("q").filter(s -> !s.isBlank());
        if (q.isEmpty()) {
            return errors(400, "A query string has to be specified", "MALFORMED_QUERY");
        }
        try {
            return SimResponse.ok(store.query(q.get(), all, batchSize(r), version));
        } catch (Soql.QueryError e) {
            int column = Math.max(1, e.column);
            String message = "\n" + q.get() + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:1:Column:" + column
                    + "\n" + e.getMessage();
            return errors(400, message, e.errorCode);
        }
    }

    private int batchSize(SimRequest r) {
        int requested = 2000;
        Optional<String> options = r.header("Sforce-Query-Options");
        if (options.isPresent()) {
            Matcher m = BATCH_SIZE.matcher(options.get());
            if (m.find()) {
                requested = Math.max(200, Math.min(2000, Integer.parseInt(m.group(1))));
            }
        }
        return Math.min(requested, maxBatchSize);
    }

    private SimResponse more(SimRequest r) {
        String locator = r.pathParam("locator");
        int dash = locator.lastIndexOf('-');
        if (dash < 0) {
            return errors(400, "invalid query locator", "INVALID_QUERY_LOCATOR");
        }
        try {
            int offset = Integer.parseInt(locator.substring(dash + 1));
            return store.more(locator.substring(0, dash), offset, r.pathParam("version"))
                    .map(SimResponse::ok)
                    .orElseGet(() -> errors(400, "invalid query locator", "INVALID_QUERY_LOCATOR"));
        } catch (NumberFormatException e) {
            return errors(400, "invalid query locator", "INVALID_QUERY_LOCATOR");
        }
    }

    private SimResponse describeGlobal(SimRequest r) {
        String prefix = "/services/data/" + r.pathParam("version") + "/sobjects/";
        List<Map<String, Object>> sobjects = new ArrayList<>();
        for (SObject o : store.schema().all()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", o.name());
            d.put("label", o.name());
            d.put("keyPrefix", o.keyPrefix());
            d.put("queryable", true);
            d.put("createable", o.writable());
            d.put("updateable", o.writable());
            d.put("deletable", o.writable() && o.hasIsDeleted());
            d.put("replicateable", true);
            d.put("urls", Json.object("sobject", prefix + o.name(), "describe", prefix + o.name() + "/describe",
                    "rowTemplate", prefix + o.name() + "/{ID}"));
            sobjects.add(d);
        }
        return SimResponse.ok(Json.object("encoding", "UTF-8", "maxBatchSize", 200, "sobjects", sobjects));
    }

    private SimResponse describe(SimRequest r) {
        Optional<SObject> type = store.schema().object(r.pathParam("type"));
        if (type.isEmpty()) {
            return notFound(r);
        }
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field f : type.get().fields().values()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", f.name());
            d.put("label", f.name());
            d.put("type", f.type().name().toLowerCase(Locale.ROOT));
            d.put("soapType", f.soapType());
            d.put("createable", f.createable());
            d.put("updateable", f.updateable());
            d.put("nillable", !f.requiredOnCreate() && !f.name().equals("Id"));
            d.put("referenceTo", f.referenceTo().isEmpty() ? (f.type() == SalesforceSchema.Type.REFERENCE
                    ? List.of("Account", "Opportunity") : List.of()) : List.of(f.referenceTo()));
            d.put("picklistValues", f.picklist().stream().map(p -> Json.object("value", p, "label", p, "active", true)).toList());
            fields.add(d);
        }
        return SimResponse.ok(Json.object("name", type.get().name(), "keyPrefix", type.get().keyPrefix(),
                "queryable", true, "createable", type.get().writable(), "updateable", type.get().writable(),
                "fields", fields));
    }

    private SimResponse deleted(SimRequest r) {
        Optional<SObject> type = store.schema().object(r.pathParam("type"));
        if (type.isEmpty()) {
            return notFound(r);
        }
        Optional<Instant[]> range = range(r);
        if (range.isEmpty()) {
            return errors(400, "start and end must be ISO 8601 date-times with start before end",
                    "INVALID_REPLICATION_DATE");
        }
        Instant start = range.get()[0];
        Instant end = range.get()[1];
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deletedRecords", store.deletedBetween(type.get().name(), start, end));
        out.put("earliestDateAvailable", SalesforceStore.DATETIME.format(store.earliestDeletedAvailable()));
        out.put("latestDateCovered", SalesforceStore.DATETIME.format(end.truncatedTo(ChronoUnit.MINUTES)));
        return SimResponse.ok(out);
    }

    private SimResponse updated(SimRequest r) {
        Optional<SObject> type = store.schema().object(r.pathParam("type"));
        if (type.isEmpty()) {
            return notFound(r);
        }
        Optional<Instant[]> range = range(r);
        if (range.isEmpty()) {
            return errors(400, "start and end must be ISO 8601 date-times with start before end",
                    "INVALID_REPLICATION_DATE");
        }
        return SimResponse.ok(Json.object("ids", store.updatedBetween(type.get().name(), range.get()[0], range.get()[1]),
                "latestDateCovered", SalesforceStore.DATETIME.format(range.get()[1].truncatedTo(ChronoUnit.MINUTES))));
    }

    private static Optional<Instant[]> range(SimRequest r) {
        try {
            Instant start = Soql.parseDateTime(r.queryParam("start").orElse(""), 0);
            Instant end = Soql.parseDateTime(r.queryParam("end").orElse(""), 0);
            return start.isBefore(end) ? Optional.of(new Instant[] {start, end}) : Optional.empty();
        } catch (Soql.QueryError e) {
            return Optional.empty();
        }
    }

    private SimResponse create(SimRequest r) {
        Optional<SObject> type = store.schema().object(r.pathParam("type"));
        if (type.isEmpty()) {
            return errors(404, "The requested resource does not exist", "NOT_FOUND");
        }
        return switch (store.create(type.get().name(), r.json())) {
            case SalesforceStore.WriteOutcome.Created created -> SimResponse.json(201,
                    Json.object("id", created.id(), "success", true, "errors", List.of()));
            case SalesforceStore.WriteOutcome.Failed failed -> failure(failed);
            case SalesforceStore.WriteOutcome.Done done -> SimResponse.empty(204);
        };
    }

    private SimResponse read(SimRequest r) {
        Optional<SObject> type = store.schema().object(r.pathParam("type"));
        if (type.isEmpty()) {
            return notFound(r);
        }
        List<String> fields = new ArrayList<>();
        for (String f : r.queryParam("fields").orElse("").split(",")) {
            if (f.isBlank()) {
                continue;
            }
            Optional<Field> field = type.get().field(f.trim());
            if (field.isEmpty()) {
                return errors(400, "No such column '" + f.trim() + "' on sobject of type " + type.get().name(),
                        "INVALID_FIELD");
            }
            fields.add(field.get().name());
        }
        return store.get(type.get().name(), r.pathParam("id"), fields, r.pathParam("version"))
                .map(SimResponse::ok)
                .orElseGet(() -> errors(404, "The requested resource does not exist", "NOT_FOUND"));
    }

    private SimResponse update(SimRequest r) {
        Optional<SObject> type = store.schema().object(r.pathParam("type"));
        if (type.isEmpty()) {
            return notFound(r);
        }
        return switch (store.update(type.get().name(), r.pathParam("id"), r.json())) {
            case SalesforceStore.WriteOutcome.Failed failed -> failure(failed);
            default -> SimResponse.empty(204);
        };
    }

    private SimResponse deleteOne(SimRequest r) {
        Optional<SObject> type = store.schema().object(r.pathParam("type"));
        if (type.isEmpty()) {
            return notFound(r);
        }
        return switch (store.delete(type.get().name(), r.pathParam("id"))) {
            case SalesforceStore.WriteOutcome.Failed failed -> failure(failed);
            default -> SimResponse.empty(204);
        };
    }

    // ------------------------------------------------------------------ vendor answers

    private static SimResponse failure(SalesforceStore.WriteOutcome.Failed failed) {
        return SimResponse.json(failed.status(), failed.errors().stream().map(SalesforceStore.ApiError::toMap).toList());
    }

    private static SimResponse errors(int status, String message, String errorCode) {
        return SimResponse.json(status, List.of(Json.object("message", message, "errorCode", errorCode)));
    }

    @Override
    protected AuthResult authenticate(SimRequest r) {
        if (r.path().equals("/services/data") || r.path().equals("/services/data/")) {
            return new AuthResult.Accepted("anonymous");
        }
        Optional<String> token = r.bearerToken();
        if (token.isPresent() && tokens().check(token.get(), SLUG) == TokenStatus.VALID) {
            return new AuthResult.Accepted(token.get());
        }
        return new AuthResult.Refused(errors(401, "Session expired or invalid", "INVALID_SESSION_ID")
                .withHeader("WWW-Authenticate", "Token"));
    }

    @Override
    protected SimResponse rateLimited(SimRequest r, int retryAfterSeconds) {
        return errors(429, "Too many requests. Retry after " + retryAfterSeconds + " seconds.", "REQUEST_LIMIT_EXCEEDED");
    }

    @Override
    protected SimResponse quotaExhausted(SimRequest r) {
        return errors(403, "TotalRequests Limit exceeded.", "REQUEST_LIMIT_EXCEEDED");
    }

    @Override
    protected SimResponse rateLimitPolicyExceeded(SimRequest r, int retryAfterSeconds) {
        return quotaExhausted(r);
    }

    @Override
    protected SimResponse serverError(SimRequest r, int status) {
        return status == 503
                ? errors(503, "Server temporarily unavailable, please retry.", "SERVER_UNAVAILABLE")
                : errors(status, "An unexpected error occurred. Please include this ErrorId if you contact support: "
                        + "1234567890-12345 (-1234567890)", "UNKNOWN_EXCEPTION");
    }

    @Override
    protected SimResponse notFound(SimRequest r) {
        return errors(404, "The requested resource does not exist", "NOT_FOUND");
    }

    @Override
    protected SimResponse invalidJson(SimRequest r, String detail) {
        return errors(400, "Unexpected character in JSON: " + detail, "JSON_PARSER_ERROR");
    }

    @Override
    protected Map<String, String> rateLimitHeaders(RateLimitDecision d) {
        return Map.of("Sforce-Limit-Info", "api-usage=" + (d.max() - d.remaining()) + "/" + d.max());
    }
}
