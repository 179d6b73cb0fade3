package io.revtops.connectors.hubspot;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * HubSpot JSON → normalized records. Tolerant by design: a property of the wrong type, an unknown enum value or an
 * unreadable date leaves that column empty (the raw value goes to {@code custom_fields} where it matters), and only
 * a record without an id is refused ({@link Unmappable}). Probabilities are stored as percentages (0–100).
 */
final class HubSpotMapper {
    private static final java.util.regex.Pattern EMAIL_LIST_SEPARATORS = java.util.regex.Pattern.compile("[;,\\s]+");
    private static final java.util.regex.Pattern ANGLE_BRACKETS = java.util.regex.Pattern.compile("^.*<|>$");

    static final String SOURCE = "hubspot";

    private HubSpotMapper() {}

    /** A record that cannot become a row at all (no id). */
    static final class Unmappable extends RuntimeException {
        final String sourceId;

        Unmappable(String sourceId, String reason) {
            super(reason);
            this.sourceId = sourceId;
        }
    }

    /** A deal stage as the pipelines endpoint describes it. */
    record Stage(String id, String pipelineId, String label, Integer displayOrder, BigDecimal probability,
                 boolean closed, boolean won, boolean lost) {}

    /** Stages by id, from {@code /crm/v3/pipelines/deals}, to name and classify the stage a deal is in. */
    record Stages(Map<String, Stage> byId) {
        static final Stages NONE = new Stages(Map.of());
    }

    static String id(JsonNode object) {
        String id = VendorValues.text(object.path("id"));
        if (id == null || id.length() > 100) throw new Unmappable("?", "a HubSpot record without a usable id");
        return id;
    }

    static Instant modifiedAt(JsonNode object, HubSpotObjectType type) {
        JsonNode p = object.path("properties");
        Instant t = instant(p.path(type.modifiedProperty));
        if (t == null) t = instant(p.path("hs_lastmodifieddate"));
        if (t == null) t = instant(object.path("updatedAt"));
        return t;
    }

    // ------------------------------------------------------------------ pipelines

    static List<SyncedRecord> pipelines(JsonNode answer) {
        List<SyncedRecord> out = new ArrayList<>();
        for (JsonNode p : answer.path("results")) {
            String id = text(p.path("id"));
            if (id == null) continue;
            String label = text(p.path("label"));
            out.add(SyncedRecord.of(SyncedTable.PIPELINES, id)
                    .set("name", label == null ? "Pipeline " + id : label)
                    .set("display_order", integer(p.path("displayOrder")))
                    .custom("archived", bool(p.path("archived")))
                    .build());
        }
        return out;
    }

    static Stages stages(JsonNode answer) {
        Map<String, Stage> byId = new LinkedHashMap<>();
        for (JsonNode p : answer.path("results")) {
            String pipelineId = text(p.path("id"));
            for (JsonNode s : p.path("stages")) {
                String id = text(s.path("id"));
                if (id == null || pipelineId == null) continue;
                JsonNode meta = s.path("metadata");
                BigDecimal probability = percent(decimal(meta.path("probability")));
                boolean closed = Boolean.TRUE.equals(bool(meta.path("isClosed")));
                boolean won = closed && probability != null && probability.compareTo(BigDecimal.valueOf(100)) == 0;
                boolean lost = closed && !won;
                String label = text(s.path("label"));
                byId.put(id, new Stage(id, pipelineId, label == null ? id : label, integer(s.path("displayOrder")),
                        probability, closed, won, lost));
            }
        }
        return new Stages(byId);
    }

    static List<SyncedRecord> stageRecords(Stages stages) {
        List<SyncedRecord> out = new ArrayList<>();
        for (Stage s : stages.byId().values()) {
            out.add(SyncedRecord.of(SyncedTable.PIPELINE_STAGES, s.id())
                    .set("pipeline_source_id", s.pipelineId())
                    .set("name", s.label())
                    .set("display_order", s.displayOrder())
                    .set("probability", s.probability())
                    .set("is_closed_won", s.won())
                    .set("is_closed_lost", s.lost())
                    .build());
        }
        return out;
    }

    // ------------------------------------------------------------------ CRM objects

    /** One CRM object as a row of its type's table; {@code extras} name the properties kept as custom fields. */
    static SyncedRecord map(HubSpotObjectType type, JsonNode object, List<String> extras, Stages stages,
                            Map<String, String> ownerByUserId) {
        String id = id(object);
        JsonNode p = object.path("properties");
        SyncedRecord.Builder b = SyncedRecord.of(type.table, id);
        switch (type) {
            case COMPANIES -> company(b, id, p);
            case CONTACTS -> contact(b, p, object);
            case DEALS -> deal(b, id, p, object, stages);
            case CALLS, EMAILS, MEETINGS, NOTES -> activity(type, b, p, object);
            case GOALS -> goal(b, id, p, ownerByUserId);
        }
        for (String extra : extras) b.custom(extra, longText(p.path(extra)));
        Instant modified = modifiedAt(object, type);
        if (modified != null) b.custom("hubspot_updated_at", modified.toString());
        return b.build();
    }

    private static void company(SyncedRecord.Builder b, String id, JsonNode p) {
        String name = text(p.path("name"));
        String domain = domain(text(p.path("domain")));
        b.set("name", name != null ? name : domain != null ? domain : "(unnamed company " + id + ")")
                .set("domain", domain)
                .set("industry", text(p.path("industry")))
                .set("employee_count", nonNegative(integer(p.path("numberofemployees"))))
                .set("annual_revenue", decimal(p.path("annualrevenue")))
                .set("owner_source_id", text(p.path("hubspot_owner_id")));
    }

    private static void contact(SyncedRecord.Builder b, JsonNode p, JsonNode object) {
        String first = text(p.path("firstname"));
        String last = text(p.path("lastname"));
        String mail = email(p.path("email"));
        if (mail == null && text(p.path("email")) != null) b.custom("invalid_email", text(p.path("email")));
        String name = String.join(" ", java.util.stream.Stream.of(first, last).filter(s -> s != null).toList()).strip();
        String company = text(p.path("associatedcompanyid"));
        if (company == null) company = first(associated(object, "companies"));
        String phone = text(p.path("phone"));
        b.set("first_name", first).set("last_name", last)
                .set("name", name.isEmpty() ? mail : name)
                .set("email", mail)
                .set("title", text(p.path("jobtitle")))
                .set("phone", phone != null ? phone : text(p.path("mobilephone")))
                .set("account_source_id", company);
    }

    private static void deal(SyncedRecord.Builder b, String id, JsonNode p, JsonNode object, Stages stages) {
        String name = text(p.path("dealname"));
        String stageId = text(p.path("dealstage"));
        Stage stage = stageId == null ? null : stages.byId().get(stageId);
        BigDecimal probability = percent(decimal(p.path("hs_deal_stage_probability")));
        if (probability == null && stage != null) probability = stage.probability();
        Boolean closed = bool(p.path("hs_is_closed"));
        Boolean won = bool(p.path("hs_is_closed_won"));
        if (closed == null && stage != null) closed = stage.closed();
        if (won == null && stage != null) won = stage.won();
        if (stageId != null && stage == null && !stages.byId().isEmpty()) b.custom("unknown_stage", stageId);
        List<String> companies = associated(object, "companies");
        List<String> contacts = associated(object, "contacts");
        b.set("name", name != null ? name : "(unnamed deal " + id + ")")
                .set("amount", decimal(p.path("amount")))
                .set("stage_source_id", stageId)
                .set("stage_name", stage == null ? null : stage.label())
                .set("probability", probability)
                .set("close_date", date(p.path("closedate")))
                .set("owner_source_id", text(p.path("hubspot_owner_id")))
                .set("account_source_id", first(companies))
                .set("pipeline_source_id", text(p.path("pipeline")) != null ? text(p.path("pipeline"))
                        : stage == null ? null : stage.pipelineId())
                .set("is_closed", closed == null ? Boolean.FALSE : closed)
                .set("is_won", won == null ? Boolean.FALSE : won);
        if (!contacts.isEmpty()) b.custom("contact_ids", contacts);
        if (companies.size() > 1) b.custom("company_ids", companies);
    }

    private static void activity(HubSpotObjectType type, SyncedRecord.Builder b, JsonNode p, JsonNode object) {
        String subject;
        String body;
        Instant at = instant(p.path("hs_timestamp"));
        String direction = null;
        switch (type) {
            case CALLS -> {
                subject = text(p.path("hs_call_title"));
                body = longText(p.path("hs_call_body"));
                direction = switch (upper(text(p.path("hs_call_direction")))) {
                    case "OUTBOUND" -> "outbound";
                    case "INBOUND" -> "inbound";
                    default -> null;
                };
                b.set("type", "call");
            }
            case EMAILS -> {
                subject = text(p.path("hs_email_subject"));
                body = longText(p.path("hs_email_text"));
                direction = switch (upper(text(p.path("hs_email_direction")))) {
                    case "EMAIL", "FORWARDED_EMAIL" -> "outbound";
                    case "INCOMING_EMAIL" -> "inbound";
                    default -> null;
                };
                b.set("type", "email")
                        .set("from_email", email(p.path("hs_email_from_email")))
                        .set("to_emails", emails(text(p.path("hs_email_to_email"))))
                        .set("thread_id", text(p.path("hs_email_thread_id")));
            }
            case MEETINGS -> {
                subject = text(p.path("hs_meeting_title"));
                body = longText(p.path("hs_meeting_body"));
                Instant start = instant(p.path("hs_meeting_start_time"));
                if (start != null) at = start;
                b.set("type", "meeting");
            }
            default -> {
                body = longText(p.path("hs_note_body"));
                subject = VendorValues.firstLine(VendorValues.plainText(body), 120);
                b.set("type", "note");
            }
        }
        if (at == null) at = instant(object.path("createdAt"));
        String plain = VendorValues.plainText(body);
        String searchable = subject == null ? plain : plain == null ? subject : subject + "\n" + plain;
        List<String> contacts = associated(object, "contacts");
        List<String> companies = associated(object, "companies");
        List<String> deals = associated(object, "deals");
        b.set("subject", subject)
                .set("description", body)
                .set("activity_date", at)
                .set("owner_source_id", text(p.path("hubspot_owner_id")))
                .set("direction", direction)
                .set("visibility", "team")
                .set("contact_source_id", first(contacts))
                .set("account_source_id", first(companies))
                .set("deal_source_id", first(deals))
                .set("searchable_text", VendorValues.clean(searchable, VendorValues.MAX_LONG));
        if (contacts.size() > 1) b.custom("contact_ids", contacts);
        if (companies.size() > 1) b.custom("company_ids", companies);
        if (deals.size() > 1) b.custom("deal_ids", deals);
    }

    private static void goal(SyncedRecord.Builder b, String id, JsonNode p, Map<String, String> ownerByUserId) {
        String name = text(p.path("hs_goal_name"));
        String userId = text(p.path("hs_assignee_user_id"));
        String metric = text(p.path("hs_kpi_display_name"));
        b.set("name", name == null ? "(unnamed goal " + id + ")" : name)
                .set("target_amount", decimal(p.path("hs_target_amount")))
                .set("period_start", date(p.path("hs_start_datetime")))
                .set("period_end", date(p.path("hs_end_datetime")))
                .set("metric", metric == null ? null : metric.toLowerCase(Locale.ROOT).replace(' ', '_'))
                .set("owner_source_id", userId == null ? null : ownerByUserId.get(userId))
                .custom("assignee_user_id", userId);
    }

    // ------------------------------------------------------------------ helpers

    /** Associated ids of one type ({@code associations.<type>.results[].id}), distinct, in order. */
    static List<String> associated(JsonNode object, String type) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (JsonNode r : object.path("associations").path(type).path("results")) {
            String id = text(r.path("id"));
            if (id == null) id = text(r.path("toObjectId"));
            if (id != null) ids.add(id);
        }
        return List.copyOf(ids);
    }

    private static String first(List<String> ids) {
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** HubSpot probabilities are fractions (0.2); we keep percentages (20). Values beyond 0–1 are taken as percentages. */
    static BigDecimal percent(BigDecimal fraction) {
        if (fraction == null || fraction.signum() < 0) return null;
        BigDecimal pct = fraction.compareTo(BigDecimal.ONE) <= 0 ? fraction.movePointRight(2) : fraction;
        if (pct.compareTo(BigDecimal.valueOf(100)) > 0) return null;
        pct = pct.stripTrailingZeros();
        return pct.scale() < 0 ? pct.setScale(0) : pct;
    }

    private static Integer nonNegative(Integer i) {
        return i == null || i < 0 ? null : i;
    }

    private static String upper(String s) {
        return s == null ? "" : s.toUpperCase(Locale.ROOT);
    }

    static String domain(String s) {
        if (s == null) return null;
        String d = s.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
        int slash = d.indexOf('/');
        if (slash >= 0) d = d.substring(0, slash);
        return d.isBlank() || d.length() > 253 ? null : d;
    }

    private static List<String> emails(String list) {
        if (list == null) return null;
        List<String> out = new ArrayList<>();
        for (String part : EMAIL_LIST_SEPARATORS.split(list)) {
            String e = email(ANGLE_BRACKETS.matcher(part).replaceAll(""));
            if (e != null && !out.contains(e)) out.add(e);
        }
        return out.isEmpty() ? null : out;
    }

    /** A vendor value as plain JSON-able Java (for write results shown to the agent). */
    static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            node.properties().forEach(e -> {
                Object v = plain(e.getValue());
                if (v != null) m.put(e.getKey(), v);
            });
            return m;
        }
        if (node.isArray()) {
            List<Object> l = new ArrayList<>();
            node.forEach(n -> {
                Object v = plain(n);
                if (v != null) l.add(v);
            });
            return l;
        }
        if (node.isBoolean()) return node.asBoolean();
        if (node.isIntegralNumber()) return node.asLong();
        if (node.isNumber()) return node.decimalValue();
        return node.asString();
    }

    static Optional<String> optional(String s) {
        return Optional.ofNullable(s);
    }
}
