package io.revtops.connectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The normalized tables a sync can fill, each with the columns a connector may set and the links it may give as
 * the other record's source id ({@code account_source_id}), which the writer turns into the local id
 * ({@code account_id}). Anything else a vendor knows goes into {@code custom_fields}.
 *
 * <p>{@link #IDENTITY_MAPPINGS} is the one table that is not a copy of vendor records: a record there says "this
 * person of the source system (source id = their id there) has this e-mail", and the writer maps them to the member
 * with that e-mail. Owners of synced rows ({@code owner_source_id}) are resolved through it.
 */
public enum SyncedTable {
    ACCOUNTS("accounts", cols("name", Type.TEXT, "domain", Type.TEXT, "industry", Type.TEXT, "employee_count", Type.INT,
            "annual_revenue", Type.NUMERIC, "owner_source_id", Type.TEXT), List.of()),
    CONTACTS("contacts", cols("first_name", Type.TEXT, "last_name", Type.TEXT, "name", Type.TEXT, "email", Type.TEXT,
            "title", Type.TEXT, "phone", Type.TEXT, "account_source_id", Type.TEXT),
            List.of(new Link("account_source_id", "account_id", "accounts"))),
    PIPELINES("pipelines", cols("name", Type.TEXT, "display_order", Type.INT), List.of()),
    PIPELINE_STAGES("pipeline_stages", cols("pipeline_source_id", Type.TEXT, "name", Type.TEXT, "display_order", Type.INT,
            "probability", Type.NUMERIC, "is_closed_won", Type.BOOL, "is_closed_lost", Type.BOOL),
            List.of(new Link("pipeline_source_id", "pipeline_id", "pipelines"))),
    DEALS("deals", cols("name", Type.TEXT, "amount", Type.NUMERIC, "stage_source_id", Type.TEXT, "stage_name", Type.TEXT,
            "probability", Type.NUMERIC, "close_date", Type.DATE, "owner_source_id", Type.TEXT,
            "account_source_id", Type.TEXT, "pipeline_source_id", Type.TEXT, "is_closed", Type.BOOL, "is_won", Type.BOOL),
            List.of(new Link("stage_source_id", "stage_id", "pipeline_stages"),
                    new Link("account_source_id", "account_id", "accounts"),
                    new Link("pipeline_source_id", "pipeline_id", "pipelines"))),
    GOALS("goals", cols("name", Type.TEXT, "owner_source_id", Type.TEXT, "target_amount", Type.NUMERIC,
            "period_start", Type.DATE, "period_end", Type.DATE, "metric", Type.TEXT), List.of()),
    ACTIVITIES("activities", cols("type", Type.TEXT, "subject", Type.TEXT, "description", Type.TEXT,
            "activity_date", Type.TIMESTAMP, "deal_source_id", Type.TEXT, "account_source_id", Type.TEXT,
            "contact_source_id", Type.TEXT, "owner_source_id", Type.TEXT, "visibility", Type.TEXT, "from_email", Type.TEXT,
            "to_emails", Type.TEXT_ARRAY, "thread_id", Type.TEXT, "direction", Type.TEXT, "searchable_text", Type.TEXT),
            List.of(new Link("deal_source_id", "deal_id", "deals"), new Link("account_source_id", "account_id", "accounts"),
                    new Link("contact_source_id", "contact_id", "contacts"))),
    MEETINGS("meetings", cols("title", Type.TEXT, "start_time", Type.TIMESTAMP, "end_time", Type.TIMESTAMP,
            "organizer_email", Type.TEXT, "participants", Type.JSON, "summary", Type.TEXT, "action_items", Type.JSON,
            "topics", Type.TEXT_ARRAY, "transcript", Type.TEXT, "source_refs", Type.JSON, "visibility", Type.TEXT),
            List.of()),
    TRACKER_TEAMS("tracker_teams", cols("name", Type.TEXT, "key", Type.TEXT), List.of()),
    TRACKER_PROJECTS("tracker_projects", cols("name", Type.TEXT, "team_source_id", Type.TEXT, "state", Type.TEXT),
            List.of(new Link("team_source_id", "team_id", "tracker_teams"))),
    TRACKER_ISSUES("tracker_issues", cols("identifier", Type.TEXT, "title", Type.TEXT, "description", Type.TEXT,
            "state", Type.TEXT, "priority", Type.INT, "assignee_email", Type.TEXT, "project_source_id", Type.TEXT,
            "team_source_id", Type.TEXT, "labels", Type.TEXT_ARRAY, "due_date", Type.DATE, "completed_at", Type.TIMESTAMP,
            "created_at_source", Type.TIMESTAMP, "updated_at_source", Type.TIMESTAMP, "url", Type.TEXT),
            List.of(new Link("project_source_id", "project_id", "tracker_projects"),
                    new Link("team_source_id", "team_id", "tracker_teams"))),
    GITHUB_REPOSITORIES("github_repositories", cols("full_name", Type.TEXT, "name", Type.TEXT, "description", Type.TEXT,
            "default_branch", Type.TEXT, "url", Type.TEXT, "is_private", Type.BOOL), List.of()),
    GITHUB_COMMITS("github_commits", cols("repository_source_id", Type.TEXT, "sha", Type.TEXT, "message", Type.TEXT,
            "author_email", Type.TEXT, "author_name", Type.TEXT, "committed_at", Type.TIMESTAMP, "url", Type.TEXT),
            List.of(new Link("repository_source_id", "repository_id", "github_repositories"))),
    GITHUB_PULL_REQUESTS("github_pull_requests", cols("repository_source_id", Type.TEXT, "number", Type.INT,
            "title", Type.TEXT, "body", Type.TEXT, "state", Type.TEXT, "author_login", Type.TEXT, "merged_at", Type.TIMESTAMP,
            "created_at_source", Type.TIMESTAMP, "updated_at_source", Type.TIMESTAMP, "url", Type.TEXT),
            List.of(new Link("repository_source_id", "repository_id", "github_repositories"))),
    IDENTITY_MAPPINGS("identity_mappings", cols("external_email", Type.TEXT), List.of()),
    SHARED_FILES("shared_files", cols("name", Type.TEXT, "mime_type", Type.TEXT, "folder_path", Type.TEXT,
            "web_url", Type.TEXT, "modified_time", Type.TIMESTAMP, "owner_email", Type.TEXT, "size_bytes", Type.BIGINT),
            List.of());

    /** The SQL type of a column, which decides how the writer coerces a connector's value. */
    public enum Type { TEXT, INT, BIGINT, NUMERIC, BOOL, DATE, TIMESTAMP, JSON, TEXT_ARRAY }

    /** A link given by source id ({@code sourceColumn}) and stored as the local id ({@code idColumn}) of {@code target}. */
    public record Link(String sourceColumn, String idColumn, String target) {}

    private final String tableName;
    private final Map<String, Type> columns;
    private final List<Link> links;

    SyncedTable(String tableName, Map<String, Type> columns, List<Link> links) {
        this.tableName = tableName;
        this.columns = columns;
        this.links = links;
    }

    public String tableName() {
        return tableName;
    }

    /** Columns a connector may set, in a stable order. */
    public Map<String, Type> columns() {
        return columns;
    }

    public List<Link> links() {
        return links;
    }

    public static Optional<SyncedTable> byName(String name) {
        for (SyncedTable t : values()) if (t.tableName.equals(name)) return Optional.of(t);
        return Optional.empty();
    }

    private static Map<String, Type> cols(Object... pairs) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], (Type) pairs[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
