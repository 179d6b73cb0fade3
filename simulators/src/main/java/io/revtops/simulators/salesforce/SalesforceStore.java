package io.revtops.simulators.salesforce;

import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.ModificationClock;
import io.revtops.simulators.demo.Account;
import io.revtops.simulators.demo.Call;
import io.revtops.simulators.demo.Contact;
import io.revtops.simulators.demo.Deal;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.demo.Email;
import io.revtops.simulators.demo.Employee;
import io.revtops.simulators.demo.Meeting;
import io.revtops.simulators.demo.PipelineStage;
import io.revtops.simulators.salesforce.SalesforceSchema.Field;
import io.revtops.simulators.salesforce.SalesforceSchema.SObject;
import io.revtops.simulators.salesforce.SalesforceSchema.Type;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The Salesforce org's records, seeded from the demo company (the whole CRM, with Salesforce ids), plus
 * SOQL execution with server-side cursors and the write rules of the REST API. All methods lock the store.
 */
final class SalesforceStore {

    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_CURSORS = 500;
    private static final long NEW_RECORD_BASE = 50_000_000L;
    private static final long EMAIL_TASK_BASE = 10_000_000L;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** One record: field values by canonical name (Instant for datetimes, ISO text for dates). */
    static final class SfRecord {
        final SObject type;
        final String id;
        final Map<String, Object> values = new LinkedHashMap<>();
        Optional<Instant> deletedAt = Optional.empty();

        SfRecord(SObject type, String id) {
            this.type = type;
            this.id = id;
            values.put("Id", id);
        }

        boolean deleted() {
            return deletedAt.isPresent();
        }
    }

    /** A Salesforce error item: {@code [{"message", "errorCode", "fields"}]}. */
    record ApiError(String message, String errorCode, List<String> fields) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("message", message);
            m.put("errorCode", errorCode);
            if (!fields.isEmpty()) {
                m.put("fields", fields);
            }
            return m;
        }
    }

    /** Outcome of a write. */
    sealed interface WriteOutcome {
        record Created(String id) implements WriteOutcome {
        }

        record Done() implements WriteOutcome {
        }

        record Failed(int status, List<ApiError> errors) implements WriteOutcome {
        }
    }

    private record Cursor(SObject type, List<String> ids, List<String> fields, int batchSize, boolean all) {
    }

    private final SalesforceSchema schema;
    private final Map<String, LinkedHashMap<String, SfRecord>> records = new LinkedHashMap<>();
    private final Map<String, Long> counters = new HashMap<>();
    private final LinkedHashMap<String, Cursor> cursors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cursor> eldest) {
            return size() > MAX_CURSORS;
        }
    };
    private final ModificationClock modifications;
    private final List<PipelineStage> stages;
    private final long seed;
    private final Instant anchor;
    private long cursorCounter;
    private long operations;
    private String apiUserId = "";

    private SalesforceStore(DemoCompany company, Clock clock) {
        this.stages = company.pipelineStages();
        this.schema = new SalesforceSchema(stages.stream().map(PipelineStage::label).toList());
        this.modifications = new ModificationClock(clock, company.anchor());
        this.seed = company.seed();
        this.anchor = company.anchor();
        for (SObject o : schema.all()) {
            records.put(o.name(), new LinkedHashMap<>());
        }
    }

    static SalesforceStore seed(DemoCompany company, Clock clock) {
        SalesforceStore store = new SalesforceStore(company, clock);
        store.load(company);
        return store;
    }

    SalesforceSchema schema() {
        return schema;
    }

    // ------------------------------------------------------------------ seeding

    static String sfId(String keyPrefix, String demoId) {
        return SalesforceIds.id(keyPrefix, number(demoId));
    }

    private static long number(String demoId) {
        return Long.parseLong(demoId.substring(demoId.lastIndexOf('-') + 1));
    }

    private void load(DemoCompany company) {
        Map<String, Account> accounts = new HashMap<>();
        company.accounts().forEach(a -> accounts.put(a.id(), a));
        for (Employee e : company.employees()) {
            SfRecord r = put("User", SalesforceIds.id("005", number(e.id())), e.createdAt(), e.createdAt(), "");
            r.values.put("Username", e.email());
            r.values.put("Email", e.email());
            r.values.put("FirstName", e.firstName());
            r.values.put("LastName", e.lastName());
            r.values.put("Name", e.name());
            r.values.put("Title", e.title());
            r.values.put("Department", e.department());
            r.values.put("IsActive", true);
            r.values.put("UserType", "Standard");
            r.values.put("CreatedById", SalesforceIds.id("005", 1));
            r.values.put("LastModifiedById", SalesforceIds.id("005", 1));
        }
        apiUserId = SalesforceIds.id("005", 1);
        Instant stageCreated = company.anchor().minus(Duration.ofDays(900));
        for (PipelineStage s : stages) {
            SfRecord r = put("OpportunityStage", SalesforceIds.id("01J", s.displayOrder() + 1L), stageCreated,
                    stageCreated, apiUserId);
            r.values.put("MasterLabel", s.label());
            r.values.put("ApiName", s.label());
            r.values.put("IsActive", true);
            r.values.put("SortOrder", s.displayOrder() + 1);
            r.values.put("IsClosed", s.closed());
            r.values.put("IsWon", s.won());
            r.values.put("DefaultProbability", s.probability() * 100);
            r.values.put("ForecastCategoryName", forecastCategory(s));
            r.values.put("Description", null);
        }
        for (Account a : company.accounts()) {
            SfRecord r = put("Account", sfId("001", a.id()), a.createdAt(), a.updatedAt(), user(a.ownerId()));
            r.values.put("Name", a.name());
            r.values.put("Type", a.lifecycleStage().equals("customer") ? "Customer - Direct" : "Prospect");
            r.values.put("Industry", a.industry().salesforceValue());
            r.values.put("Website", "https://www." + a.domain());
            r.values.put("Phone", a.phone());
            r.values.put("BillingCity", a.city());
            r.values.put("BillingCountry", a.country());
            r.values.put("NumberOfEmployees", a.employeeCount());
            r.values.put("AnnualRevenue", (double) a.annualRevenue());
            r.values.put("Description", null);
            r.values.put("OwnerId", user(a.ownerId()));
        }
        for (Contact c : company.contacts()) {
            SfRecord r = put("Contact", sfId("003", c.id()), c.createdAt(), c.updatedAt(), user(c.ownerId()));
            r.values.put("AccountId", sfId("001", c.accountId()));
            r.values.put("FirstName", c.firstName());
            r.values.put("LastName", c.lastName());
            r.values.put("Name", c.name());
            r.values.put("Email", c.email());
            r.values.put("Title", c.title());
            r.values.put("Phone", c.phone());
            r.values.put("Description", null);
            r.values.put("OwnerId", user(c.ownerId()));
        }
        for (Deal d : company.deals()) {
            SfRecord r = put("Opportunity", sfId("006", d.id()), d.createdAt(), d.updatedAt(), user(d.ownerId()));
            r.values.put("AccountId", sfId("001", d.accountId()));
            r.values.put("Name", d.name());
            r.values.put("Description", null);
            r.values.put("StageName", company.stage(d.stageId()).label());
            r.values.put("Amount", (double) d.amount());
            r.values.put("CloseDate", d.closeDate().toString());
            r.values.put("Type", d.dealType().equals("newbusiness") ? "New Customer" : "Existing Customer - Upgrade");
            r.values.put("LeadSource", null);
            r.values.put("NextStep", null);
            r.values.put("OwnerId", user(d.ownerId()));
            deriveOpportunity(r, true);
        }
        for (Call c : company.calls()) {
            SfRecord r = put("Task", sfId("00T", c.id()), c.at(), c.at(), user(c.ownerId()));
            r.values.put("WhoId", sfId("003", c.contactId()));
            r.values.put("WhatId", c.dealId().map(d -> sfId("006", d)).orElse(sfId("001", c.accountId())));
            r.values.put("AccountId", sfId("001", c.accountId()));
            r.values.put("Subject", c.title());
            r.values.put("ActivityDate", LocalDate.ofInstant(c.at(), ZoneOffset.UTC).toString());
            r.values.put("Status", "Completed");
            r.values.put("Priority", "Normal");
            r.values.put("Description", c.notes());
            r.values.put("TaskSubtype", "Call");
            r.values.put("CallType", c.outbound() ? "Outbound" : "Inbound");
            r.values.put("CallDurationInSeconds", c.durationSeconds());
            r.values.put("CallDisposition", c.outcome());
            r.values.put("IsClosed", true);
            r.values.put("OwnerId", user(c.ownerId()));
        }
        for (Email e : company.crmLoggedEmails()) {
            String id = SalesforceIds.id("00T", EMAIL_TASK_BASE + number(e.id()));
            SfRecord r = put("Task", id, e.sentAt(), e.sentAt(), user(e.mailboxOwnerId()));
            r.values.put("WhoId", e.contactId().map(c -> sfId("003", c)).orElse(null));
            r.values.put("WhatId", e.dealId().map(d -> sfId("006", d))
                    .orElse(e.accountId().map(a -> sfId("001", a)).orElse(null)));
            r.values.put("AccountId", e.accountId().map(a -> sfId("001", a)).orElse(null));
            r.values.put("Subject", "Email: " + e.subject());
            r.values.put("ActivityDate", LocalDate.ofInstant(e.sentAt(), ZoneOffset.UTC).toString());
            r.values.put("Status", "Completed");
            r.values.put("Priority", "Normal");
            r.values.put("Description", e.body());
            r.values.put("TaskSubtype", "Email");
            r.values.put("CallType", null);
            r.values.put("CallDurationInSeconds", null);
            r.values.put("CallDisposition", null);
            r.values.put("IsClosed", true);
            r.values.put("OwnerId", user(e.mailboxOwnerId()));
        }
        for (Meeting m : company.externalMeetings()) {
            SfRecord r = put("Event", sfId("00U", m.id()), m.start(), m.start(), user(m.organizerId()));
            r.values.put("WhoId", m.contactIds().isEmpty() ? null : sfId("003", m.contactIds().get(0)));
            r.values.put("WhatId", m.dealId().map(d -> sfId("006", d))
                    .orElse(m.accountId().map(a -> sfId("001", a)).orElse(null)));
            r.values.put("AccountId", m.accountId().map(a -> sfId("001", a)).orElse(null));
            r.values.put("Subject", m.title());
            r.values.put("Location", m.location());
            r.values.put("Description", m.summary());
            r.values.put("StartDateTime", m.start());
            r.values.put("EndDateTime", m.end());
            r.values.put("ActivityDateTime", m.start());
            r.values.put("ActivityDate", LocalDate.ofInstant(m.start(), ZoneOffset.UTC).toString());
            r.values.put("DurationInMinutes", (int) Duration.between(m.start(), m.end()).toMinutes());
            r.values.put("OwnerId", user(m.organizerId()));
        }
    }

    private static String user(String employeeId) {
        return SalesforceIds.id("005", number(employeeId));
    }

    private SfRecord put(String type, String id, Instant created, Instant modified, String byUser) {
        SObject sobject = schema.require(type);
        SfRecord r = new SfRecord(sobject, id);
        if (sobject.hasIsDeleted()) {
            r.values.put("IsDeleted", false);
        }
        r.values.put("CreatedDate", created);
        r.values.put("CreatedById", byUser.isEmpty() ? null : byUser);
        r.values.put("LastModifiedDate", modified);
        r.values.put("LastModifiedById", byUser.isEmpty() ? null : byUser);
        r.values.put("SystemModstamp", modified);
        records.get(sobject.name()).put(id, r);
        return r;
    }

    private static String forecastCategory(PipelineStage s) {
        if (s.closed()) {
            return s.won() ? "Closed" : "Omitted";
        }
        return s.probability() >= 0.8 ? "Best Case" : "Pipeline";
    }

    private void deriveOpportunity(SfRecord r, boolean setProbability) {
        String stageName = String.valueOf(r.values.get("StageName"));
        stages.stream().filter(s -> s.label().equals(stageName)).findFirst().ifPresent(s -> {
            if (setProbability) {
                r.values.put("Probability", s.probability() * 100);
            }
            r.values.put("IsClosed", s.closed());
            r.values.put("IsWon", s.won());
            r.values.put("ForecastCategoryName", forecastCategory(s));
        });
    }

    // ------------------------------------------------------------------ queries

    /** Runs a SOQL query; the first page and, when more remain, a cursor for the rest. */
    synchronized Map<String, Object> query(String soql, boolean all, int batchSize, String version) {
        Soql.Query q = Soql.parse(soql);
        SObject type = schema.object(q.object()).orElseThrow(() -> new Soql.QueryError("INVALID_TYPE",
                "sObject type '" + q.object() + "' is not supported. If you are attempting to use a custom object, "
                        + "be sure to append the '__c' after the entity name. Please reference your WSDL or the "
                        + "describe call for the appropriate names.", q.objectColumn()));
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < q.fields().size(); i++) {
            String name = resolve(type, q.fields().get(i), q.fieldColumns().get(i)).name();
            if (fields.contains(name)) {
                throw new Soql.QueryError("MALFORMED_QUERY", "duplicate field selected: " + name, q.fieldColumns().get(i));
            }
            fields.add(name);
        }
        q.where().ifPresent(c -> check(type, c));
        List<Comparator<SfRecord>> orders = new ArrayList<>();
        for (Soql.Order o : q.orderBy()) {
            Field f = resolve(type, o.field(), 0);
            boolean nullsLast = o.nullsLast().orElse(o.descending());
            orders.add((a, b) -> compareValues(a.values.get(f.name()), b.values.get(f.name()), o.descending(), nullsLast));
        }
        List<SfRecord> rows = new ArrayList<>();
        for (SfRecord r : records.get(type.name()).values()) {
            if ((all || !r.deleted()) && q.where().map(c -> matches(r, c)).orElse(true)) {
                rows.add(r);
            }
        }
        if (!orders.isEmpty()) {
            Comparator<SfRecord> order = orders.stream().reduce(Comparator::thenComparing).orElseThrow();
            long wanted = (long) q.offset().orElse(0) + q.limit().orElse(Integer.MAX_VALUE);
            rows = wanted < rows.size() ? firstInOrder(rows, order, (int) wanted) : sorted(rows, order);
        }
        int from = Math.min(rows.size(), q.offset().orElse(0));
        int to = Math.min(rows.size(), from + q.limit().orElse(Integer.MAX_VALUE));
        List<String> ids = rows.subList(from, to).stream().map(r -> r.id).toList();
        if (q.countOnly()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("totalSize", ids.size());
            out.put("done", true);
            out.put("records", List.of());
            return out;
        }
        Cursor cursor = new Cursor(type, ids, fields, batchSize, all);
        String locator = SalesforceIds.id("01g", ++cursorCounter);
        cursors.put(locator, cursor);
        return page(locator, cursor, 0, version);
    }

    private static List<SfRecord> sorted(List<SfRecord> rows, Comparator<SfRecord> order) {
        rows.sort(order);
        return rows;
    }

    /**
     * The first {@code k} rows in {@code order} (ties in their listing order, as a stable sort would give them),
     * without sorting them all: a bounded heap, so a keyset page (ORDER BY ... LIMIT 2000) over a large object costs
     * one comparison per row instead of a full sort per page.
     */
    private static List<SfRecord> firstInOrder(List<SfRecord> rows, Comparator<SfRecord> order, int k) {
        record Ranked(SfRecord row, int index) {}
        Comparator<Ranked> ranked = Comparator.<Ranked, SfRecord>comparing(Ranked::row, order).thenComparingInt(Ranked::index);
        java.util.PriorityQueue<Ranked> worstFirst = new java.util.PriorityQueue<>(k + 1, ranked.reversed());
        for (int i = 0; i < rows.size(); i++) {
            Ranked r = new Ranked(rows.get(i), i);
            if (worstFirst.size() < k) {
                worstFirst.add(r);
            } else if (k > 0 && ranked.compare(r, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(r);
            }
        }
        List<Ranked> first = new ArrayList<>(worstFirst);
        first.sort(ranked);
        return first.stream().map(Ranked::row).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** The page of a cursor starting at {@code offset}; empty when the locator is unknown or expired. */
    synchronized Optional<Map<String, Object>> more(String locator, int offset, String version) {
        Cursor cursor = cursors.get(locator);
        if (cursor == null || offset < 0 || offset > cursor.ids().size()) {
            return Optional.empty();
        }
        return Optional.of(page(locator, cursor, offset, version));
    }

    private Map<String, Object> page(String locator, Cursor cursor, int offset, String version) {
        int end = Math.min(cursor.ids().size(), offset + cursor.batchSize());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : cursor.ids().subList(offset, end)) {
            SfRecord r = records.get(cursor.type().name()).get(id);
            rows.add(render(r, cursor.fields(), version));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totalSize", cursor.ids().size());
        out.put("done", end >= cursor.ids().size());
        if (end < cursor.ids().size()) {
            out.put("nextRecordsUrl", "/services/data/" + version + (cursor.all() ? "/queryAll/" : "/query/")
                    + locator + "-" + end);
        }
        out.put("records", rows);
        return out;
    }

    private Field resolve(SObject type, String name, int column) {
        if (name.contains(".")) {
            throw new Soql.QueryError("INVALID_FIELD", "Didn't understand relationship '"
                    + name.substring(0, name.indexOf('.')) + "' in field path. The simulator supports only fields "
                    + "of the queried object.", column);
        }
        return type.field(name).orElseThrow(() -> new Soql.QueryError("INVALID_FIELD", "No such column '" + name
                + "' on entity '" + type.name() + "'. If you are attempting to use a custom field, be sure to append "
                + "the '__c' after the custom field name. Please reference your WSDL or the describe call for the "
                + "appropriate names.", column));
    }

    private void check(SObject type, Soql.Condition c) {
        switch (c) {
            case Soql.Condition.And and -> and.parts().forEach(p -> check(type, p));
            case Soql.Condition.Or or -> or.parts().forEach(p -> check(type, p));
            case Soql.Condition.Not not -> check(type, not.inner());
            case Soql.Condition.Compare cmp -> checkLiteral(resolve(type, cmp.field(), cmp.column()), cmp.value(), cmp.column());
            case Soql.Condition.In in -> {
                Field f = resolve(type, in.field(), in.column());
                in.values().forEach(v -> checkLiteral(f, v, in.column()));
            }
            case Soql.Condition.Like like -> {
                Field f = resolve(type, like.field(), like.column());
                if (!textual(f.type())) {
                    throw new Soql.QueryError("INVALID_QUERY_FILTER_OPERATOR", "invalid operator on " + typeName(f)
                            + " field: " + f.name(), like.column());
                }
            }
        }
    }

    private static void checkLiteral(Field f, Soql.Literal v, int column) {
        if (v instanceof Soql.Literal.Null) {
            return;
        }
        boolean ok = switch (f.type()) {
            case DATETIME -> v instanceof Soql.Literal.DateTime;
            case DATE -> v instanceof Soql.Literal.Date;
            case BOOLEAN -> v instanceof Soql.Literal.Bool;
            case CURRENCY, DOUBLE, PERCENT, INT -> v instanceof Soql.Literal.Number;
            default -> v instanceof Soql.Literal.Text;
        };
        if (!ok) {
            String quoting = textual(f.type()) ? "should be enclosed in quotes" : "should not be enclosed in quotes";
            throw new Soql.QueryError("INVALID_FIELD", "value of filter criterion for field '" + f.name()
                    + "' must be of type " + typeName(f) + " and " + quoting, column);
        }
    }

    private static String typeName(Field f) {
        return switch (f.type()) {
            case DATETIME -> "dateTime";
            case DATE -> "date";
            case BOOLEAN -> "boolean";
            case CURRENCY, DOUBLE, PERCENT -> "double";
            case INT -> "int";
            case ID, REFERENCE -> "id";
            default -> "string";
        };
    }

    private static boolean textual(Type t) {
        return switch (t) {
            case STRING, TEXTAREA, EMAIL, PHONE, URL, PICKLIST, ID, REFERENCE -> true;
            default -> false;
        };
    }

    private boolean matches(SfRecord r, Soql.Condition c) {
        return switch (c) {
            case Soql.Condition.And and -> and.parts().stream().allMatch(p -> matches(r, p));
            case Soql.Condition.Or or -> or.parts().stream().anyMatch(p -> matches(r, p));
            case Soql.Condition.Not not -> !matches(r, not.inner());
            case Soql.Condition.Compare cmp -> {
                Field f = r.type.field(cmp.field()).orElseThrow();
                Object actual = r.values.get(f.name());
                if (cmp.value() instanceof Soql.Literal.Null) {
                    yield cmp.operator().equals("=") ? actual == null : cmp.operator().equals("!=") && actual != null;
                }
                if (actual == null) {
                    yield cmp.operator().equals("!=");
                }
                int order = compareLiteral(f, actual, cmp.value());
                yield switch (cmp.operator()) {
                    case "=" -> order == 0;
                    case "!=" -> order != 0;
                    case "<" -> order < 0;
                    case "<=" -> order <= 0;
                    case ">" -> order > 0;
                    case ">=" -> order >= 0;
                    default -> false;
                };
            }
            case Soql.Condition.In in -> {
                Field f = r.type.field(in.field()).orElseThrow();
                Object actual = r.values.get(f.name());
                boolean found = in.values().stream().anyMatch(v -> v instanceof Soql.Literal.Null
                        ? actual == null : actual != null && compareLiteral(f, actual, v) == 0);
                yield in.negated() != found;
            }
            case Soql.Condition.Like like -> {
                Object actual = r.values.get(r.type.field(like.field()).orElseThrow().name());
                String regex = "(?is)" + Pattern.quote(like.pattern()).replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q");
                yield actual != null && actual.toString().matches(regex);
            }
        };
    }

    private static int compareLiteral(Field f, Object actual, Soql.Literal literal) {
        return switch (literal) {
            case Soql.Literal.DateTime dt -> ((Instant) actual).compareTo(dt.value());
            case Soql.Literal.Date d -> actual.toString().compareTo(d.value().toString());
            case Soql.Literal.Bool b -> Boolean.compare((Boolean) actual, b.value());
            case Soql.Literal.Number n -> new BigDecimal(actual.toString()).compareTo(n.value());
            case Soql.Literal.Text t -> (f.type() == Type.ID || f.type() == Type.REFERENCE)
                    ? SalesforceIds.normalize(t.value()).map(id -> actual.toString().compareToIgnoreCase(id)).orElse(-1)
                    : actual.toString().compareToIgnoreCase(t.value());
            case Soql.Literal.Null n -> 0;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b, boolean descending, boolean nullsLast) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == nullsLast ? 1 : -1;
        }
        int c;
        if (a instanceof Number na && b instanceof Number nb) {
            c = Double.compare(na.doubleValue(), nb.doubleValue());
        } else if (a instanceof String sa && b instanceof String sb) {
            c = sa.compareToIgnoreCase(sb);
        } else {
            c = ((Comparable) a).compareTo(b);
        }
        return descending ? -c : c;
    }

    Map<String, Object> render(SfRecord r, List<String> fields, String version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributes", Json.object("type", r.type.name(), "url",
                "/services/data/" + version + "/sobjects/" + r.type.name() + "/" + r.id));
        for (String f : fields) {
            out.put(f, format(r.values.get(f)));
        }
        return out;
    }

    private static Object format(Object value) {
        return value instanceof Instant i ? DATETIME.format(i) : value;
    }

    // ------------------------------------------------------------------ single records

    synchronized Optional<Map<String, Object>> get(String sobject, String id, List<String> fields, String version) {
        SObject type = schema.require(sobject);
        return SalesforceIds.normalize(id).map(n -> records.get(type.name()).get(n))
                .filter(r -> !r.deleted())
                .map(r -> render(r, fields.isEmpty() ? List.copyOf(type.fields().keySet()) : fields, version));
    }

    synchronized WriteOutcome create(String sobject, JsonNode body) {
        SObject type = schema.require(sobject);
        if (!type.writable()) {
            return failed(400, "entity type " + type.name() + " does not support insert", "INVALID_TYPE_FOR_OPERATION");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<ApiError> errors = convert(type, body, values, true);
        if (errors.isEmpty()) {
            List<String> missing = type.fields().values().stream().filter(Field::requiredOnCreate)
                    .map(Field::name).filter(n -> values.get(n) == null).toList();
            if (!missing.isEmpty()) {
                errors.add(new ApiError("Required fields are missing: " + missing, "REQUIRED_FIELD_MISSING", missing));
            }
        }
        if (!errors.isEmpty()) {
            return new WriteOutcome.Failed(400, errors);
        }
        Instant now = modifications.next();
        long n = counters.merge(type.name(), NEW_RECORD_BASE + 1, (a, b) -> a + 1);
        String id = SalesforceIds.id(type.keyPrefix(), n);
        SfRecord r = put(type.name(), id, now, now, apiUserId);
        for (String field : type.fields().keySet()) {
            r.values.putIfAbsent(field, null);
        }
        r.values.put("OwnerId", apiUserId);
        values.forEach(r.values::put);
        afterWrite(r, values);
        return new WriteOutcome.Created(id);
    }

    synchronized WriteOutcome update(String sobject, String id, JsonNode body) {
        SObject type = schema.require(sobject);
        Optional<SfRecord> found = SalesforceIds.normalize(id).map(n -> records.get(type.name()).get(n));
        if (found.isEmpty()) {
            return failed(404, "The requested resource does not exist", "NOT_FOUND");
        }
        SfRecord r = found.get();
        if (r.deleted()) {
            return failed(404, "entity is deleted", "ENTITY_IS_DELETED");
        }
        if (!type.writable()) {
            return failed(400, "entity type " + type.name() + " does not support update", "INVALID_TYPE_FOR_OPERATION");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<ApiError> errors = convert(type, body, values, false);
        if (!errors.isEmpty()) {
            return new WriteOutcome.Failed(400, errors);
        }
        values.forEach(r.values::put);
        afterWrite(r, values);
        Instant now = modifications.next();
        r.values.put("LastModifiedDate", now);
        r.values.put("SystemModstamp", now);
        r.values.put("LastModifiedById", apiUserId);
        return new WriteOutcome.Done();
    }

    synchronized WriteOutcome delete(String sobject, String id) {
        SObject type = schema.require(sobject);
        Optional<SfRecord> found = SalesforceIds.normalize(id).map(n -> records.get(type.name()).get(n));
        if (found.isEmpty()) {
            return failed(404, "The requested resource does not exist", "NOT_FOUND");
        }
        if (found.get().deleted()) {
            return failed(404, "entity is deleted", "ENTITY_IS_DELETED");
        }
        if (!type.hasIsDeleted()) {
            return failed(400, "entity type " + type.name() + " does not support delete", "INVALID_TYPE_FOR_OPERATION");
        }
        markDeleted(found.get());
        return new WriteOutcome.Done();
    }

    private void markDeleted(SfRecord r) {
        Instant now = modifications.next();
        r.deletedAt = Optional.of(now);
        r.values.put("IsDeleted", true);
        r.values.put("LastModifiedDate", now);
        r.values.put("SystemModstamp", now);
    }

    private void afterWrite(SfRecord r, Map<String, Object> changed) {
        switch (r.type.name()) {
            case "Contact" -> r.values.put("Name", ((r.values.get("FirstName") == null ? "" : r.values.get("FirstName") + " ")
                    + r.values.get("LastName")).trim());
            case "Opportunity" -> deriveOpportunity(r, changed.containsKey("StageName") && !changed.containsKey("Probability"));
            case "Task" -> {
                r.values.putIfAbsent("Status", "Not Started");
                if (r.values.get("Status") == null) {
                    r.values.put("Status", "Not Started");
                }
                if (r.values.get("Priority") == null) {
                    r.values.put("Priority", "Normal");
                }
                r.values.put("IsClosed", "Completed".equals(r.values.get("Status")));
                r.values.put("AccountId", accountOf(r));
            }
            case "Event" -> r.values.put("AccountId", accountOf(r));
            default -> {
                // nothing derived
            }
        }
    }

    private String accountOf(SfRecord activity) {
        Object what = activity.values.get("WhatId");
        if (what instanceof String w) {
            if (w.startsWith("001")) {
                return w;
            }
            SfRecord opp = records.get("Opportunity").get(w);
            if (opp != null) {
                return (String) opp.values.get("AccountId");
            }
        }
        Object who = activity.values.get("WhoId");
        if (who instanceof String c) {
            SfRecord contact = records.get("Contact").get(c);
            if (contact != null) {
                return (String) contact.values.get("AccountId");
            }
        }
        return null;
    }

    /** Converts JSON field values to stored ones, collecting Salesforce errors. */
    private List<ApiError> convert(SObject type, JsonNode body, Map<String, Object> values, boolean create) {
        List<ApiError> errors = new ArrayList<>();
        if (!body.isObject()) {
            errors.add(new ApiError("Expected a JSON object for " + type.name(), "JSON_PARSER_ERROR", List.of()));
            return errors;
        }
        List<String> notWritable = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (e.getKey().equals("attributes")) {
                continue;
            }
            Optional<Field> field = type.field(e.getKey());
            if (field.isEmpty()) {
                errors.add(new ApiError("No such column '" + e.getKey() + "' on sobject of type " + type.name(),
                        "INVALID_FIELD", List.of()));
                continue;
            }
            Field f = field.get();
            if (create ? !f.createable() : !f.updateable()) {
                notWritable.add(f.name());
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                values.put(f.name(), null);
                continue;
            }
            Object converted = convertValue(f, v, errors);
            if (converted != null) {
                values.put(f.name(), converted);
            }
        }
        if (!notWritable.isEmpty()) {
            errors.add(new ApiError("Unable to create/update fields: " + String.join(", ", notWritable)
                    + ". Please check the security settings of this field and verify that it is read/write for your "
                    + "profile or permission set.", "INVALID_FIELD_FOR_INSERT_UPDATE", notWritable));
        }
        return errors;
    }

    private Object convertValue(Field f, JsonNode v, List<ApiError> errors) {
        String text = v.isContainer() ? null : v.asString();
        if (text == null) {
            errors.add(parseError(f, v.toString()));
            return null;
        }
        switch (f.type()) {
            case CURRENCY, DOUBLE, PERCENT -> {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    errors.add(parseError(f, text));
                    return null;
                }
            }
            case INT -> {
                try {
                    return Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    errors.add(parseError(f, text));
                    return null;
                }
            }
            case BOOLEAN -> {
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(text);
                }
                errors.add(parseError(f, text));
                return null;
            }
            case DATE -> {
                try {
                    return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text).toString();
                } catch (DateTimeParseException e) {
                    errors.add(parseError(f, text));
                    return null;
                }
            }
            case DATETIME -> {
                try {
                    return Soql.parseDateTime(text, 0);
                } catch (Soql.QueryError e) {
                    errors.add(parseError(f, text));
                    return null;
                }
            }
            case EMAIL -> {
                if (!EMAIL.matcher(text).matches()) {
                    errors.add(new ApiError(f.name() + ": invalid email address: " + text, "INVALID_EMAIL_ADDRESS",
                            List.of(f.name())));
                    return null;
                }
                return text;
            }
            case PICKLIST -> {
                if (!f.picklist().isEmpty() && !f.picklist().contains(text)) {
                    errors.add(new ApiError("bad value for restricted picklist field: " + text,
                            "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", List.of(f.name())));
                    return null;
                }
                return text;
            }
            case REFERENCE -> {
                Optional<String> id = SalesforceIds.normalize(text);
                if (id.isEmpty()) {
                    errors.add(new ApiError(f.name() + ": id value of incorrect type: " + text, "MALFORMED_ID",
                            List.of(f.name())));
                    return null;
                }
                Optional<SObject> target = schema.byKeyPrefix(id.get());
                boolean allowed = target.isPresent() && (f.referenceTo().isEmpty()
                        ? List.of("Account", "Opportunity").contains(target.get().name())
                        : target.get().name().equals(f.referenceTo()));
                SfRecord referenced = target.map(t -> records.get(t.name()).get(id.get())).orElse(null);
                if (!allowed || referenced == null || referenced.deleted()) {
                    errors.add(new ApiError(f.name() + ": id value of incorrect type: " + text,
                            "FIELD_INTEGRITY_EXCEPTION", List.of(f.name())));
                    return null;
                }
                return id.get();
            }
            default -> {
                return text;
            }
        }
    }

    private static ApiError parseError(Field f, String value) {
        return new ApiError("Cannot deserialize instance of " + typeName(f) + " from VALUE_STRING value " + value
                + " or request may be missing a required field", "JSON_PARSER_ERROR", List.of());
    }

    private static WriteOutcome failed(int status, String message, String code) {
        return new WriteOutcome.Failed(status, List.of(new ApiError(message, code, List.of())));
    }

    // ------------------------------------------------------------------ replication

    synchronized List<Map<String, Object>> deletedBetween(String sobject, Instant start, Instant end) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SfRecord r : records.get(schema.require(sobject).name()).values()) {
            if (r.deletedAt.isPresent() && !r.deletedAt.get().isBefore(start) && r.deletedAt.get().isBefore(end)) {
                out.add(Json.object("id", r.id, "deletedDate", DATETIME.format(r.deletedAt.get())));
            }
        }
        return out;
    }

    synchronized List<String> updatedBetween(String sobject, Instant start, Instant end) {
        List<String> out = new ArrayList<>();
        for (SfRecord r : records.get(schema.require(sobject).name()).values()) {
            Instant modified = (Instant) r.values.get("SystemModstamp");
            if (!r.deleted() && !modified.isBefore(start) && modified.isBefore(end)) {
                out.add(r.id);
            }
        }
        return out;
    }

    Instant earliestDeletedAvailable() {
        return anchor.minus(Duration.ofDays(15));
    }

    // ------------------------------------------------------------------ test helpers

    synchronized List<String> touch(String sobject, int count) {
        SObject type = schema.require(sobject);
        List<String> ids = new ArrayList<>();
        for (SfRecord r : pick(type, count)) {
            switch (type.name()) {
                case "Account" -> r.values.merge("NumberOfEmployees", 1, (a, b) -> ((Integer) a) + (Integer) b);
                case "Opportunity" -> r.values.put("Amount", ((Double) r.values.getOrDefault("Amount", 0.0)) + 1000);
                case "Contact" -> {
                    String title = String.valueOf(r.values.getOrDefault("Title", ""));
                    r.values.put("Title", title.startsWith("Senior ") ? title.substring(7) : "Senior " + title);
                }
                case "User" -> r.values.put("Title", "Senior " + r.values.get("Title"));
                default -> r.values.merge("Description", " (edited)", (a, b) -> a + (String) b);
            }
            Instant now = modifications.next();
            r.values.put("LastModifiedDate", now);
            r.values.put("SystemModstamp", now);
            ids.add(r.id);
        }
        return ids;
    }

    synchronized List<String> deleteSome(String sobject, int count) {
        SObject type = schema.require(sobject);
        if (!type.hasIsDeleted()) {
            throw new IllegalArgumentException(type.name() + " records cannot be deleted");
        }
        List<String> ids = new ArrayList<>();
        for (SfRecord r : pick(type, count)) {
            markDeleted(r);
            ids.add(r.id);
        }
        return ids;
    }

    private List<SfRecord> pick(SObject type, int count) {
        List<SfRecord> live = new ArrayList<>(records.get(type.name()).values().stream().filter(r -> !r.deleted()).toList());
        if (count > live.size()) {
            throw new IllegalArgumentException("only " + live.size() + " live " + type.name() + " records");
        }
        SplittableRandom rng = new SplittableRandom(seed * 17 + (++operations));
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(live.size() - i);
            SfRecord tmp = live.get(i);
            live.set(i, live.get(j));
            live.set(j, tmp);
        }
        List<SfRecord> chosen = new ArrayList<>(live.subList(0, count));
        chosen.sort(Comparator.comparing(r -> r.id));
        return chosen;
    }

    synchronized int count(String sobject, boolean deleted) {
        return (int) records.get(schema.require(sobject).name()).values().stream()
                .filter(r -> r.deleted() == deleted).count();
    }

    synchronized Optional<Map<String, Object>> values(String sobject, String id) {
        return SalesforceIds.normalize(id).map(n -> records.get(schema.require(sobject).name()).get(n))
                .map(r -> {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    r.values.forEach((k, v) -> copy.put(k, format(v)));
                    return copy;
                });
    }

    String apiUserId() {
        return apiUserId;
    }
}
