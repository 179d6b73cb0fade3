package io.revtops.search.indexing;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads searchable rows as documents (through the {@code search_documents} view), for the indexer. */
@Repository
public class SourceDocuments {
    /** Tables whose rows are searchable, in the order a full rebuild walks them. */
    public static final List<String> TABLES = List.of("activities", "meetings", "tracker_issues", "github_pull_requests",
            "shared_files", "artifacts");

    /** The documents of these rows that still exist (on the owner connection: every visibility). */
    public List<SearchDocument> load(JdbcClient j, UUID orgId, String table, List<UUID> ids) {
        return j.sql("""
                SELECT d.id, d.doc_type, d.title, d.body, d.doc_date, ac.name AS account_name
                  FROM search_documents d
                  LEFT JOIN accounts ac ON ac.organization_id = d.organization_id AND ac.id = d.account_id
                 WHERE d.organization_id = :org AND d.source_table = :table AND d.id = ANY (CAST(:ids AS uuid[]))
                """)
                .param("org", orgId).param("table", table)
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> {
                    Timestamp date = rs.getTimestamp("doc_date");
                    return new SearchDocument(orgId, table, rs.getObject("id", UUID.class), rs.getString("doc_type"),
                            Optional.ofNullable(rs.getString("title")), Optional.ofNullable(rs.getString("account_name")),
                            Optional.ofNullable(date).map(Timestamp::toInstant), rs.getString("body"));
                })
                .list();
    }
}
