package io.revtops.connectors.hubspot;

import io.revtops.connectors.SyncedTable;
import java.util.List;
import java.util.Optional;

/**
 * The HubSpot CRM object types Revtops syncs: the object's API name, the table it fills, the property that records
 * its last change (contacts keep {@code lastmodifieddate}), the properties mapped to columns, the extras kept in
 * {@code custom_fields}, and the associations needed for links.
 */
enum HubSpotObjectType {
    COMPANIES("companies", "accounts", SyncedTable.ACCOUNTS, "hs_lastmodifieddate",
            List.of("name", "domain", "industry", "numberofemployees", "annualrevenue", "hubspot_owner_id"),
            List.of("website", "phone", "city", "state", "country", "lifecyclestage", "founded_year", "type", "createdate"),
            List.of()),
    CONTACTS("contacts", "contacts", SyncedTable.CONTACTS, "lastmodifieddate",
            List.of("firstname", "lastname", "email", "jobtitle", "phone", "mobilephone", "associatedcompanyid"),
            List.of("lifecyclestage", "hs_lead_status", "company", "city", "country", "hubspot_owner_id", "createdate"),
            List.of("companies")),
    DEALS("deals", "deals", SyncedTable.DEALS, "hs_lastmodifieddate",
            List.of("dealname", "amount", "dealstage", "pipeline", "closedate", "hubspot_owner_id", "hs_is_closed",
                    "hs_is_closed_won", "hs_deal_stage_probability"),
            List.of("dealtype", "description", "hs_next_step", "hs_priority", "createdate"),
            List.of("companies", "contacts")),
    CALLS("calls", "calls", SyncedTable.ACTIVITIES, "hs_lastmodifieddate",
            List.of("hs_timestamp", "hs_call_title", "hs_call_body", "hs_call_direction", "hubspot_owner_id"),
            List.of("hs_call_duration", "hs_call_status", "hs_call_disposition"),
            List.of("contacts", "companies", "deals")),
    EMAILS("emails", "emails", SyncedTable.ACTIVITIES, "hs_lastmodifieddate",
            List.of("hs_timestamp", "hs_email_subject", "hs_email_text", "hs_email_direction", "hs_email_from_email",
                    "hs_email_to_email", "hs_email_thread_id", "hubspot_owner_id"),
            List.of("hs_email_status"),
            List.of("contacts", "companies", "deals")),
    MEETINGS("meetings", "meetings", SyncedTable.ACTIVITIES, "hs_lastmodifieddate",
            List.of("hs_timestamp", "hs_meeting_title", "hs_meeting_body", "hs_meeting_start_time", "hubspot_owner_id"),
            List.of("hs_meeting_end_time", "hs_meeting_location", "hs_meeting_outcome", "hs_internal_meeting_notes"),
            List.of("contacts", "companies", "deals")),
    NOTES("notes", "notes", SyncedTable.ACTIVITIES, "hs_lastmodifieddate",
            List.of("hs_timestamp", "hs_note_body", "hubspot_owner_id"),
            List.of(),
            List.of("contacts", "companies", "deals")),
    GOALS("goal_targets", "goals", SyncedTable.GOALS, "hs_lastmodifieddate",
            List.of("hs_goal_name", "hs_target_amount", "hs_start_datetime", "hs_end_datetime", "hs_assignee_user_id",
                    "hs_kpi_display_name"),
            List.of(),
            List.of());

    /** The object's name in API paths ({@code /crm/v3/objects/<apiName>}). */
    final String apiName;
    /** The sync stream (and checkpoint key) this type is fetched under. */
    final String stream;
    final SyncedTable table;
    final String modifiedProperty;
    final List<String> mapped;
    final List<String> extras;
    final List<String> associations;

    HubSpotObjectType(String apiName, String stream, SyncedTable table, String modifiedProperty, List<String> mapped,
                      List<String> extras, List<String> associations) {
        this.apiName = apiName;
        this.stream = stream;
        this.table = table;
        this.modifiedProperty = modifiedProperty;
        this.mapped = mapped;
        this.extras = extras;
        this.associations = associations;
    }

    /** What to ask for: mapped columns, default extras, configured extras, and the change timestamp. */
    List<String> properties(List<String> configuredExtras) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(mapped);
        all.addAll(extras);
        all.addAll(configuredExtras);
        all.add(modifiedProperty);
        all.add("hs_lastmodifieddate");
        return List.copyOf(all);
    }

    /** Whether a search hit must be read again to learn its associations (search answers carry none). */
    boolean needsAssociationRead() {
        return !associations.isEmpty() && this != CONTACTS;
    }

    static Optional<HubSpotObjectType> byStream(String stream) {
        for (HubSpotObjectType t : values()) if (t.stream.equals(stream)) return Optional.of(t);
        return Optional.empty();
    }
}
