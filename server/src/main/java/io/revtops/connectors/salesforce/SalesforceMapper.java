package io.revtops.connectors.salesforce;

import static io.revtops.connectors.mapping.VendorValues.bool;
import static io.revtops.connectors.mapping.VendorValues.date;
import static io.revtops.connectors.mapping.VendorValues.decimal;
import static io.revtops.connectors.mapping.VendorValues.email;
import static io.revtops.connectors.mapping.VendorValues.instant;
import static io.revtops.connectors.mapping.VendorValues.integer;
import static io.revtops.connectors.mapping.VendorValues.longText;
import static io.revtops.connectors.mapping.VendorValues.text;

import io.revtops.connectors.SyncedRecord;
import io.revtops.connectors.SyncedTable;
import io.revtops.connectors.mapping.VendorValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Salesforce records (SOQL rows) → normalized records. Tolerant like every mapper: a wrong-typed or unreadable field
 * leaves its column empty; only a row without a usable Id is refused ({@link Unmappable}). Stage rows are keyed by
 * their API name, which is what {@code Opportunity.StageName} holds, so deals link to their stage.
 */
final class SalesforceMapper {
    static final String SOURCE = "salesforce";

    private SalesforceMapper() {}

    /** A row that cannot become a record (no id). */
    static final class Unmappable extends RuntimeException {
        Unmappable(String reason) {
            super(reason);
        }
    }

    static String id(JsonNode row) {
        String id = text(row.path("Id"));
        if (id == null || !SalesforceClient.ID.matcher(id).matches()) throw new Unmappable("a Salesforce row without a valid Id");
        return id;
    }

    static Instant modifiedAt(JsonNode row) {
        return instant(row.path("LastModifiedDate"));
    }

    static SyncedRecord stage(JsonNode row) {
        String apiName = text(row.path("ApiName"));
        String label = text(row.path("MasterLabel"));
        String key = apiName != null ? apiName : label;
        if (key == null) throw new Unmappable("an OpportunityStage without ApiName or MasterLabel");
        boolean closed = Boolean.TRUE.equals(bool(row.path("IsClosed")));
        boolean won = closed && Boolean.TRUE.equals(bool(row.path("IsWon")));
        return SyncedRecord.of(SyncedTable.PIPELINE_STAGES, key)
                .set("name", label != null ? label : key)
                .set("display_order", integer(row.path("SortOrder")))
                .set("probability", percent(decimal(row.path("DefaultProbability"))))
                .set("is_closed_won", won)
                .set("is_closed_lost", closed && !won)
                .custom("stage_id", text(row.path("Id")))
                .custom("forecast_category", text(row.path("ForecastCategoryName")))
                .custom("is_active", bool(row.path("IsActive")))
                .build();
    }

    static SyncedRecord map(SalesforceObject object, JsonNode row) {
        String id = id(row);
        SyncedRecord.Builder b = SyncedRecord.of(object.table, id);
        switch (object) {
            case ACCOUNT -> {
                String name = text(row.path("Name"));
                String website = text(row.path("Website"));
                String domain = domain(website);
                b.set("name", name != null ? name : domain != null ? domain : "(unnamed account " + id + ")")
                        .set("domain", domain)
                        .set("industry", text(row.path("Industry")))
                        .set("employee_count", nonNegative(integer(row.path("NumberOfEmployees"))))
                        .set("annual_revenue", decimal(row.path("AnnualRevenue")))
                        .set("owner_source_id", reference(row, "OwnerId"));
                extras(b, row, "Website", "Type", "Phone", "BillingCity", "BillingCountry", "Description");
            }
            case CONTACT -> {
                String first = text(row.path("FirstName"));
                String last = text(row.path("LastName"));
                String name = text(row.path("Name"));
                if (name == null) name = ((first == null ? "" : first + " ") + (last == null ? "" : last)).strip();
                String mail = email(row.path("Email"));
                if (mail == null && text(row.path("Email")) != null) b.custom("invalid_email", text(row.path("Email")));
                b.set("first_name", first).set("last_name", last)
                        .set("name", name == null || name.isEmpty() ? mail : name)
                        .set("email", mail)
                        .set("title", text(row.path("Title")))
                        .set("phone", text(row.path("Phone")))
                        .set("account_source_id", reference(row, "AccountId"));
                b.custom("owner_id", reference(row, "OwnerId"));
            }
            case OPPORTUNITY -> {
                String name = text(row.path("Name"));
                String stage = text(row.path("StageName"));
                b.set("name", name != null ? name : "(unnamed opportunity " + id + ")")
                        .set("amount", decimal(row.path("Amount")))
                        .set("stage_source_id", stage)
                        .set("stage_name", stage)
                        .set("probability", percent(decimal(row.path("Probability"))))
                        .set("close_date", date(row.path("CloseDate")))
                        .set("owner_source_id", reference(row, "OwnerId"))
                        .set("account_source_id", reference(row, "AccountId"))
                        .set("is_closed", Boolean.TRUE.equals(bool(row.path("IsClosed"))))
                        .set("is_won", Boolean.TRUE.equals(bool(row.path("IsWon"))));
                extras(b, row, "Type", "LeadSource", "NextStep", "ForecastCategoryName", "Description");
            }
            case TASK -> task(b, row);
            case EVENT -> event(b, row);
        }
        Instant modified = modifiedAt(row);
        if (modified != null) b.custom("salesforce_updated_at", modified.toString());
        return b.build();
    }

    private static void task(SyncedRecord.Builder b, JsonNode row) {
        String subtype = text(row.path("TaskSubtype"));
        String type = subtype == null ? "task" : switch (subtype.toLowerCase(Locale.ROOT)) {
            case "call" -> "call";
            case "email", "listemail" -> "email";
            default -> "task";
        };
        // calls and e-mails are logged when they happen; a plain task's ActivityDate is its due date
        Instant at = type.equals("task") ? startOfDay(date(row.path("ActivityDate"))) : instant(row.path("CreatedDate"));
        if (at == null) at = type.equals("task") ? instant(row.path("CreatedDate")) : startOfDay(date(row.path("ActivityDate")));
        String direction = switch (String.valueOf(text(row.path("CallType"))).toLowerCase(Locale.ROOT)) {
            case "outbound" -> "outbound";
            case "inbound" -> "inbound";
            default -> null;
        };
        activity(b, row, type, at, direction);
        extras(b, row, "Status", "Priority", "TaskSubtype", "CallDurationInSeconds", "CallDisposition");
    }

    private static void event(SyncedRecord.Builder b, JsonNode row) {
        Instant at = instant(row.path("StartDateTime"));
        if (at == null) at = instant(row.path("ActivityDateTime"));
        if (at == null) at = startOfDay(date(row.path("ActivityDate")));
        activity(b, row, "meeting", at, null);
        extras(b, row, "Location", "EndDateTime", "DurationInMinutes");
    }

    private static void activity(SyncedRecord.Builder b, JsonNode row, String type, Instant at, String direction) {
        String subject = text(row.path("Subject"));
        String body = longText(row.path("Description"));
        String who = reference(row, "WhoId");
        String what = reference(row, "WhatId");
        String account = reference(row, "AccountId");
        if (account == null && what != null && what.startsWith("001")) account = what;
        String plain = VendorValues.plainText(body);
        b.set("type", type)
                .set("subject", subject)
                .set("description", body)
                .set("activity_date", at)
                .set("direction", direction)
                .set("visibility", "team")
                .set("owner_source_id", reference(row, "OwnerId"))
                .set("contact_source_id", who != null && who.startsWith("003") ? who : null)
                .set("deal_source_id", what != null && what.startsWith("006") ? what : null)
                .set("account_source_id", account)
                .set("searchable_text", VendorValues.clean(subject == null ? plain : plain == null ? subject : subject + "\n" + plain,
                        VendorValues.MAX_LONG));
        if (who != null && !who.startsWith("003")) b.custom("who_id", who);
        if (what != null) b.custom("what_id", what);
    }

    // ------------------------------------------------------------------ helpers

    /** A reference field only when it looks like a Salesforce id. */
    private static String reference(JsonNode row, String field) {
        String v = text(row.path(field));
        return v != null && SalesforceClient.ID.matcher(v).matches() ? v : null;
    }

    private static void extras(SyncedRecord.Builder b, JsonNode row, String... fields) {
        for (String f : fields) b.custom(f, longText(row.path(f)));
    }

    private static Instant startOfDay(LocalDate d) {
        return d == null ? null : d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Salesforce probabilities are already percentages; anything outside 0–100 is dropped. */
    static BigDecimal percent(BigDecimal p) {
        if (p == null || p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) return null;
        BigDecimal s = p.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static Integer nonNegative(Integer i) {
        return i == null || i < 0 ? null : i;
    }

    static String domain(String website) {
        if (website == null) return null;
        String d = website.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("^www\\.", "");
        int cut = d.indexOf('/');
        if (cut >= 0) d = d.substring(0, cut);
        cut = d.indexOf(':');
        if (cut >= 0) d = d.substring(0, cut);
        return d.isBlank() || d.length() > 253 || !d.contains(".") ? null : d;
    }

    /** A vendor object as JSON-able Java without nulls and without Salesforce's {@code attributes}. */
    static Map<String, Object> plain(JsonNode row) {
        Map<String, Object> m = new LinkedHashMap<>();
        row.properties().forEach(e -> {
            if (e.getKey().equals("attributes")) return;
            JsonNode v = e.getValue();
            if (v.isNull() || v.isMissingNode() || v.isContainer()) return;
            m.put(e.getKey(), v.isBoolean() ? (Object) v.asBoolean() : v.isIntegralNumber() ? (Object) v.asLong()
                    : v.isNumber() ? (Object) v.decimalValue() : v.asString());
        });
        return m;
    }

    static List<String> fields(SalesforceObject object) {
        return object.fields;
    }
}
