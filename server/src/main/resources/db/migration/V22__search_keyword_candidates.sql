-- Search under row-level security at scale: keyword candidates that can use the GIN indexes, and per-row checks
-- in the embeddings policy.
--
-- Under RLS, PostgreSQL evaluates a query's own conditions only after the policies' unless they are leakproof, and
-- tsvector @@ tsquery is not: through search_documents as revtops_app, every full-text search was a sequential scan
-- (150 ms at 20 000 rows, seconds at a million). Only a superuser can mark an operator leakproof, which managed
-- databases do not allow. So the match itself runs here, as the owner (whose policy is `true`, so the GIN index is
-- used), restricted explicitly to what the caller may see — the organization of the transaction, and no owner-only
-- row or private artifact of someone else — and returns only ids and ranks. The search service then reads the
-- documents back through search_documents under the caller's RLS, so nothing is shown that the policies would hide.
-- Private artifacts shared through a conversation's participants are left to the vector side (conservative).

-- search_documents gains `restricted`: rows only their owner may find by keyword here (owner-only activities and
-- meetings, private artifacts).
CREATE OR REPLACE VIEW search_documents WITH (security_invoker = true) AS
SELECT 'activities'::text AS source_table, a.id, a.organization_id, a.type AS doc_type, a.subject AS title,
       coalesce(a.searchable_text, a.description) AS body, a.activity_date AS doc_date, a.account_id, a.deal_id,
       a.owner_user_id AS owner_id, a.source_system, NULL::text AS url, a.search_vector,
       a.visibility = 'owner_only' AS restricted
  FROM activities a
UNION ALL
SELECT 'meetings', m.id, m.organization_id, 'meeting', m.title,
       -- a form feed separates sections the indexer chunks apart (the summary is one chunk, not the start of the
       -- transcript's first); transcript timestamps ("[00:01:36] ") are noise for meaning and snippets
       concat_ws(E'\n\f\n', m.summary,
                 regexp_replace(m.transcript, '\[\d{1,2}:\d{2}(:\d{2})?\]\s*', '', 'g')), m.start_time,
       (SELECT x.account_id FROM activities x
         WHERE x.organization_id = m.organization_id AND x.meeting_id = m.id AND x.account_id IS NOT NULL LIMIT 1),
       (SELECT x.deal_id FROM activities x
         WHERE x.organization_id = m.organization_id AND x.meeting_id = m.id AND x.deal_id IS NOT NULL LIMIT 1),
       m.owner_user_id, m.source_system, NULL::text, m.search_vector, m.visibility = 'owner_only'
  FROM meetings m
UNION ALL
SELECT 'tracker_issues', i.id, i.organization_id, 'issue', concat_ws(' ', i.identifier, i.title), i.description,
       coalesce(i.created_at_source, i.created_at), NULL::uuid, NULL::uuid, i.assignee_user_id, i.source_system, i.url,
       i.search_vector, false
  FROM tracker_issues i
UNION ALL
SELECT 'github_pull_requests', p.id, p.organization_id, 'pull_request', p.title, p.body,
       coalesce(p.created_at_source, p.created_at), NULL::uuid, NULL::uuid, NULL::uuid, p.source_system, p.url,
       p.search_vector, false
  FROM github_pull_requests p
UNION ALL
SELECT 'shared_files', f.id, f.organization_id, 'file', f.name, f.content_text, f.modified_time, NULL::uuid,
       NULL::uuid, NULL::uuid, f.source_system, f.web_url, f.search_vector, false
  FROM shared_files f
UNION ALL
SELECT 'artifacts', r.id, r.organization_id, 'artifact', r.title,
       CASE WHEN r.type = 'chart' THEN NULL ELSE r.content END, r.created_at, NULL::uuid, NULL::uuid, r.user_id,
       'revtops', NULL::text, r.search_vector, r.visibility = 'private'
  FROM artifacts r;

-- The best `k` of at most `cap` matching documents the caller may see, by ts_rank_cd (cover density, normalized
-- rank/(rank+1)). NULL filters mean "any".
CREATE OR REPLACE FUNCTION revtops_search_keyword(query tsquery, k int, cap int, types text[], date_from timestamptz,
                                                  date_to timestamptz, account uuid, deal uuid, owner uuid, source text)
    RETURNS TABLE (source_table text, id uuid, doc_date timestamptz, rank real)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
    SELECT m.source_table, m.id, m.doc_date, ts_rank_cd(m.search_vector, query, 32) AS rank
      FROM (SELECT d.source_table, d.id, d.doc_date, d.search_vector
              FROM search_documents d
             WHERE d.organization_id = revtops_current_org_id()
               AND d.search_vector @@ query
               AND (NOT d.restricted OR d.owner_id = revtops_current_user_id())
               AND (types IS NULL OR d.doc_type = ANY (types))
               AND (date_from IS NULL OR d.doc_date >= date_from)
               AND (date_to IS NULL OR d.doc_date <= date_to)
               AND (account IS NULL OR d.account_id = account)
               AND (deal IS NULL OR d.deal_id = deal)
               AND (owner IS NULL OR d.owner_id = owner)
               AND (source IS NULL OR d.source_system = source)
             LIMIT cap) m
     ORDER BY rank DESC, m.doc_date DESC NULLS LAST, m.id
     LIMIT k
$$;
REVOKE EXECUTE ON FUNCTION revtops_search_keyword(tsquery, int, int, text[], timestamptz, timestamptz, uuid, uuid, uuid, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION revtops_search_keyword(tsquery, int, int, text[], timestamptz, timestamptz, uuid, uuid, uuid, text)
    TO revtops_app;

-- An embedded chunk stays visible exactly when its source row is (V20), but each check is now a primary-key lookup
-- per candidate row: OFFSET 0 keeps the planner from turning the EXISTS into a hashed subplan that reads the whole
-- source table once per query (100 ms at 20 000 rows, seconds at 1 M), which defeated HNSW scans that only look at a
-- few hundred chunks.
DROP POLICY tenant_visibility ON embeddings;
CREATE POLICY tenant_visibility ON embeddings TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND CASE source_table
                   WHEN 'activities' THEN EXISTS (SELECT 1 FROM activities s WHERE s.id = embeddings.source_id OFFSET 0)
                   WHEN 'meetings' THEN EXISTS (SELECT 1 FROM meetings s WHERE s.id = embeddings.source_id OFFSET 0)
                   WHEN 'artifacts' THEN EXISTS (SELECT 1 FROM artifacts s WHERE s.id = embeddings.source_id OFFSET 0)
                   ELSE true
               END)
    WITH CHECK (organization_id = revtops_current_org_id());
