-- Search (SPEC §4 search, ARCHITECTURE §4): full-text columns on every searchable table, trigram indexes on
-- names, the queue of rows whose embeddings are out of date, visibility of embeddings that follows their source
-- row, and one read-only view of every searchable document. HNSW indexes come in V21__search_hnsw (pgvector only).

-- Lists joined by spaces, for generated columns (array_to_string is only STABLE in general; for text[] it is
-- immutable, which is what a generated column needs).
CREATE OR REPLACE FUNCTION revtops_join_text(parts text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT array_to_string(parts, ' ') $$;
GRANT EXECUTE ON FUNCTION revtops_join_text(text[]) TO revtops_app;

-- Full text: 'english' (stems: pricing ~ price) and 'simple' (exact words, names, codes) in one tsvector,
-- title weighted A, body B, bulk text (transcripts, file contents) C. Queries OR the two configurations.
-- activities.search_vector (V5) was english only: replaced by the same name so readers keep working.
DROP INDEX IF EXISTS activities_search_idx;
ALTER TABLE activities DROP COLUMN search_vector;
ALTER TABLE activities ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(subject, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(subject, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(searchable_text, description, '')), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(searchable_text, description, '')), 'B')
) STORED;
CREATE INDEX activities_search_idx ON activities USING gin (search_vector);

ALTER TABLE meetings ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(summary, '') || ' ' || revtops_join_text(topics)), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(summary, '') || ' ' || revtops_join_text(topics)), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(transcript, '')), 'C')
    || setweight(to_tsvector('simple'::regconfig, coalesce(transcript, '')), 'C')
) STORED;
CREATE INDEX meetings_search_idx ON meetings USING gin (search_vector);

ALTER TABLE tracker_issues ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(identifier, '') || ' ' || coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(description, '') || ' ' || revtops_join_text(labels)), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(description, '') || ' ' || revtops_join_text(labels)), 'B')
) STORED;
CREATE INDEX tracker_issues_search_idx ON tracker_issues USING gin (search_vector);

ALTER TABLE github_pull_requests ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(body, '')), 'B')
) STORED;
CREATE INDEX github_pull_requests_search_idx ON github_pull_requests USING gin (search_vector);

ALTER TABLE shared_files ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(name, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(folder_path, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(content_text, '')), 'C')
    || setweight(to_tsvector('simple'::regconfig, coalesce(content_text, '')), 'C')
) STORED;
CREATE INDEX shared_files_search_idx ON shared_files USING gin (search_vector);

ALTER TABLE artifacts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(content, '')), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(content, '')), 'B')
) STORED;
CREATE INDEX artifacts_search_idx ON artifacts USING gin (search_vector);

-- Trigram indexes for fuzzy name matches ("Vandeley" finds "Vandelay"); only where pg_trgm exists (V5).
DO $$
DECLARE
    trgm_schema text;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NULL THEN
        RAISE NOTICE 'pg_trgm unavailable: no trigram indexes for search';
        RETURN;
    END IF;
    EXECUTE format('CREATE INDEX meetings_title_trgm_idx ON meetings USING gin (title %I.gin_trgm_ops)', trgm_schema);
    EXECUTE format('CREATE INDEX tracker_issues_title_trgm_idx ON tracker_issues USING gin (title %I.gin_trgm_ops)', trgm_schema);
    EXECUTE format('CREATE INDEX github_pull_requests_title_trgm_idx ON github_pull_requests USING gin (title %I.gin_trgm_ops)', trgm_schema);
    EXECUTE format('CREATE INDEX shared_files_name_trgm_idx ON shared_files USING gin (name %I.gin_trgm_ops)', trgm_schema);
    EXECUTE format('CREATE INDEX artifacts_title_trgm_idx ON artifacts USING gin (title %I.gin_trgm_ops)', trgm_schema);
END $$;

-- Rows whose embeddings must be (re)computed: filled by triggers when a row's text changes, emptied by the
-- background indexer. A row stays here until its chunks are stored, so a crash or a provider error loses nothing:
-- attempts / next_attempt_at / last_error say when it is tried again; leased_until keeps two workers apart.
CREATE TABLE embedding_queue (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    source_table    text NOT NULL,
    source_id       uuid NOT NULL,
    enqueued_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    attempts        int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    leased_until    timestamptz,
    last_error      text,
    PRIMARY KEY (organization_id, source_table, source_id)
);
CREATE INDEX embedding_queue_due_idx ON embedding_queue (next_attempt_at);
CALL revtops_protect_tenant_table('embedding_queue');

-- Statement-level triggers (one per batch upsert, not per row). TG_ARGV[0] lists the columns that make up the
-- embedded text: an update that leaves them unchanged (relinks, synced_at, visibility) queues nothing.
-- SECURITY DEFINER: the queue and the embeddings of rows the writer may not see (owner-only rows of others) are
-- maintained whatever role writes the source table.
CREATE OR REPLACE FUNCTION revtops_search_enqueue() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
AS $$
DECLARE
    changed text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO embedding_queue (organization_id, source_table, source_id)
        SELECT n.organization_id, TG_TABLE_NAME, n.id FROM revtops_new_rows n
        ON CONFLICT (organization_id, source_table, source_id) DO UPDATE
            SET enqueued_at = clock_timestamp(), next_attempt_at = clock_timestamp(), attempts = 0, last_error = NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT string_agg(format('n.%1$I IS DISTINCT FROM o.%1$I', c), ' OR ') INTO changed
        FROM unnest(string_to_array(TG_ARGV[0], ',')) AS c;
        EXECUTE format('INSERT INTO embedding_queue (organization_id, source_table, source_id)'
                       ' SELECT n.organization_id, %L, n.id FROM revtops_new_rows n JOIN revtops_old_rows o USING (id)'
                       ' WHERE %s'
                       ' ON CONFLICT (organization_id, source_table, source_id) DO UPDATE'
                       ' SET enqueued_at = clock_timestamp(), next_attempt_at = clock_timestamp(), attempts = 0,'
                       ' last_error = NULL', TG_TABLE_NAME, changed);
    ELSE
        DELETE FROM embeddings e USING revtops_old_rows o
        WHERE e.organization_id = o.organization_id AND e.source_table = TG_TABLE_NAME AND e.source_id = o.id;
        DELETE FROM embedding_queue q USING revtops_old_rows o
        WHERE q.organization_id = o.organization_id AND q.source_table = TG_TABLE_NAME AND q.source_id = o.id;
    END IF;
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION revtops_search_enqueue() FROM PUBLIC;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('activities', 'type,subject,description,searchable_text,activity_date,account_id'),
        ('meetings', 'title,start_time,summary,transcript,action_items,topics'),
        ('tracker_issues', 'identifier,title,description,labels'),
        ('github_pull_requests', 'number,title,body'),
        ('shared_files', 'name,folder_path,content_text'),
        ('artifacts', 'type,title,content')) AS v (tbl, cols)
    LOOP
        EXECUTE format('CREATE TRIGGER search_enqueue_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS revtops_new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION revtops_search_enqueue(%L)', t.tbl, t.cols);
        EXECUTE format('CREATE TRIGGER search_enqueue_update AFTER UPDATE ON %I'
                       ' REFERENCING OLD TABLE AS revtops_old_rows NEW TABLE AS revtops_new_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION revtops_search_enqueue(%L)', t.tbl, t.cols);
        EXECUTE format('CREATE TRIGGER search_enqueue_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS revtops_old_rows'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION revtops_search_enqueue(%L)', t.tbl, t.cols);
        -- rows that exist already are embedded by the first indexer run
        EXECUTE format('INSERT INTO embedding_queue (organization_id, source_table, source_id)'
                       ' SELECT organization_id, %L, id FROM %I ON CONFLICT DO NOTHING', t.tbl, t.tbl);
    END LOOP;
END $$;

-- An embedded chunk is visible exactly when its source row is: the source table's own policy decides (owner-only
-- activities and meetings, artifacts of private conversations). Before this, embeddings were isolated by
-- organization only, so chunk_text of an owner-only email was readable by teammates through agent SQL.
DROP POLICY tenant_isolation ON embeddings;
CREATE POLICY tenant_visibility ON embeddings TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND CASE source_table
                   WHEN 'activities' THEN EXISTS (SELECT 1 FROM activities s WHERE s.id = embeddings.source_id)
                   WHEN 'meetings' THEN EXISTS (SELECT 1 FROM meetings s WHERE s.id = embeddings.source_id)
                   WHEN 'artifacts' THEN EXISTS (SELECT 1 FROM artifacts s WHERE s.id = embeddings.source_id)
                   ELSE true
               END)
    WITH CHECK (organization_id = revtops_current_org_id());

-- Every searchable document in one shape. security_invoker: the caller's row-level security applies to each
-- table behind it, exactly as if the tables were queried directly.
CREATE VIEW search_documents WITH (security_invoker = true) AS
SELECT 'activities'::text AS source_table, a.id, a.organization_id, a.type AS doc_type, a.subject AS title,
       coalesce(a.searchable_text, a.description) AS body, a.activity_date AS doc_date, a.account_id, a.deal_id,
       a.owner_user_id AS owner_id, a.source_system, NULL::text AS url, a.search_vector
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
       m.owner_user_id, m.source_system, NULL::text, m.search_vector
  FROM meetings m
UNION ALL
SELECT 'tracker_issues', i.id, i.organization_id, 'issue', concat_ws(' ', i.identifier, i.title), i.description,
       coalesce(i.created_at_source, i.created_at), NULL::uuid, NULL::uuid, i.assignee_user_id, i.source_system, i.url,
       i.search_vector
  FROM tracker_issues i
UNION ALL
SELECT 'github_pull_requests', p.id, p.organization_id, 'pull_request', p.title, p.body,
       coalesce(p.created_at_source, p.created_at), NULL::uuid, NULL::uuid, NULL::uuid, p.source_system, p.url,
       p.search_vector
  FROM github_pull_requests p
UNION ALL
SELECT 'shared_files', f.id, f.organization_id, 'file', f.name, f.content_text, f.modified_time, NULL::uuid,
       NULL::uuid, NULL::uuid, f.source_system, f.web_url, f.search_vector
  FROM shared_files f
UNION ALL
SELECT 'artifacts', r.id, r.organization_id, 'artifact', r.title,
       CASE WHEN r.type = 'chart' THEN NULL ELSE r.content END, r.created_at, NULL::uuid, NULL::uuid, r.user_id,
       'revtops', NULL::text, r.search_vector
  FROM artifacts r;

GRANT SELECT ON search_documents TO revtops_app;
