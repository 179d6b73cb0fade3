package io.revtops.simulators.hubspot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CRM object types the HubSpot simulator serves and their properties: which exist, their types,
 * which are read-only and which are returned when a request names none. Values are HubSpot's own
 * (stage ids, lifecycle stages, engagement enums).
 */
final class HubSpotSchema {

    enum Kind { STRING, NUMBER, DATETIME, BOOL, EMAIL, OWNER, ENUM }

    record Property(String name, Kind kind, boolean readOnly, List<String> options) {
    }

    record ObjectType(String name, String singular, String objectTypeId, String createdProperty,
                      String modifiedProperty, List<String> defaultProperties, List<String> searchable, Map<String, Property> properties,
                      String bodyProperty) {

        Optional<Property> property(String name) {
            return Optional.ofNullable(properties.get(name));
        }
    }

    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    static final List<String> TYPE_NAMES = List.of("companies", "contacts", "deals", "calls", "emails", "meetings",
            "notes", "goal_targets");

    private final Map<String, ObjectType> types = new LinkedHashMap<>();

    HubSpotSchema(List<String> stageIds) {
        List<String> lifecycle = List.of("subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
                "opportunity", "customer", "evangelist", "other");
        add(new Builder("companies", "company", "0-2", "createdate", "hs_lastmodifieddate")
                .defaults("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name")
                .searchable("name", "domain", "website", "phone")
                .string("name", "domain", "website", "industry", "city", "state", "country", "zip", "phone",
                        "description", "type", "linkedin_company_page")
                .number("numberofemployees", "annualrevenue", "founded_year")
                .enumeration("lifecyclestage", lifecycle)
                .owner("hubspot_owner_id")
                .body("description"));
        add(new Builder("contacts", "contact", "0-1", "createdate", "lastmodifieddate")
                .defaults("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname")
                .searchable("firstname", "lastname", "email", "phone", "company", "jobtitle")
                .string("firstname", "lastname", "jobtitle", "phone", "mobilephone", "company", "website", "city",
                        "state", "country", "hs_lead_status", "linkedin_url")
                .email("email")
                .number("associatedcompanyid")
                .enumeration("lifecyclestage", lifecycle)
                .owner("hubspot_owner_id")
                .readOnlyDatetime("hs_lastmodifieddate")
                .body("jobtitle"));
        add(new Builder("deals", "deal", "0-3", "createdate", "hs_lastmodifieddate")
                .defaults("amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate",
                        "hs_object_id", "pipeline")
                .searchable("dealname", "description")
                .string("dealname", "description", "hs_next_step", "hs_priority")
                .number("amount")
                .datetime("closedate")
                .enumeration("dealstage", stageIds)
                .enumeration("pipeline", List.of("default"))
                .enumeration("dealtype", List.of("newbusiness", "existingbusiness"))
                .owner("hubspot_owner_id")
                .readOnlyString("hs_is_closed", "hs_is_closed_won", "hs_deal_stage_probability")
                .body("description"));
        add(engagement("calls", "call", "0-48", "hs_call_body")
                .searchable("hs_call_title", "hs_call_body")
                .string("hs_call_title", "hs_call_body", "hs_call_disposition", "hs_call_to_number",
                        "hs_call_from_number", "hs_call_recording_url")
                .number("hs_call_duration")
                .enumeration("hs_call_direction", List.of("INBOUND", "OUTBOUND"))
                .enumeration("hs_call_status", List.of("BUSY", "CALLING_CRM_USER", "CANCELED", "COMPLETED",
                        "CONNECTING", "FAILED", "IN_PROGRESS", "NO_ANSWER", "QUEUED", "RINGING")));
        add(engagement("emails", "email", "0-49", "hs_email_text")
                .searchable("hs_email_subject", "hs_email_text")
                .string("hs_email_subject", "hs_email_text", "hs_email_html", "hs_email_headers",
                        "hs_email_from_email", "hs_email_to_email", "hs_email_thread_id")
                .enumeration("hs_email_direction", List.of("EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"))
                .enumeration("hs_email_status", List.of("BOUNCED", "FAILED", "SCHEDULED", "SENDING", "SENT")));
        add(engagement("meetings", "meeting", "0-47", "hs_meeting_body")
                .searchable("hs_meeting_title", "hs_meeting_body")
                .string("hs_meeting_title", "hs_meeting_body", "hs_internal_meeting_notes", "hs_meeting_location",
                        "hs_meeting_external_url")
                .datetime("hs_meeting_start_time", "hs_meeting_end_time")
                .enumeration("hs_meeting_outcome", List.of("SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW",
                        "CANCELED")));
        add(engagement("notes", "note", "0-46", "hs_note_body")
                .searchable("hs_note_body")
                .string("hs_note_body"));
        add(new Builder("goal_targets", "goal_target", "0-74", "hs_createdate", "hs_lastmodifieddate")
                .defaults("hs_createdate", "hs_goal_name", "hs_lastmodifieddate", "hs_object_id", "hs_target_amount")
                .searchable("hs_goal_name")
                .string("hs_goal_name", "hs_kpi_display_name", "hs_assignee_user_id")
                .number("hs_target_amount")
                .datetime("hs_start_datetime", "hs_end_datetime")
                .body("hs_goal_name"));
    }

    private static Builder engagement(String name, String singular, String typeId, String body) {
        return new Builder(name, singular, typeId, "hs_createdate", "hs_lastmodifieddate")
                .defaults("hs_createdate", "hs_lastmodifieddate", "hs_object_id")
                .datetime("hs_timestamp")
                .owner("hubspot_owner_id")
                .body(body);
    }

    private void add(Builder builder) {
        ObjectType type = builder.build();
        types.put(type.name(), type);
    }

    /** Resolves a path segment: plural name ({@code deals}) or object type id ({@code 0-3}). */
    Optional<ObjectType> type(String nameOrId) {
        String key = nameOrId.toLowerCase(Locale.ROOT);
        ObjectType direct = types.get(key);
        if (direct != null) {
            return Optional.of(direct);
        }
        return types.values().stream()
                .filter(t -> t.objectTypeId().equals(key) || t.singular().equals(key))
                .findFirst();
    }

    ObjectType require(String name) {
        return type(name).orElseThrow(() -> new IllegalArgumentException("no object type " + name));
    }

    /** A property value check; empty when valid, else HubSpot's error code and message. */
    record Problem(String property, String code, String message, String value) {
    }

    /**
     * Checks one incoming value and returns its stored form, or the problem. Datetimes accept epoch
     * milliseconds, ISO-8601 instants and dates (midnight UTC), and are stored as ISO with milliseconds.
     */
    static Object normalize(Property property, String value, Set<String> ownerIds) {
        if (property.readOnly()) {
            return new Problem(property.name(), "READ_ONLY_VALUE",
                    "\"" + property.name() + "\" is a read only property; its value cannot be set.", value);
        }
        if (value.isEmpty()) {
            return value;
        }
        return switch (property.kind()) {
            case NUMBER -> {
                try {
                    yield new BigDecimal(value.trim()).toPlainString();
                } catch (NumberFormatException e) {
                    yield new Problem(property.name(), "INVALID_INTEGER", value + " was not a valid number.", value);
                }
            }
            case DATETIME -> parseInstant(value).<Object>map(ISO_MILLIS::format)
                    .orElse(new Problem(property.name(), "INVALID_DATE",
                            value + " is not a valid date; use an epoch-millisecond timestamp or ISO 8601", value));
            case BOOL -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                    ? value.toLowerCase(Locale.ROOT)
                    : new Problem(property.name(), "INVALID_BOOLEAN", value + " was not a valid boolean.", value);
            case EMAIL -> value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") ? value.toLowerCase(Locale.ROOT)
                    : new Problem(property.name(), "INVALID_EMAIL", "Email address " + value + " is invalid", value);
            case OWNER -> ownerIds.contains(value) ? value
                    : new Problem(property.name(), "INVALID_OWNER_ID", value + " is not a valid owner id", value);
            case ENUM -> property.options().contains(value) ? value
                    : new Problem(property.name(), "INVALID_OPTION",
                            value + " was not one of the allowed options: " + property.options(), value);
            case STRING -> value;
        };
    }

    /** Epoch milliseconds, an ISO instant or offset date-time, or a date (midnight UTC). */
    static Optional<Instant> parseInstant(String value) {
        String v = value.trim();
        if (v.matches("-?\\d{1,15}")) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
        }
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException ignored) {
            // try a plain date
        }
        try {
            return Optional.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static final class Builder {
        private final String name;
        private final String singular;
        private final String typeId;
        private final String created;
        private final String modified;
        private List<String> defaults = List.of();
        private List<String> searchable = List.of();
        private String body = "";
        private final Map<String, Property> properties = new LinkedHashMap<>();

        Builder(String name, String singular, String typeId, String created, String modified) {
            this.name = name;
            this.singular = singular;
            this.typeId = typeId;
            this.created = created;
            this.modified = modified;
            readOnly("hs_object_id", Kind.NUMBER);
            readOnly(created, Kind.DATETIME);
            readOnly(modified, Kind.DATETIME);
            readOnly("hs_createdate", Kind.DATETIME);
            readOnly("hs_lastmodifieddate", Kind.DATETIME);
        }

        Builder defaults(String... names) {
            defaults = List.of(names);
            return this;
        }

        Builder searchable(String... names) {
            searchable = List.of(names);
            return this;
        }

        Builder body(String property) {
            body = property;
            return this;
        }

        Builder string(String... names) {
            return put(Kind.STRING, names);
        }

        Builder number(String... names) {
            return put(Kind.NUMBER, names);
        }

        Builder datetime(String... names) {
            return put(Kind.DATETIME, names);
        }

        Builder email(String... names) {
            return put(Kind.EMAIL, names);
        }

        Builder owner(String... names) {
            return put(Kind.OWNER, names);
        }

        Builder enumeration(String property, List<String> options) {
            properties.put(property, new Property(property, Kind.ENUM, false, List.copyOf(options)));
            return this;
        }

        Builder readOnlyString(String... names) {
            for (String n : names) {
                readOnly(n, Kind.STRING);
            }
            return this;
        }

        Builder readOnlyDatetime(String... names) {
            for (String n : names) {
                readOnly(n, Kind.DATETIME);
            }
            return this;
        }

        private void readOnly(String property, Kind kind) {
            properties.put(property, new Property(property, kind, true, List.of()));
        }

        private Builder put(Kind kind, String... names) {
            for (String n : names) {
                properties.put(n, new Property(n, kind, false, List.of()));
            }
            return this;
        }

        ObjectType build() {
            return new ObjectType(name, singular, typeId, created, modified, defaults, searchable,
                    Map.copyOf(properties), body);
        }
    }
}
