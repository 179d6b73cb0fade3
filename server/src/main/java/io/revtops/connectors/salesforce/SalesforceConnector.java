package io.revtops.connectors.salesforce;

import static io.revtops.connectors.mapping.OperationParams.freeObject;
import static io.revtops.connectors.mapping.OperationParams.object;
import static io.revtops.connectors.mapping.OperationParams.props;
import static io.revtops.connectors.mapping.OperationParams.string;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Salesforce: syncs opportunity stages, accounts, contacts, opportunities, tasks (calls, e-mails, to-dos) and events
 * through SOQL; creates and updates opportunities, accounts and contacts.
 *
 * <p>Each object stream walks {@code ORDER BY LastModifiedDate, Id} in keyset pages of up to 2000 rows, following
 * {@code nextRecordsUrl} inside a page. Checkpoint: {@code since}/{@code since_id} (the last row seen, Salesforce's
 * clock), {@code next} (the open query cursor; if it has expired, the keyset position resumes instead),
 * {@code phase=deletions} while the recycle bin is read through {@code queryAll … IsDeleted = true} from
 * {@code deleted_since}/{@code deleted_id}. The first sync is the same walk from the beginning.
 */
@Component
public class SalesforceConnector implements SyncSource, Writable {

    static final String SINCE = "since";
    static final String SINCE_ID = "since_id";
    static final String NEXT = "next";
    static final String PHASE = "phase";
    static final String DELETED_SINCE = "deleted_since";
    static final String DELETED_ID = "deleted_id";

    private static final List<StreamSpec> STREAMS = List.of(
            new StreamSpec("pipeline_stages", SyncedTable.PIPELINE_STAGES, Deletions.SWEEP),
            new StreamSpec("accounts", SyncedTable.ACCOUNTS, Deletions.DELTA),
            new StreamSpec("contacts", SyncedTable.CONTACTS, Deletions.DELTA),
            new StreamSpec("deals", SyncedTable.DEALS, Deletions.DELTA),
            new StreamSpec("tasks", SyncedTable.ACTIVITIES, Deletions.DELTA),
            new StreamSpec("events", SyncedTable.ACTIVITIES, Deletions.DELTA));

    private static final String RECORD_ID = "Salesforce record id (15 or 18 characters), the source_id of the synced row";

    static final List<OperationSpec> WRITES = List.of(
            new OperationSpec("create_opportunity", "Create an opportunity.", object(props(
                    "fields", freeObject("Opportunity fields: Name, StageName (a stage name from pipeline_stages), "
                            + "CloseDate (YYYY-MM-DD) are required; Amount, AccountId, Probability, NextStep, Description, OwnerId")),
                    "fields"), false),
            new OperationSpec("update_opportunity", "Change fields of an opportunity.", object(props(
                    "opportunity_id", string(RECORD_ID),
                    "fields", freeObject("Fields to change, e.g. StageName, Amount, CloseDate, NextStep; null clears one")),
                    "opportunity_id", "fields"), false),
            new OperationSpec("create_account", "Create an account.", object(props(
                    "fields", freeObject("Account fields: Name (required), Website, Industry, NumberOfEmployees, "
                            + "AnnualRevenue, Phone, BillingCity, BillingCountry, OwnerId")), "fields"), false),
            new OperationSpec("update_account", "Change fields of an account.", object(props(
                    "account_id", string(RECORD_ID), "fields", freeObject("Fields to change")), "account_id", "fields"), false),
            new OperationSpec("create_contact", "Create a contact.", object(props(
                    "fields", freeObject("Contact fields: LastName (required), FirstName, Email, Title, Phone, AccountId")),
                    "fields"), false),
            new OperationSpec("update_contact", "Change fields of a contact.", object(props(
                    "contact_id", string(RECORD_ID), "fields", freeObject("Fields to change")), "contact_id", "fields"), false));

    static final String GUIDE = """
            Salesforce is the CRM of record. Accounts, contacts, opportunities (→ deals), opportunity stages \
            (→ pipeline_stages), tasks (calls and logged e-mails → activities of type call/email, other tasks → task) \
            and events (→ meeting activities) are synced (source_system = 'salesforce', source_id = the Salesforce id). \
            Answer questions with SQL over those tables.

            Writes (each waits for a human approval, then runs once; fields use Salesforce API names):
            - create_opportunity {fields:{Name, StageName, CloseDate, Amount?, AccountId?}}
            - update_opportunity {opportunity_id, fields:{StageName?, Amount?, CloseDate?, NextStep?}}
            - create_account {fields:{Name, Website?, Industry?}}, update_account {account_id, fields}
            - create_contact {fields:{LastName, FirstName?, Email?, Title?, AccountId?}}, update_contact {contact_id, fields}
            Tips: ids are Salesforce ids (source_id of a synced row, e.g. 006… for opportunities, 001… accounts, \
            003… contacts), never our UUIDs. StageName takes a stage name exactly as in pipeline_stages.name. Dates \
            are YYYY-MM-DD. Salesforce's validation messages (REQUIRED_FIELD_MISSING, INVALID_FIELD, …) come back \
            as they are; fix the named field and propose again.
            """;

    static final ConnectorMeta META = new ConnectorMeta("salesforce", "Salesforce", ConnectorMeta.AuthType.OAUTH2,
            new ConnectorMeta.AuthStyle.Bearer(), ConnectorMeta.Scope.ORGANIZATION,
            List.of("pipeline_stages", "accounts", "contacts", "deals", "activities"),
            Set.of(Capability.SYNC, Capability.WRITE), List.of(), WRITES, List.of(), GUIDE,
            "https://login.salesforce.com", Optional.of("salesforce"));

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
        SalesforceClient client = new SalesforceClient(ctx.http());
        if (stream.name().equals("pipeline_stages")) return stages(client, checkpoint);
        SalesforceObject object = SalesforceObject.byStream(stream.name())
                .orElseThrow(() -> new ConnectorException.InvalidRequest("Salesforce has no stream '" + stream.name() + "'"));
        boolean deletions = "deletions".equals(checkpoint.get(PHASE).orElse(""));
        return deletions ? deletionsPage(client, object, checkpoint) : changesPage(client, object, checkpoint);
    }

    private Page stages(SalesforceClient client, Checkpoint cp) {
        JsonNode page = cp.get(NEXT).map(client::more).orElseGet(() -> client.query("SELECT Id, MasterLabel, ApiName, "
                + "SortOrder, IsActive, IsClosed, IsWon, DefaultProbability, ForecastCategoryName FROM OpportunityStage "
                + "ORDER BY SortOrder ASC", false));
        List<SyncedRecord> records = new ArrayList<>();
        List<Page.RecordFailure> failures = new ArrayList<>();
        for (JsonNode row : page.path("records")) {
            try {
                records.add(SalesforceMapper.stage(row));
            } catch (RuntimeException e) {
                failures.add(new Page.RecordFailure(String.valueOf(VendorValues.text(row.path("Id"))), e.getMessage()));
            }
        }
        Optional<String> next = nextUrl(page);
        return new Page(records, List.of(), failures, next.map(n -> Checkpoint.START.with(NEXT, n)).orElse(Checkpoint.START),
                next.isPresent());
    }

    private Page changesPage(SalesforceClient client, SalesforceObject object, Checkpoint cp) {
        Optional<Instant> since = cp.get(SINCE).map(SalesforceConnector::instant);
        JsonNode page = open(client, cp, () -> client.changedSince(object.sobject, object.fields, since, cp.get(SINCE_ID), false));
        List<SyncedRecord> records = new ArrayList<>();
        List<Page.RecordFailure> failures = new ArrayList<>();
        Position last = new Position(since, cp.get(SINCE_ID));
        for (JsonNode row : page.path("records")) {
            last = position(row, object);
            try {
                records.add(SalesforceMapper.map(object, row));
            } catch (RuntimeException e) {
                failures.add(new Page.RecordFailure(last.id().orElse("?"), "could not read this Salesforce " + object.sobject
                        + ": " + e.getMessage()));
            }
        }
        Checkpoint moved = cp.with(SINCE, last.at().map(Instant::toString).orElse(null)).with(SINCE_ID, last.id().orElse(null));
        Optional<String> next = nextUrl(page);
        if (next.isPresent()) return new Page(records, List.of(), failures, moved.with(NEXT, next.get()), true);
        boolean full = page.path("totalSize").asInt(0) >= SalesforceClient.LIMIT;
        Checkpoint after = moved.with(NEXT, null).with(PHASE, full ? null : "deletions");
        return new Page(records, List.of(), failures, after, true);
    }

    private Page deletionsPage(SalesforceClient client, SalesforceObject object, Checkpoint cp) {
        Optional<Instant> since = cp.get(DELETED_SINCE).map(SalesforceConnector::instant);
        JsonNode page = open(client, cp, () -> client.changedSince(object.sobject, List.of("Id", "LastModifiedDate"), since,
                cp.get(DELETED_ID), true));
        List<String> deleted = new ArrayList<>();
        Position last = new Position(since, cp.get(DELETED_ID));
        for (JsonNode row : page.path("records")) {
            last = position(row, object);
            deleted.add(last.id().orElseThrow());
        }
        Checkpoint moved = cp.with(DELETED_SINCE, last.at().map(Instant::toString).orElse(null))
                .with(DELETED_ID, last.id().orElse(null));
        Optional<String> next = nextUrl(page);
        if (next.isPresent()) return new Page(List.of(), deleted, List.of(), moved.with(NEXT, next.get()), true);
        boolean full = page.path("totalSize").asInt(0) >= SalesforceClient.LIMIT;
        if (full) return new Page(List.of(), deleted, List.of(), moved.with(NEXT, null), true);
        return new Page(List.of(), deleted, List.of(), moved.with(NEXT, null).with(PHASE, null), false);
    }

    /** The open cursor's next page; if Salesforce has forgotten the cursor, the keyset query from the last row seen. */
    private static JsonNode open(SalesforceClient client, Checkpoint cp, java.util.function.Supplier<JsonNode> fresh) {
        Optional<String> next = cp.get(NEXT);
        if (next.isEmpty()) return fresh.get();
        try {
            return client.more(next.get());
        } catch (ConnectorException.Rejected e) {
            if (e.status() == 400 || e.status() == 404) return fresh.get(); // INVALID_QUERY_LOCATOR: cursors expire
            throw e;
        }
    }

    private record Position(Optional<Instant> at, Optional<String> id) {}

    private static Position position(JsonNode row, SalesforceObject object) {
        Instant at = SalesforceMapper.modifiedAt(row);
        String id = VendorValues.text(row.path("Id"));
        if (at == null || id == null || !SalesforceClient.ID.matcher(id).matches()) {
            throw new ConnectorException.MalformedResponse("Salesforce answered a " + object.sobject
                    + " row without a valid Id or LastModifiedDate");
        }
        return new Position(Optional.of(at), Optional.of(id));
    }

    private static Optional<String> nextUrl(JsonNode page) {
        if (page.path("done").asBoolean(true)) return Optional.empty();
        String next = page.path("nextRecordsUrl").asString("");
        if (next.isBlank()) throw new ConnectorException.MalformedResponse("Salesforce said a query is not done but gave no nextRecordsUrl");
        return Optional.of(next);
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ConnectorException.InvalidRequest("Salesforce checkpoint time '" + s + "' is not an ISO instant");
        }
    }

    // ------------------------------------------------------------------ writes

    @Override
    public WriteResult write(ConnectorContext ctx, String operation, Map<String, Object> params, String idempotencyKey) {
        SalesforceClient client = new SalesforceClient(ctx.http());
        return switch (operation) {
            case "create_opportunity" -> create(client, SalesforceObject.OPPORTUNITY, params, idempotencyKey);
            case "update_opportunity" -> update(client, SalesforceObject.OPPORTUNITY, "opportunity_id", params, idempotencyKey);
            case "create_account" -> create(client, SalesforceObject.ACCOUNT, params, idempotencyKey);
            case "update_account" -> update(client, SalesforceObject.ACCOUNT, "account_id", params, idempotencyKey);
            case "create_contact" -> create(client, SalesforceObject.CONTACT, params, idempotencyKey);
            case "update_contact" -> update(client, SalesforceObject.CONTACT, "contact_id", params, idempotencyKey);
            default -> throw new ConnectorException.InvalidRequest("Salesforce has no write operation '" + operation + "'");
        };
    }

    private WriteResult create(SalesforceClient client, SalesforceObject object, Map<String, Object> params, String key) {
        Map<String, Object> fields = fields(params);
        String id = client.create(object.sobject, fields, key);
        return result(client, object, id, Map.of("id", id, "success", true));
    }

    private WriteResult update(SalesforceClient client, SalesforceObject object, String idParam, Map<String, Object> params,
                               String key) {
        String id = SalesforceClient.id(OperationParams.requiredString(params, idParam));
        client.update(object.sobject, id, fields(params), key);
        return result(client, object, id, Map.of("id", id, "success", true));
    }

    private static Map<String, Object> fields(Map<String, Object> params) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(OperationParams.scalarObject(params, "fields", true));
        for (String name : fields.keySet()) {
            if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,79}")) {
                throw new ConnectorException.InvalidRequest("'" + VendorValues.clean(name, 40) + "' is not a Salesforce field name");
            }
        }
        // an empty string clears a field in our parameters; Salesforce wants null for that
        fields.replaceAll((k, v) -> "".equals(v) ? null : v);
        return fields;
    }

    /** The vendor's answer and the record as a sync would store it, read back after the write. */
    private WriteResult result(SalesforceClient client, SalesforceObject object, String id, Map<String, Object> answer) {
        Map<String, Object> vendor = new java.util.LinkedHashMap<>(answer);
        Optional<SyncedRecord> local = Optional.empty();
        try {
            Optional<JsonNode> row = client.read(object.sobject, id, object.fields);
            if (row.isPresent()) {
                local = Optional.of(SalesforceMapper.map(object, row.get()));
                vendor.put("record", SalesforceMapper.plain(row.get()));
            }
        } catch (ConnectorException.Rejected | ConnectorException.MalformedResponse | SalesforceMapper.Unmappable e) {
            // the write happened; the next sync brings the local copy
        }
        return new WriteResult(id, vendor, local);
    }
}
