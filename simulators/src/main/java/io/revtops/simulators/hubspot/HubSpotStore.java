package io.revtops.simulators.hubspot;

import io.revtops.simulators.common.Json;
import io.revtops.simulators.common.ModificationClock;
import io.revtops.simulators.demo.Account;
import io.revtops.simulators.demo.Call;
import io.revtops.simulators.demo.Contact;
import io.revtops.simulators.demo.Deal;
import io.revtops.simulators.demo.DemoCompany;
import io.revtops.simulators.demo.Email;
import io.revtops.simulators.demo.EmailDirection;
import io.revtops.simulators.demo.Employee;
import io.revtops.simulators.demo.Goal;
import io.revtops.simulators.demo.Meeting;
import io.revtops.simulators.demo.Note;
import io.revtops.simulators.demo.PipelineStage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The HubSpot portal's state: CRM objects per type, owners and the deal pipeline, seeded from the demo
 * company and changed by API writes and test helpers. Every method takes the store's lock, so readers
 * see whole writes.
 */
final class HubSpotStore {

    /** Rendering options: properties to return (empty = the type's defaults) and association types. */
    record View(List<String> properties, List<String> associations) {
        static final View DEFAULT = new View(List.of(), List.of());
    }

    /** An association requested on create: target id and HubSpot association type id. */
    record AssociationInput(String toId, int typeId) {
    }

    /** A HubSpot user who can own records. */
    record Owner(String id, String email, String firstName, String lastName, long userId, String teamId,
                 String teamName, Instant createdAt, Instant updatedAt) {
    }

    /** Outcome of a write. */
    sealed interface WriteResult {
        record Done(int status, Map<String, Object> object) implements WriteResult {
        }

        record Invalid(List<HubSpotSchema.Problem> problems) implements WriteResult {
        }

        record Failed(int status, String category, String message) implements WriteResult {
        }
    }

    /** HubSpot-defined association types between the simulated objects (from singular, to singular, id). */
    record AssociationType(String from, String to, int id) {
        String label() {
            return from + "_to_" + to;
        }
    }

    static final List<AssociationType> ASSOCIATION_TYPES = List.of(
            new AssociationType("contact", "company", 279), new AssociationType("contact", "company", 1),
            new AssociationType("company", "contact", 280), new AssociationType("company", "contact", 2),
            new AssociationType("deal", "contact", 3), new AssociationType("contact", "deal", 4),
            new AssociationType("deal", "company", 341), new AssociationType("deal", "company", 5),
            new AssociationType("company", "deal", 342), new AssociationType("company", "deal", 6),
            new AssociationType("note", "contact", 202), new AssociationType("note", "company", 190),
            new AssociationType("note", "deal", 214), new AssociationType("contact", "note", 201),
            new AssociationType("company", "note", 189), new AssociationType("deal", "note", 213),
            new AssociationType("call", "contact", 194), new AssociationType("call", "company", 182),
            new AssociationType("call", "deal", 206), new AssociationType("contact", "call", 193),
            new AssociationType("company", "call", 181), new AssociationType("deal", "call", 205),
            new AssociationType("email", "contact", 198), new AssociationType("email", "company", 186),
            new AssociationType("email", "deal", 210), new AssociationType("contact", "email", 197),
            new AssociationType("company", "email", 185), new AssociationType("deal", "email", 209),
            new AssociationType("meeting", "contact", 200), new AssociationType("meeting", "company", 188),
            new AssociationType("meeting", "deal", 212), new AssociationType("contact", "meeting", 199),
            new AssociationType("company", "meeting", 187), new AssociationType("deal", "meeting", 211));

    private static final Map<String, Long> ID_BASE = Map.of(
            "companies", 5_000_000_000L, "contacts", 1_000_000L, "deals", 9_000_000_000L, "calls", 30_000_000_000L,
            "emails", 40_000_000_000L, "meetings", 50_000_000_000L, "notes", 60_000_000_000L,
            "goal_targets", 70_000_000_000L);

    private static final long OWNER_BASE = 50_000_000L;
    private static final long USER_BASE = 9_000_000L;

    private static final Map<String, String> DISPOSITIONS = Map.of(
            "Connected", "f240bbac-87c9-4f6e-bf70-924b57d47db7",
            "Left voicemail", "b2cf5968-551e-4856-9783-52b3da59a7d0",
            "No answer", "73a0d17f-1163-4015-bdd5-ec830791da20",
            "Busy", "9d9162e7-6cf3-4944-bf63-4dff82258764");

    private final HubSpotSchema schema;
    private final Map<String, TreeMap<Long, HubSpotObject>> objects = new LinkedHashMap<>();
    private final Map<String, Long> lastId = new HashMap<>();
    private final List<Owner> owners = new ArrayList<>();
    private final Set<String> ownerIds = new LinkedHashSet<>();
    private final List<PipelineStage> stages;
    private final Instant pipelineCreatedAt;
    private final ModificationClock modifications;
    private final long seed;
    private long operations;

    private HubSpotStore(DemoCompany company, Clock clock) {
        this.stages = company.pipelineStages();
        this.schema = new HubSpotSchema(stages.stream().map(PipelineStage::id).toList());
        this.modifications = new ModificationClock(clock, company.anchor());
        this.seed = company.seed();
        this.pipelineCreatedAt = company.anchor().minus(Duration.ofDays(900));
        for (String type : HubSpotSchema.TYPE_NAMES) {
            objects.put(type, new TreeMap<>());
        }
    }

    static HubSpotStore seed(DemoCompany company, Clock clock) {
        HubSpotStore store = new HubSpotStore(company, clock);
        store.load(company);
        return store;
    }

    HubSpotSchema schema() {
        return schema;
    }

    // ------------------------------------------------------------------ seeding

    private void load(DemoCompany company) {
        Map<String, Employee> employees = new HashMap<>();
        for (Employee e : company.employees()) {
            employees.put(e.id(), e);
            String teamId = Integer.toString(1000 + List.of("Executive", "Sales", "Customer Success", "Engineering")
                    .indexOf(e.department()) + 1);
            Owner owner = new Owner(Long.toString(OWNER_BASE + number(e.id())), e.email(), e.firstName(), e.lastName(),
                    USER_BASE + number(e.id()), teamId, e.department(), e.createdAt(), e.createdAt());
            owners.add(owner);
            ownerIds.add(owner.id());
        }
        Map<String, Account> accounts = new HashMap<>();
        for (Account a : company.accounts()) {
            accounts.put(a.id(), a);
            HubSpotObject o = put("companies", a.id(), a.createdAt(), a.updatedAt());
            o.properties.put("name", a.name());
            o.properties.put("domain", a.domain());
            o.properties.put("website", "https://www." + a.domain());
            o.properties.put("industry", a.industry().hubspotValue());
            o.properties.put("numberofemployees", Integer.toString(a.employeeCount()));
            o.properties.put("annualrevenue", Long.toString(a.annualRevenue()));
            o.properties.put("city", a.city());
            o.properties.put("country", a.country());
            o.properties.put("phone", a.phone());
            o.properties.put("lifecyclestage", a.lifecycleStage());
            o.properties.put("founded_year", Integer.toString(a.foundedYear()));
            o.properties.put("hubspot_owner_id", ownerId(a.ownerId()));
        }
        for (Contact c : company.contacts()) {
            Account a = accounts.get(c.accountId());
            HubSpotObject o = put("contacts", c.id(), c.createdAt(), c.updatedAt());
            o.properties.put("firstname", c.firstName());
            o.properties.put("lastname", c.lastName());
            o.properties.put("email", c.email());
            o.properties.put("jobtitle", c.title());
            o.properties.put("phone", c.phone());
            o.properties.put("company", a.name());
            o.properties.put("associatedcompanyid", Long.toString(hsId("companies", a.id())));
            o.properties.put("lifecyclestage", a.lifecycleStage());
            o.properties.put("hubspot_owner_id", ownerId(c.ownerId()));
            link("contacts", c.id(), "companies", a.id());
        }
        for (Deal d : company.deals()) {
            HubSpotObject o = put("deals", d.id(), d.createdAt(), d.updatedAt());
            o.properties.put("dealname", d.name());
            o.properties.put("amount", Long.toString(d.amount()));
            o.properties.put("dealstage", d.stageId());
            o.properties.put("pipeline", "default");
            o.properties.put("closedate", HubSpotSchema.ISO_MILLIS.format(d.closeDate().atStartOfDay(ZoneOffset.UTC)));
            o.properties.put("dealtype", d.dealType());
            o.properties.put("hubspot_owner_id", ownerId(d.ownerId()));
            deriveDeal(o);
            link("deals", d.id(), "companies", d.accountId());
            for (String contactId : d.contactIds()) {
                link("deals", d.id(), "contacts", contactId);
            }
        }
        for (Call c : company.calls()) {
            HubSpotObject o = put("calls", c.id(), c.at(), c.at());
            o.properties.put("hs_timestamp", HubSpotSchema.ISO_MILLIS.format(c.at()));
            o.properties.put("hs_call_title", c.title());
            o.properties.put("hs_call_body", c.notes());
            o.properties.put("hs_call_duration", Long.toString(c.durationSeconds() * 1000L));
            o.properties.put("hs_call_direction", c.outbound() ? "OUTBOUND" : "INBOUND");
            o.properties.put("hs_call_status", "COMPLETED");
            o.properties.put("hs_call_disposition", DISPOSITIONS.getOrDefault(c.outcome(), DISPOSITIONS.get("Connected")));
            o.properties.put("hs_call_to_number", company.contact(c.contactId()).map(Contact::phone).orElse(""));
            o.properties.put("hs_call_from_number", employees.get(c.ownerId()).phone());
            o.properties.put("hubspot_owner_id", ownerId(c.ownerId()));
            link("calls", c.id(), "contacts", c.contactId());
            link("calls", c.id(), "companies", c.accountId());
            c.dealId().ifPresent(deal -> link("calls", c.id(), "deals", deal));
        }
        for (Email e : company.crmLoggedEmails()) {
            HubSpotObject o = put("emails", e.id(), e.sentAt(), e.sentAt());
            o.properties.put("hs_timestamp", HubSpotSchema.ISO_MILLIS.format(e.sentAt()));
            o.properties.put("hs_email_subject", e.subject());
            o.properties.put("hs_email_text", e.body());
            o.properties.put("hs_email_direction", e.direction() == EmailDirection.INBOUND ? "INCOMING_EMAIL" : "EMAIL");
            o.properties.put("hs_email_status", "SENT");
            o.properties.put("hs_email_from_email", e.from());
            o.properties.put("hs_email_to_email", String.join(";", e.to()));
            o.properties.put("hs_email_headers", Json.write(Json.object(
                    "from", Json.object("email", e.from()),
                    "to", e.to().stream().map(t -> Json.object("email", t)).toList(),
                    "cc", e.cc().stream().map(t -> Json.object("email", t)).toList())));
            o.properties.put("hubspot_owner_id", ownerId(e.mailboxOwnerId()));
            e.contactId().ifPresent(c -> link("emails", e.id(), "contacts", c));
            e.accountId().ifPresent(a -> link("emails", e.id(), "companies", a));
            e.dealId().ifPresent(d -> link("emails", e.id(), "deals", d));
        }
        for (Meeting m : company.externalMeetings()) {
            HubSpotObject o = put("meetings", m.id(), m.start(), m.start());
            o.properties.put("hs_timestamp", HubSpotSchema.ISO_MILLIS.format(m.start()));
            o.properties.put("hs_meeting_title", m.title());
            o.properties.put("hs_meeting_body", m.summary());
            o.properties.put("hs_internal_meeting_notes", String.join("; ", m.actionItems()));
            o.properties.put("hs_meeting_start_time", HubSpotSchema.ISO_MILLIS.format(m.start()));
            o.properties.put("hs_meeting_end_time", HubSpotSchema.ISO_MILLIS.format(m.end()));
            o.properties.put("hs_meeting_location", m.location());
            o.properties.put("hs_meeting_outcome", "COMPLETED");
            o.properties.put("hubspot_owner_id", ownerId(m.organizerId()));
            for (String c : m.contactIds()) {
                link("meetings", m.id(), "contacts", c);
            }
            m.accountId().ifPresent(a -> link("meetings", m.id(), "companies", a));
            m.dealId().ifPresent(d -> link("meetings", m.id(), "deals", d));
        }
        for (Note n : company.notes()) {
            HubSpotObject o = put("notes", n.id(), n.at(), n.at());
            o.properties.put("hs_timestamp", HubSpotSchema.ISO_MILLIS.format(n.at()));
            o.properties.put("hs_note_body", n.body());
            o.properties.put("hubspot_owner_id", ownerId(n.ownerId()));
            link("notes", n.id(), "companies", n.accountId());
            n.contactId().ifPresent(c -> link("notes", n.id(), "contacts", c));
            n.dealId().ifPresent(d -> link("notes", n.id(), "deals", d));
        }
        for (Goal g : company.goals()) {
            Instant start = g.start().atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant created = start.minus(Duration.ofDays(14)).isBefore(company.anchor())
                    ? start.minus(Duration.ofDays(14)) : company.anchor().minus(Duration.ofDays(1));
            HubSpotObject o = put("goal_targets", g.id(), created, created);
            o.properties.put("hs_goal_name", g.name());
            o.properties.put("hs_target_amount", Long.toString(g.target()));
            o.properties.put("hs_start_datetime", HubSpotSchema.ISO_MILLIS.format(start));
            o.properties.put("hs_end_datetime",
                    HubSpotSchema.ISO_MILLIS.format(g.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                            .minusMillis(1)));
            o.properties.put("hs_assignee_user_id", Long.toString(USER_BASE + number(g.ownerId())));
            o.properties.put("hs_kpi_display_name", g.metric().equals("revenue") ? "Revenue" : "Meetings booked");
        }
        for (TreeMap<Long, HubSpotObject> byId : objects.values()) {
            byId.values().forEach(HubSpotObject::stamp);
        }
    }

    private HubSpotObject put(String type, String demoId, Instant created, Instant updated) {
        long id = hsId(type, demoId);
        HubSpotObject o = new HubSpotObject(id, schema.require(type), created);
        o.updatedAt = updated;
        objects.get(type).put(id, o);
        lastId.merge(type, id, Math::max);
        return o;
    }

    private void link(String fromType, String fromDemoId, String toType, String toDemoId) {
        HubSpotObject from = objects.get(fromType).get(hsId(fromType, fromDemoId));
        HubSpotObject to = objects.get(toType).get(hsId(toType, toDemoId));
        if (from != null && to != null) {
            from.associate(toType, to.id);
            to.associate(fromType, from.id);
        }
    }

    static long hsId(String type, String demoId) {
        return ID_BASE.get(type) + number(demoId);
    }

    private static long number(String demoId) {
        return Long.parseLong(demoId.substring(demoId.lastIndexOf('-') + 1));
    }

    static String ownerId(String employeeId) {
        return Long.toString(OWNER_BASE + number(employeeId));
    }

    private void deriveDeal(HubSpotObject deal) {
        String stageId = deal.properties.getOrDefault("dealstage", "");
        stages.stream().filter(s -> s.id().equals(stageId)).findFirst().ifPresent(s -> {
            deal.properties.put("hs_is_closed", Boolean.toString(s.closed()));
            deal.properties.put("hs_is_closed_won", Boolean.toString(s.won()));
            deal.properties.put("hs_deal_stage_probability", probability(s));
        });
    }

    private static String probability(PipelineStage s) {
        return BigDecimal.valueOf(s.probability()).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ reads

    synchronized Map<String, Object> list(HubSpotSchema.ObjectType type, long after, int limit, boolean archived,
                                          View view, String nextLinkPrefix) {
        List<Map<String, Object>> results = new ArrayList<>();
        Long next = null;
        for (HubSpotObject o : objects.get(type.name()).tailMap(after, true).values()) {
            if (o.archived() != archived) {
                continue;
            }
            if (results.size() == limit) {
                next = o.id;
                break;
            }
            results.add(render(o, view));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", results);
        if (next != null) {
            out.put("paging", Json.object("next", Json.object("after", Long.toString(next),
                    "link", nextLinkPrefix + "after=" + next)));
        }
        return out;
    }

    synchronized Optional<Map<String, Object>> get(HubSpotSchema.ObjectType type, String id, String idProperty,
                                                   boolean archived, View view) {
        return find(type, id, idProperty).filter(o -> o.archived() == archived).map(o -> render(o, view));
    }

    private Optional<HubSpotObject> find(HubSpotSchema.ObjectType type, String id, String idProperty) {
        TreeMap<Long, HubSpotObject> byId = objects.get(type.name());
        if (!idProperty.isEmpty() && !idProperty.equals("hs_object_id")) {
            return byId.values().stream().filter(o -> id.equalsIgnoreCase(o.properties.get(idProperty))).findFirst();
        }
        try {
            return Optional.ofNullable(byId.get(Long.parseLong(id)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    synchronized List<Map<String, Object>> batchRead(HubSpotSchema.ObjectType type, List<String> ids, String idProperty,
                                                     View view) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : ids) {
            find(type, id, idProperty).filter(o -> !o.archived()).ifPresent(o -> out.add(render(o, view)));
        }
        return out;
    }

    /** Search results and total, or empty when {@code after} is beyond the 10 000-result window. */
    synchronized Map<String, Object> search(HubSpotSchema.ObjectType type, List<List<HubSpotSearch.Filter>> groups,
                                            String query, String sortProperty, boolean descending, int after,
                                            int limit, View view) {
        List<HubSpotObject> matches = new ArrayList<>();
        for (HubSpotObject o : objects.get(type.name()).values()) {
            if (!o.archived() && HubSpotSearch.matches(o, groups) && HubSpotSearch.matchesQuery(o, query)) {
                matches.add(o);
            }
        }
        matches.sort(HubSpotSearch.order(sortProperty, descending));
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = after; i < Math.min(matches.size(), after + limit); i++) {
            results.add(render(matches.get(i), view));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", matches.size());
        out.put("results", results);
        if (after + limit < matches.size()) {
            out.put("paging", Json.object("next", Json.object("after", Integer.toString(after + limit))));
        }
        return out;
    }

    synchronized Optional<List<Map<String, Object>>> associationsV4(HubSpotSchema.ObjectType type, String id,
                                                                    HubSpotSchema.ObjectType toType) {
        return find(type, id, "").filter(o -> !o.archived()).map(o -> {
            List<Map<String, Object>> results = new ArrayList<>();
            for (long toId : o.associations.getOrDefault(toType.name(), Set.of())) {
                HubSpotObject target = objects.get(toType.name()).get(toId);
                if (target == null || target.archived()) {
                    continue;
                }
                int typeId = defaultAssociationType(type.singular(), toType.singular()).map(AssociationType::id).orElse(0);
                results.add(Json.object("toObjectId", toId, "associationTypes",
                        List.of(Json.object("category", "HUBSPOT_DEFINED", "typeId", typeId))));
            }
            return results;
        });
    }

    private Map<String, Object> render(HubSpotObject o, View view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Long.toString(o.id));
        Map<String, Object> props = new TreeMap<>();
        List<String> names = view.properties().isEmpty() ? o.type.defaultProperties() : view.properties();
        for (String name : names) {
            if (o.type.property(name).isPresent() || name.equals("hs_object_id")) {
                props.put(name, o.properties.get(name));
            }
        }
        if (!view.properties().isEmpty()) {
            props.put("hs_object_id", o.properties.get("hs_object_id"));
            props.put(o.type.createdProperty(), o.properties.get(o.type.createdProperty()));
            props.put(o.type.modifiedProperty(), o.properties.get(o.type.modifiedProperty()));
        }
        out.put("properties", props);
        out.put("createdAt", HubSpotSchema.ISO_MILLIS.format(o.createdAt));
        out.put("updatedAt", HubSpotSchema.ISO_MILLIS.format(o.updatedAt));
        out.put("archived", o.archived());
        o.archivedAt.ifPresent(at -> out.put("archivedAt", HubSpotSchema.ISO_MILLIS.format(at)));
        Map<String, Object> associations = new LinkedHashMap<>();
        for (String wanted : view.associations()) {
            Optional<HubSpotSchema.ObjectType> toType = schema.type(wanted);
            if (toType.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> refs = new ArrayList<>();
            for (long toId : o.associations.getOrDefault(toType.get().name(), Set.of())) {
                HubSpotObject target = objects.get(toType.get().name()).get(toId);
                if (target != null && !target.archived()) {
                    refs.add(Json.object("id", Long.toString(toId), "type", o.type.singular() + "_to_" + toType.get().singular()));
                }
            }
            if (!refs.isEmpty()) {
                associations.put(wanted, Json.object("results", refs));
            }
        }
        if (!associations.isEmpty()) {
            out.put("associations", associations);
        }
        return out;
    }

    // ------------------------------------------------------------------ writes

    synchronized WriteResult create(HubSpotSchema.ObjectType type, Map<String, String> input,
                                    List<AssociationInput> associations) {
        List<HubSpotSchema.Problem> problems = new ArrayList<>();
        Map<String, String> values = validate(type, input, problems);
        boolean engagement = type.createdProperty().equals("hs_createdate") && !type.name().equals("goal_targets");
        if (engagement && values.getOrDefault("hs_timestamp", "").isEmpty()) {
            problems.add(new HubSpotSchema.Problem("hs_timestamp", "MISSING_REQUIRED_PROPERTY",
                    "hs_timestamp is required", ""));
        }
        if (!problems.isEmpty()) {
            return new WriteResult.Invalid(problems);
        }
        if (type.name().equals("contacts") && values.containsKey("email")) {
            Optional<HubSpotObject> existing = find(type, values.get("email"), "email").filter(o -> !o.archived());
            if (existing.isPresent()) {
                return new WriteResult.Failed(409, "CONFLICT", "Contact already exists. Existing ID: " + existing.get().id);
            }
        }
        List<HubSpotObject> targets = new ArrayList<>();
        for (AssociationInput a : associations) {
            Optional<AssociationType> at = ASSOCIATION_TYPES.stream()
                    .filter(t -> t.id() == a.typeId() && t.from().equals(type.singular())).findFirst();
            if (at.isEmpty()) {
                return new WriteResult.Failed(400, "VALIDATION_ERROR",
                        "associationTypeId " + a.typeId() + " is not valid from " + type.singular());
            }
            HubSpotSchema.ObjectType toType = schema.require(pluralOf(at.get().to()));
            Optional<HubSpotObject> target = find(toType, a.toId(), "").filter(o -> !o.archived());
            if (target.isEmpty()) {
                return new WriteResult.Failed(400, "VALIDATION_ERROR",
                        "No " + at.get().to() + " with id " + a.toId() + " exists to associate with");
            }
            targets.add(target.get());
        }
        Instant now = modifications.next();
        long id = lastId.merge(type.name(), 1L, Long::sum);
        HubSpotObject o = new HubSpotObject(id, type, now);
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                o.properties.put(k, v);
            }
        });
        if (type.name().equals("deals")) {
            o.properties.putIfAbsent("pipeline", "default");
            deriveDeal(o);
        }
        objects.get(type.name()).put(id, o);
        for (HubSpotObject target : targets) {
            o.associate(target.type.name(), target.id);
            target.associate(type.name(), o.id);
            if (type.name().equals("contacts") && target.type.name().equals("companies")) {
                o.properties.putIfAbsent("associatedcompanyid", Long.toString(target.id));
            }
        }
        o.stamp();
        return new WriteResult.Done(201, render(o, new View(List.copyOf(o.properties.keySet()), List.of())));
    }

    synchronized WriteResult update(HubSpotSchema.ObjectType type, String id, String idProperty,
                                    Map<String, String> input) {
        Optional<HubSpotObject> found = find(type, id, idProperty).filter(o -> !o.archived());
        if (found.isEmpty()) {
            return new WriteResult.Failed(404, "OBJECT_NOT_FOUND", "resource not found");
        }
        List<HubSpotSchema.Problem> problems = new ArrayList<>();
        Map<String, String> values = validate(type, input, problems);
        if (!problems.isEmpty()) {
            return new WriteResult.Invalid(problems);
        }
        HubSpotObject o = found.get();
        values.forEach((k, v) -> {
            if (v.isEmpty()) {
                o.properties.remove(k);
            } else {
                o.properties.put(k, v);
            }
        });
        if (type.name().equals("deals")) {
            deriveDeal(o);
        }
        o.updatedAt = modifications.next();
        o.stamp();
        return new WriteResult.Done(200, render(o, new View(List.copyOf(o.properties.keySet()), List.of())));
    }

    /** Archives a record (HubSpot's delete); true when it existed. */
    synchronized boolean archive(HubSpotSchema.ObjectType type, String id) {
        Optional<HubSpotObject> found = find(type, id, "");
        if (found.isEmpty()) {
            return false;
        }
        HubSpotObject o = found.get();
        if (!o.archived()) {
            Instant now = modifications.next();
            o.archivedAt = Optional.of(now);
            o.updatedAt = now;
            o.stamp();
        }
        return true;
    }

    synchronized WriteResult associateDefault(HubSpotSchema.ObjectType fromType, String fromId,
                                              HubSpotSchema.ObjectType toType, String toId) {
        Optional<HubSpotObject> from = find(fromType, fromId, "").filter(o -> !o.archived());
        Optional<HubSpotObject> to = find(toType, toId, "").filter(o -> !o.archived());
        Optional<AssociationType> at = defaultAssociationType(fromType.singular(), toType.singular());
        if (from.isEmpty() || to.isEmpty() || at.isEmpty()) {
            return new WriteResult.Failed(404, "OBJECT_NOT_FOUND", "resource not found");
        }
        from.get().associate(toType.name(), to.get().id);
        to.get().associate(fromType.name(), from.get().id);
        return new WriteResult.Done(200, Json.object("from", Json.object("id", fromId), "to", Json.object("id", toId),
                "associationSpec", Json.object("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", at.get().id())));
    }

    private Map<String, String> validate(HubSpotSchema.ObjectType type, Map<String, String> input,
                                         List<HubSpotSchema.Problem> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        input.forEach((name, raw) -> {
            Optional<HubSpotSchema.Property> property = type.property(name);
            if (property.isEmpty()) {
                problems.add(new HubSpotSchema.Problem(name, "PROPERTY_DOESNT_EXIST",
                        "Property \"" + name + "\" does not exist", raw));
                return;
            }
            Object normalized = HubSpotSchema.normalize(property.get(), raw, ownerIds);
            if (normalized instanceof HubSpotSchema.Problem p) {
                problems.add(p);
            } else {
                values.put(name, (String) normalized);
            }
        });
        return values;
    }

    private static Optional<AssociationType> defaultAssociationType(String from, String to) {
        return ASSOCIATION_TYPES.stream().filter(t -> t.from().equals(from) && t.to().equals(to)).findFirst();
    }

    private String pluralOf(String singular) {
        return schema.require(singular).name();
    }

    // ------------------------------------------------------------------ test helpers

    /** Changes one property of {@code count} live records (picked deterministically); returns their ids. */
    synchronized List<String> touch(HubSpotSchema.ObjectType type, int count) {
        List<String> ids = new ArrayList<>();
        for (HubSpotObject o : pick(type, count)) {
            switch (type.name()) {
                case "companies" -> bump(o, "numberofemployees", 1);
                case "deals" -> bump(o, "amount", 1000);
                case "goal_targets" -> bump(o, "hs_target_amount", 1000);
                case "contacts" -> {
                    String title = o.properties.getOrDefault("jobtitle", "");
                    o.properties.put("jobtitle", title.startsWith("Senior ") ? title.substring(7) : "Senior " + title);
                }
                default -> o.properties.merge(type.bodyProperty(), " (edited)", String::concat);
            }
            o.updatedAt = modifications.next();
            o.stamp();
            ids.add(Long.toString(o.id));
        }
        return ids;
    }

    /** Archives {@code count} live records (picked deterministically); returns their ids. */
    synchronized List<String> archiveSome(HubSpotSchema.ObjectType type, int count) {
        List<String> ids = new ArrayList<>();
        for (HubSpotObject o : pick(type, count)) {
            archive(type, Long.toString(o.id));
            ids.add(Long.toString(o.id));
        }
        return ids;
    }

    private List<HubSpotObject> pick(HubSpotSchema.ObjectType type, int count) {
        List<HubSpotObject> live = new ArrayList<>(objects.get(type.name()).values().stream()
                .filter(o -> !o.archived()).toList());
        if (count > live.size()) {
            throw new IllegalArgumentException("only " + live.size() + " live " + type.name());
        }
        SplittableRandom rng = new SplittableRandom(seed * 31 + (++operations));
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(live.size() - i);
            HubSpotObject tmp = live.get(i);
            live.set(i, live.get(j));
            live.set(j, tmp);
        }
        List<HubSpotObject> chosen = new ArrayList<>(live.subList(0, count));
        chosen.sort(Comparator.comparingLong(o -> o.id));
        return chosen;
    }

    private static void bump(HubSpotObject o, String property, long delta) {
        String current = o.properties.getOrDefault(property, "0");
        o.properties.put(property, new BigDecimal(current).add(BigDecimal.valueOf(delta)).toPlainString());
    }

    synchronized int count(HubSpotSchema.ObjectType type, boolean archived) {
        return (int) objects.get(type.name()).values().stream().filter(o -> o.archived() == archived).count();
    }

    synchronized Optional<Map<String, String>> properties(HubSpotSchema.ObjectType type, String id) {
        return find(type, id, "").map(o -> Map.copyOf(new LinkedHashMap<>(o.properties)));
    }

    // ------------------------------------------------------------------ owners and pipelines

    synchronized List<Owner> owners() {
        return List.copyOf(owners);
    }

    Map<String, Object> renderOwner(Owner o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", o.id());
        out.put("email", o.email());
        out.put("type", "PERSON");
        out.put("firstName", o.firstName());
        out.put("lastName", o.lastName());
        out.put("userId", o.userId());
        out.put("userIdIncludingInactive", o.userId());
        out.put("createdAt", HubSpotSchema.ISO_MILLIS.format(o.createdAt()));
        out.put("updatedAt", HubSpotSchema.ISO_MILLIS.format(o.updatedAt()));
        out.put("archived", false);
        out.put("teams", List.of(Json.object("id", o.teamId(), "name", o.teamName(), "primary", true)));
        return out;
    }

    Map<String, Object> renderPipeline() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", "Sales Pipeline");
        out.put("displayOrder", 0);
        out.put("id", "default");
        List<Map<String, Object>> renderedStages = new ArrayList<>();
        for (PipelineStage s : stages) {
            renderedStages.add(renderStage(s));
        }
        out.put("stages", renderedStages);
        out.put("createdAt", HubSpotSchema.ISO_MILLIS.format(pipelineCreatedAt));
        out.put("updatedAt", HubSpotSchema.ISO_MILLIS.format(pipelineCreatedAt));
        out.put("archived", false);
        return out;
    }

    Map<String, Object> renderStage(PipelineStage s) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("label", s.label());
        stage.put("displayOrder", s.displayOrder());
        stage.put("metadata", Json.object("isClosed", Boolean.toString(s.closed()), "probability", probability(s)));
        stage.put("id", s.id());
        stage.put("createdAt", HubSpotSchema.ISO_MILLIS.format(pipelineCreatedAt));
        stage.put("updatedAt", HubSpotSchema.ISO_MILLIS.format(pipelineCreatedAt));
        stage.put("archived", false);
        stage.put("writePermissions", "CRM_PERMISSIONS_ENFORCEMENT");
        return stage;
    }

    List<PipelineStage> stages() {
        return stages;
    }
}
