package io.revtops.connectors.hubspot;

import static io.revtops.connectors.mapping.OperationParams.freeObject;
import static io.revtops.connectors.mapping.OperationParams.object;
import static io.revtops.connectors.mapping.OperationParams.props;
import static io.revtops.connectors.mapping.OperationParams.string;
import static io.revtops.connectors.mapping.OperationParams.stringArray;

import io.revtops.connectors.ActionResult;
import io.revtops.connectors.Actionable;
import io.revtops.connectors.Checkpoint;
import io.revtops.connectors.ConnectorContext;
import io.revtops.connectors.ConnectorException;
import io.revtops.connectors.ConnectorMeta;
import io.revtops.connectors.ConnectorMeta.Capability;
import io.revtops.connectors.OperationSpec;
import io.revtops.connectors.Page;
import io.revtops.connectors.StreamSpec;
import io.revtops.connectors.StreamSpec.Deletions;
import io.revtops.connectors.SyncSource;
import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.connectors.Writable;
import io.revtops.connectors.WriteResult;
import io.revtops.connectors.mapping.OperationParams;
import io.revtops.connectors.mapping.VendorValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot CRM: syncs pipelines, stages, companies, contacts, deals, engagements (calls, e-mails, meetings, notes) and
 * goal targets; writes deals, contacts, companies and notes; looks contacts up for the agent.
 *
 * <p>Object streams (DELTA) keep this checkpoint: {@code since}/{@code since_id} — the last change seen (HubSpot's
 * own clock, so no skew), {@code deleted_since}/{@code deleted_seen} — archived records after the mark and not yet
 * reported are reported deleted, {@code phase} ({@code list} during the first sync, {@code changes},
 * {@code deletions}) and {@code after} (a list cursor); {@code deleted_max}/{@code deleted_recent} only mid-pass.
 * The first sync lists every record; later syncs search for records changed after {@code since} (paging by the last
 * seen change, not by offset, so HubSpot's 10 000-result search window never stops it), then list archived records.
 */
@Component
public class HubSpotConnector implements SyncSource, Writable, Actionable {

    static final String PHASE = "phase";
    static final String AFTER = "after";
    static final String SINCE = "since";
    static final String SINCE_ID = "since_id";
    static final String DELETED_SINCE = "deleted_since";
    static final String DELETED_SEEN = "deleted_seen";
    static final String DELETED_MAX = "deleted_max";
    static final String DELETED_RECENT = "deleted_recent";
    /** How long after the newest archive we still look for archives that happened while we paged. */
    static final java.time.Duration DELETION_LAG = java.time.Duration.ofMinutes(15);
    /** Ids remembered inside the lag window; beyond this a few deletions may be reported twice (harmless). */
    static final int MAX_REMEMBERED = 1_000;

    private static final List<StreamSpec> STREAMS = List.of(
            new StreamSpec("pipelines", SyncedTable.PIPELINES, Deletions.SWEEP),
            new StreamSpec("pipeline_stages", SyncedTable.PIPELINE_STAGES, Deletions.SWEEP),
            new StreamSpec("accounts", SyncedTable.ACCOUNTS, Deletions.DELTA),
            new StreamSpec("contacts", SyncedTable.CONTACTS, Deletions.DELTA),
            new StreamSpec("deals", SyncedTable.DEALS, Deletions.DELTA),
            new StreamSpec("calls", SyncedTable.ACTIVITIES, Deletions.DELTA),
            new StreamSpec("emails", SyncedTable.ACTIVITIES, Deletions.DELTA),
            new StreamSpec("meetings", SyncedTable.ACTIVITIES, Deletions.DELTA),
            new StreamSpec("notes", SyncedTable.ACTIVITIES, Deletions.DELTA),
            new StreamSpec("goals", SyncedTable.GOALS, Deletions.SWEEP));

    static final ConnectorMeta META = new ConnectorMeta("hubspot", "HubSpot", ConnectorMeta.AuthType.OAUTH2,
            new ConnectorMeta.AuthStyle.Bearer(), ConnectorMeta.Scope.ORGANIZATION,
            List.of("pipelines", "pipeline_stages", "accounts", "contacts", "deals", "activities", "goals"),
            Set.of(Capability.SYNC, Capability.WRITE, Capability.ACTION),
            List.of(), HubSpotOperations.WRITES, HubSpotOperations.ACTIONS, HubSpotOperations.GUIDE,
            "https://api.hubapi.com", Optional.of("hubspot"));

    @Override
    public ConnectorMeta meta() {
        return META;
    }

    @Override
    public List<StreamSpec> streams() {
        return STREAMS;
    }

    // ------------------------------------------------------------------ sync

    @Override
    public Page fetch(ConnectorContext ctx, StreamSpec stream, Checkpoint checkpoint) {
        HubSpotClient client = new HubSpotClient(ctx.http());
        return switch (stream.name()) {
            case "pipelines" -> new Page(HubSpotMapper.pipelines(client.dealPipelines()), List.of(), List.of(), Checkpoint.START, false);
            case "pipeline_stages" -> new Page(HubSpotMapper.stageRecords(HubSpotMapper.stages(client.dealPipelines())),
                    List.of(), List.of(), Checkpoint.START, false);
            case "goals" -> goals(ctx, client, checkpoint);
            default -> {
                HubSpotObjectType type = HubSpotObjectType.byStream(stream.name())
                        .orElseThrow(() -> new ConnectorException.InvalidRequest("HubSpot has no stream '" + stream.name() + "'"));
                yield objects(ctx, client, type, checkpoint);
            }
        };
    }

    private Page objects(ConnectorContext ctx, HubSpotClient client, HubSpotObjectType type, Checkpoint cp) {
        Optional<Instant> since = cp.get(SINCE).map(HubSpotConnector::instant);
        String phase = cp.get(PHASE).orElse(since.isPresent() ? "changes" : "start");
        List<String> extras = extras(ctx, type);
        List<String> properties = type.properties(extras);
        List<String> customKeys = customKeys(type, extras);
        return switch (phase) {
            case "start" -> {
                // HubSpot's newest change before the listing starts: anything changed while we list is after it
                Instant mark = client.newestChange(type).orElse(Instant.EPOCH);
                Checkpoint listing = Checkpoint.START.with(SINCE, mark.toString()).with(DELETED_SINCE, mark.toString());
                yield listPage(ctx, client, type, properties, customKeys, listing, Optional.empty());
            }
            case "list" -> listPage(ctx, client, type, properties, customKeys, cp, cp.get(AFTER));
            case "changes" -> changesPage(ctx, client, type, properties, customKeys, cp,
                    since.orElse(Instant.EPOCH), cp.get(SINCE_ID));
            case "deletions" -> deletionsPage(client, type, cp);
            default -> throw new ConnectorException.InvalidRequest("unknown HubSpot checkpoint phase '" + phase + "'");
        };
    }

    private Page listPage(ConnectorContext ctx, HubSpotClient client, HubSpotObjectType type, List<String> properties,
                          List<String> customKeys, Checkpoint base, Optional<String> after) {
        JsonNode page = client.list(type, after, properties, false);
        HubSpotMapper.Stages stages = type == HubSpotObjectType.DEALS ? HubSpotMapper.stages(client.dealPipelines())
                : HubSpotMapper.Stages.NONE;
        List<SyncedRecord> records = new ArrayList<>();
        List<Page.RecordFailure> failures = new ArrayList<>();
        for (JsonNode o : page.path("results")) map(type, o, customKeys, stages, Map.of(), records, failures);
        Optional<String> next = HubSpotClient.nextAfter(page);
        Checkpoint done = base.with(PHASE, null).with(AFTER, null);
        return next.map(a -> new Page(records, List.of(), failures, base.with(PHASE, "list").with(AFTER, a), true))
                .orElseGet(() -> new Page(records, List.of(), failures, done, false));
    }

    private Page changesPage(ConnectorContext ctx, HubSpotClient client, HubSpotObjectType type, List<String> properties,
                             List<String> customKeys, Checkpoint cp, Instant since, Optional<String> sinceId) {
        JsonNode page = client.changedSince(type, since, sinceId, properties, HubSpotClient.PAGE);
        JsonNode hits = page.path("results");
        HubSpotMapper.Stages stages = type == HubSpotObjectType.DEALS && !hits.isEmpty()
                ? HubSpotMapper.stages(client.dealPipelines()) : HubSpotMapper.Stages.NONE;
        List<SyncedRecord> records = new ArrayList<>();
        List<Page.RecordFailure> failures = new ArrayList<>();
        Instant lastAt = since;
        Optional<String> lastId = sinceId;
        for (JsonNode hit : hits) {
            ctx.checkCancelled();
            Instant at = HubSpotMapper.modifiedAt(hit, type);
            String id = VendorValues.text(hit.path("id"));
            if (at == null || id == null) {
                throw new ConnectorException.MalformedResponse("HubSpot search answered a " + type.apiName
                        + " without an id or " + type.modifiedProperty);
            }
            lastAt = at;
            lastId = Optional.of(id);
            JsonNode full = hit;
            if (type.needsAssociationRead()) {
                Optional<JsonNode> read = client.read(type, id, properties);
                if (read.isEmpty()) continue; // archived meanwhile: the deletions phase reports it
                full = read.get();
            }
            map(type, full, customKeys, stages, Map.of(), records, failures);
        }
        Checkpoint moved = cp.with(SINCE, lastAt.toString()).with(SINCE_ID, lastId.orElse(null)).with(AFTER, null);
        boolean more = HubSpotClient.nextAfter(page).isPresent() || hits.size() >= HubSpotClient.PAGE;
        return new Page(records, List.of(), failures, moved.with(PHASE, more ? "changes" : "deletions"), true);
    }

    /**
     * One page of archived records. Reported: those archived after {@code deleted_since} that the previous pass did not
     * report ({@code deleted_seen}). The mark then moves to the newest archive seen minus {@link #DELETION_LAG}, so an
     * archive that happens while we page (and lands on a page already read) is still after the mark next time; the
     * ids inside that lag window are remembered so they are not reported twice.
     */
    private Page deletionsPage(HubSpotClient client, HubSpotObjectType type, Checkpoint cp) {
        JsonNode page = client.list(type, cp.get(AFTER), List.of("hs_object_id"), true);
        Optional<Instant> deletedSince = cp.get(DELETED_SINCE).map(HubSpotConnector::instant);
        Set<String> reportedBefore = Set.copyOf(ids(cp.get(DELETED_SEEN).orElse("")));
        Instant newest = cp.get(DELETED_MAX).map(HubSpotConnector::instant).orElse(deletedSince.orElse(Instant.EPOCH));
        Map<String, Instant> recent = recent(cp.get(DELETED_RECENT).orElse(""));
        List<String> deleted = new ArrayList<>();
        for (JsonNode o : page.path("results")) {
            String id = VendorValues.text(o.path("id"));
            if (id == null) continue;
            Instant archivedAt = VendorValues.instant(o.path("archivedAt"));
            boolean candidate = deletedSince.isEmpty() || archivedAt == null || archivedAt.isAfter(deletedSince.get());
            if (candidate && !reportedBefore.contains(id)) deleted.add(id);
            if (archivedAt != null) {
                if (archivedAt.isAfter(newest)) newest = archivedAt;
                if (candidate) recent.put(id, archivedAt);
            }
        }
        Instant floor = newest.minus(DELETION_LAG);
        recent.values().removeIf(at -> !at.isAfter(floor));
        Optional<String> next = HubSpotClient.nextAfter(page);
        if (next.isPresent()) {
            return new Page(List.of(), deleted, List.of(), cp.with(AFTER, next.get()).with(DELETED_MAX, newest.toString())
                    .with(DELETED_RECENT, recent.size() > MAX_REMEMBERED ? null : encode(recent)), true);
        }
        Instant mark = deletedSince.filter(d -> d.isAfter(floor)).orElse(floor);
        recent.values().removeIf(at -> !at.isAfter(mark));
        Checkpoint done = cp.with(PHASE, null).with(AFTER, null).with(DELETED_MAX, null).with(DELETED_RECENT, null)
                .with(DELETED_SINCE, mark.toString())
                .with(DELETED_SEEN, recent.isEmpty() || recent.size() > MAX_REMEMBERED ? null : String.join(",", recent.keySet()));
        return new Page(List.of(), deleted, List.of(), done, false);
    }

    private static List<String> ids(String csv) {
        return csv.isBlank() ? List.of() : List.of(csv.split(","));
    }

    private static Map<String, Instant> recent(String encoded) {
        Map<String, Instant> m = new LinkedHashMap<>();
        for (String pair : ids(encoded)) {
            int at = pair.indexOf('@');
            if (at > 0) m.put(pair.substring(0, at), Instant.ofEpochMilli(Long.parseLong(pair.substring(at + 1))));
        }
        return m;
    }

    private static String encode(Map<String, Instant> recent) {
        if (recent.isEmpty()) return null;
        List<String> pairs = new ArrayList<>();
        recent.forEach((id, at) -> pairs.add(id + "@" + at.toEpochMilli()));
        return String.join(",", pairs);
    }

    private Page goals(ConnectorContext ctx, HubSpotClient client, Checkpoint cp) {
        HubSpotObjectType type = HubSpotObjectType.GOALS;
        JsonNode page = client.list(type, cp.get(AFTER), type.properties(extras(ctx, type)), false);
        Map<String, String> ownerByUser = new LinkedHashMap<>();
        if (!page.path("results").isEmpty()) {
            for (JsonNode o : client.owners()) {
                String user = VendorValues.text(o.path("userId"));
                String owner = VendorValues.text(o.path("id"));
                if (user != null && owner != null) ownerByUser.put(user, owner);
            }
        }
        List<SyncedRecord> records = new ArrayList<>();
        List<Page.RecordFailure> failures = new ArrayList<>();
        for (JsonNode o : page.path("results")) {
            map(type, o, customKeys(type, extras(ctx, type)), HubSpotMapper.Stages.NONE, ownerByUser, records, failures);
        }
        Optional<String> next = HubSpotClient.nextAfter(page);
        return new Page(records, List.of(), failures, next.map(a -> Checkpoint.START.with(AFTER, a)).orElse(Checkpoint.START),
                next.isPresent());
    }

    private static void map(HubSpotObjectType type, JsonNode o, List<String> customKeys, HubSpotMapper.Stages stages,
                            Map<String, String> ownerByUser, List<SyncedRecord> records, List<Page.RecordFailure> failures) {
        try {
            records.add(HubSpotMapper.map(type, o, customKeys, stages, ownerByUser));
        } catch (HubSpotMapper.Unmappable e) {
            failures.add(new Page.RecordFailure(e.sourceId, e.getMessage()));
        } catch (RuntimeException e) {
            String id = Optional.ofNullable(VendorValues.text(o.path("id"))).orElse("?");
            failures.add(new Page.RecordFailure(id, "could not read this HubSpot " + type.apiName + ": " + e.getMessage()));
        }
    }

    /** Extra properties to sync into custom_fields, from the integration setting {@code custom_properties.<stream>}. */
    static List<String> extras(ConnectorContext ctx, HubSpotObjectType type) {
        Object all = ctx.config().get("custom_properties");
        if (!(all instanceof Map<?, ?> byType)) return List.of();
        Object list = byType.get(type.stream);
        if (list == null) list = byType.get(type.apiName);
        if (!(list instanceof List<?> names)) return List.of();
        return names.stream().filter(n -> n instanceof String s && s.matches("[a-z0-9_]{1,100}")).map(String.class::cast)
                .limit(50).toList();
    }

    private static List<String> customKeys(HubSpotObjectType type, List<String> extras) {
        List<String> keys = new ArrayList<>(type.extras);
        for (String e : extras) if (!keys.contains(e) && !type.mapped.contains(e)) keys.add(e);
        return keys;
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ConnectorException.InvalidRequest("HubSpot checkpoint time '" + s + "' is not an ISO instant");
        }
    }

    // ------------------------------------------------------------------ writes

    @Override
    public WriteResult write(ConnectorContext ctx, String operation, Map<String, Object> params, String idempotencyKey) {
        HubSpotClient client = new HubSpotClient(ctx.http());
        return switch (operation) {
            case "create_deal" -> create(client, HubSpotObjectType.DEALS, OperationParams.scalarObject(params, "properties", true),
                    associations(params, List.of(new Link("company_id", 5), new Link("contact_ids", 3))), idempotencyKey);
            case "update_deal" -> update(client, HubSpotObjectType.DEALS, OperationParams.requiredString(params, "deal_id"),
                    OperationParams.scalarObject(params, "properties", true), idempotencyKey);
            case "create_contact" -> create(client, HubSpotObjectType.CONTACTS, OperationParams.scalarObject(params, "properties", true),
                    associations(params, List.of(new Link("company_id", 1))), idempotencyKey);
            case "update_contact" -> update(client, HubSpotObjectType.CONTACTS, OperationParams.requiredString(params, "contact_id"),
                    OperationParams.scalarObject(params, "properties", true), idempotencyKey);
            case "create_company" -> create(client, HubSpotObjectType.COMPANIES, OperationParams.scalarObject(params, "properties", true),
                    List.of(), idempotencyKey);
            case "update_company" -> update(client, HubSpotObjectType.COMPANIES, OperationParams.requiredString(params, "company_id"),
                    OperationParams.scalarObject(params, "properties", true), idempotencyKey);
            case "create_note" -> createNote(ctx, client, params, idempotencyKey);
            default -> throw new ConnectorException.InvalidRequest("HubSpot has no write operation '" + operation + "'");
        };
    }

    private record Link(String param, int associationTypeId) {}

    private static List<Map<String, Object>> associations(Map<String, Object> params, List<Link> links) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Link l : links) {
            for (String id : OperationParams.stringList(params, l.param())) {
                if (!id.matches("\\d{1,20}")) {
                    throw new ConnectorException.InvalidRequest("'" + l.param() + "' must hold HubSpot record ids (digits), not '"
                            + VendorValues.clean(id, 40) + "'");
                }
                out.add(HubSpotClient.association(id, l.associationTypeId()));
            }
        }
        return out;
    }

    private WriteResult createNote(ConnectorContext ctx, HubSpotClient client, Map<String, Object> params, String key) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("hs_note_body", OperationParams.requiredString(params, "body"));
        Instant at = OperationParams.optionalString(params, "timestamp").map(VendorValues::instant)
                .orElse(ctx.clock().instant());
        if (at == null) throw new ConnectorException.InvalidRequest("'timestamp' must be an ISO 8601 date-time");
        properties.put("hs_timestamp", at.toString());
        OperationParams.optionalString(params, "owner_id").ifPresent(o -> properties.put("hubspot_owner_id", o));
        return create(client, HubSpotObjectType.NOTES, properties, associations(params, List.of(
                new Link("contact_id", 202), new Link("company_id", 190), new Link("deal_id", 214))), key);
    }

    private WriteResult create(HubSpotClient client, HubSpotObjectType type, Map<String, Object> properties,
                               List<Map<String, Object>> associations, String key) {
        JsonNode created = client.create(type, properties, associations, key);
        return result(client, type, created);
    }

    private WriteResult update(HubSpotClient client, HubSpotObjectType type, String id, Map<String, Object> properties, String key) {
        if (!id.matches("\\d{1,20}")) throw new ConnectorException.InvalidRequest("HubSpot ids are digits, not '" + VendorValues.clean(id, 40) + "'");
        JsonNode updated = client.update(type, id, properties, key);
        return result(client, type, updated);
    }

    /** The vendor's answer plus the record as a sync would store it (read back with its associations). */
    private WriteResult result(HubSpotClient client, HubSpotObjectType type, JsonNode answer) {
        String id = VendorValues.text(answer.path("id"));
        if (id == null) throw new ConnectorException.MalformedResponse("HubSpot answered a " + type.apiName + " write without an id");
        @SuppressWarnings("unchecked")
        Map<String, Object> vendor = HubSpotMapper.plain(answer) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        Optional<SyncedRecord> local;
        try {
            JsonNode full = client.read(type, id, type.properties(List.of())).orElse(answer);
            HubSpotMapper.Stages stages = type == HubSpotObjectType.DEALS ? HubSpotMapper.stages(client.dealPipelines())
                    : HubSpotMapper.Stages.NONE;
            local = Optional.of(HubSpotMapper.map(type, full, type.extras, stages, Map.of()));
        } catch (ConnectorException.Rejected | ConnectorException.MalformedResponse | HubSpotMapper.Unmappable e) {
            // the write happened; the next sync brings the local copy
            local = Optional.empty();
        }
        return new WriteResult(id, vendor, local);
    }

    // ------------------------------------------------------------------ actions

    @Override
    public ActionResult action(ConnectorContext ctx, String action, Map<String, Object> params, String idempotencyKey) {
        HubSpotClient client = new HubSpotClient(ctx.http());
        List<String> properties = List.of("firstname", "lastname", "email", "jobtitle", "phone", "associatedcompanyid",
                "company", "lifecyclestage", "hubspot_owner_id", "lastmodifieddate");
        return switch (action) {
            case "find_contact_by_email" -> {
                String email = VendorValues.email(OperationParams.requiredString(params, "email"));
                if (email == null) throw new ConnectorException.InvalidRequest("'email' must be an e-mail address");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("filterGroups", List.of(Map.of("filters", List.of(Map.of("propertyName", "email", "operator", "EQ",
                        "value", email)))));
                body.put("properties", properties);
                body.put("limit", 1);
                JsonNode results = client.search(HubSpotObjectType.CONTACTS, body, "contact by e-mail").path("results");
                if (results.isEmpty()) {
                    yield new ActionResult(Map.of("found", false), "No HubSpot contact has the e-mail " + email);
                }
                Map<String, Object> contact = contactSummary(results.get(0));
                yield new ActionResult(Map.of("found", true, "contact", contact),
                        "Found HubSpot contact " + contact.getOrDefault("name", email) + " (id " + contact.get("id") + ")");
            }
            case "search_contacts" -> {
                String query = OperationParams.requiredString(params, "query");
                int limit = OperationParams.integer(params, "limit", 10, 1, 50);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("query", VendorValues.clean(query, 200));
                body.put("properties", properties);
                body.put("limit", limit);
                JsonNode answer = client.search(HubSpotObjectType.CONTACTS, body, "contacts");
                List<Map<String, Object>> contacts = new ArrayList<>();
                answer.path("results").forEach(r -> contacts.add(contactSummary(r)));
                int total = answer.path("total").asInt(contacts.size());
                yield new ActionResult(Map.of("total", total, "contacts", contacts),
                        contacts.isEmpty() ? "No HubSpot contacts match '" + VendorValues.clean(query, 80) + "'"
                                : "Found " + total + " HubSpot contact" + (total == 1 ? "" : "s") + " matching '"
                                + VendorValues.clean(query, 80) + "'" + (total > contacts.size() ? ", showing " + contacts.size() : ""));
            }
            default -> throw new ConnectorException.InvalidRequest("HubSpot has no action '" + action + "'");
        };
    }

    private static Map<String, Object> contactSummary(JsonNode c) {
        JsonNode p = c.path("properties");
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "id", VendorValues.text(c.path("id")));
        String first = VendorValues.text(p.path("firstname"));
        String last = VendorValues.text(p.path("lastname"));
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        putIf(m, "name", name.isEmpty() ? null : name);
        putIf(m, "email", VendorValues.text(p.path("email")));
        putIf(m, "title", VendorValues.text(p.path("jobtitle")));
        putIf(m, "phone", VendorValues.text(p.path("phone")));
        putIf(m, "company", VendorValues.text(p.path("company")));
        putIf(m, "company_id", VendorValues.text(p.path("associatedcompanyid")));
        putIf(m, "lifecycle_stage", VendorValues.text(p.path("lifecyclestage")));
        putIf(m, "owner_id", VendorValues.text(p.path("hubspot_owner_id")));
        return m;
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
