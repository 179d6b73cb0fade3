package io.revtops.data;

import io.revtops.data.DataTable.ColumnType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The allow-list of the data browser: which tables, columns, filters and sorts exist. Nothing else reaches SQL. */
public final class DataTables {
    private DataTables() {}

    private static final ColumnType TEXT = ColumnType.TEXT;
    private static final ColumnType UUID = ColumnType.UUID;
    private static final ColumnType BOOL = ColumnType.BOOLEAN;
    private static final ColumnType INT = ColumnType.INTEGER;

    private static final Map<String, DataTable> TABLES = new LinkedHashMap<>();

    private static void add(DataTable t) {
        TABLES.put(t.name(), t);
    }

    static {
        add(new DataTable("accounts", "Accounts", "t.name", "t.name", "updated_at",
                List.of("id", "name", "domain", "industry", "employee_count", "annual_revenue", "owner_user_id", "source_system", "updated_at"),
                List.of("custom_fields", "synced_at", "created_at"),
                ordered("industry", TEXT, "domain", TEXT, "owner_user_id", UUID, "source_system", TEXT),
                Set.of("name", "domain", "industry", "employee_count", "annual_revenue", "updated_at"), "name", false));
        add(new DataTable("contacts", "Contacts", "coalesce(t.name, nullif(trim(concat_ws(' ', t.first_name, t.last_name)), ''), t.email)",
                "coalesce(t.name, '') || ' ' || coalesce(t.first_name, '') || ' ' || coalesce(t.last_name, '') || ' ' || coalesce(t.email, '')",
                "updated_at",
                List.of("id", "name", "first_name", "last_name", "email", "title", "phone", "account_id", "source_system", "updated_at"),
                List.of("custom_fields", "synced_at", "created_at"),
                ordered("account_id", UUID, "email", TEXT, "title", TEXT, "source_system", TEXT),
                Set.of("name", "last_name", "email", "title", "updated_at"), "name", false));
        add(new DataTable("deals", "Deals", "t.name", "t.name", "close_date",
                List.of("id", "name", "amount", "stage_name", "probability", "close_date", "is_closed", "is_won", "owner_user_id",
                        "account_id", "pipeline_id", "source_system", "updated_at"),
                List.of("custom_fields", "synced_at", "created_at"),
                ordered("stage_name", TEXT, "is_closed", BOOL, "is_won", BOOL, "owner_user_id", UUID, "account_id", UUID,
                        "pipeline_id", UUID, "source_system", TEXT),
                Set.of("name", "amount", "stage_name", "probability", "close_date", "updated_at"), "close_date", true));
        add(new DataTable("activities", "Activities", "coalesce(t.subject, initcap(t.type))", "t.subject", "activity_date",
                List.of("id", "type", "subject", "activity_date", "from_email", "direction", "account_id", "contact_id", "deal_id",
                        "meeting_id", "owner_user_id", "visibility", "source_system"),
                List.of("description", "to_emails", "thread_id", "custom_fields", "synced_at"),
                ordered("type", TEXT, "account_id", UUID, "contact_id", UUID, "deal_id", UUID, "meeting_id", UUID,
                        "owner_user_id", UUID, "direction", TEXT, "source_system", TEXT),
                Set.of("activity_date", "subject", "type"), "activity_date", true));
        add(new DataTable("meetings", "Meetings", "coalesce(t.title, 'Meeting')", "t.title", "start_time",
                List.of("id", "title", "start_time", "end_time", "organizer_email", "owner_user_id", "visibility", "source_system"),
                List.of("summary", "participants", "action_items", "topics", "transcript", "source_refs"),
                ordered("organizer_email", TEXT, "owner_user_id", UUID, "source_system", TEXT),
                Set.of("start_time", "title"), "start_time", true));
        add(new DataTable("tracker_issues", "Issues", "coalesce(t.identifier || ' ', '') || t.title", "coalesce(t.identifier, '') || ' ' || t.title",
                "updated_at_source",
                List.of("id", "identifier", "title", "state", "priority", "assignee_email", "project_id", "team_id", "due_date",
                        "updated_at_source", "url", "source_system"),
                List.of("description", "labels", "completed_at", "created_at_source", "custom_fields"),
                ordered("state", TEXT, "priority", INT, "assignee_email", TEXT, "project_id", UUID, "team_id", UUID, "source_system", TEXT),
                Set.of("identifier", "title", "state", "priority", "due_date", "updated_at_source"), "updated_at_source", true));
        add(new DataTable("github_pull_requests", "Pull requests", "'#' || t.number || ' ' || coalesce(t.title, '')",
                "coalesce(t.title, '')", "updated_at_source",
                List.of("id", "number", "title", "state", "author_login", "repository_id", "merged_at", "created_at_source",
                        "updated_at_source", "url"),
                List.of("body", "custom_fields"),
                ordered("state", TEXT, "author_login", TEXT, "repository_id", UUID, "number", INT),
                Set.of("number", "title", "state", "merged_at", "updated_at_source"), "updated_at_source", true));
        add(new DataTable("shared_files", "Files", "t.name", "t.name", "modified_time",
                List.of("id", "name", "mime_type", "folder_path", "owner_email", "size_bytes", "modified_time", "web_url", "source_system"),
                List.of("custom_fields", "synced_at"),
                ordered("mime_type", TEXT, "owner_email", TEXT, "folder_path", TEXT, "source_system", TEXT),
                Set.of("name", "modified_time", "size_bytes", "mime_type"), "modified_time", true));
    }

    private static Map<String, ColumnType> ordered(Object... pairs) {
        Map<String, ColumnType> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (ColumnType) pairs[i + 1]);
        return m;
    }

    /** Every browsable table, in navigation order. */
    public static List<DataTable> all() {
        return List.copyOf(TABLES.values());
    }

    /** The allow-listed table of that name. */
    public static Optional<DataTable> byName(String name) {
        return Optional.ofNullable(TABLES.get(name));
    }
}
