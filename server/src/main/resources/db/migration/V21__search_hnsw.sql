-- Approximate nearest-neighbour indexes for search by meaning (ARCHITECTURE §4), pgvector only: without it the
-- portable real[] fallback scans exactly and this migration does nothing.
--
-- embeddings.embedding is a `vector` without a fixed dimension (models differ), which HNSW cannot index; one
-- partial expression index per dimension the providers produce (384: local MiniLM, 1536: OpenAI
-- text-embedding-3-small) can. Queries use the same expression and predicate to reach them:
--   WHERE dimensions = 384 ORDER BY embedding::vector(384) <=> CAST(:q AS vector(384)) LIMIT k
-- Cosine distance, like the <=> the agent writes.
DO $hnsw$
DECLARE
    vector_schema text;
    dims          int;
BEGIN
    IF revtops_vector_mode() <> 'pgvector' THEN
        RAISE NOTICE 'vector mode is %: no HNSW indexes (exact search)', revtops_vector_mode();
        RETURN;
    END IF;
    SELECT n.nspname INTO vector_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'vector';
    FOREACH dims IN ARRAY ARRAY[384, 1536] LOOP
        EXECUTE format('CREATE INDEX embeddings_hnsw_%1$s ON embeddings USING hnsw'
                       ' ((embedding::%2$I.vector(%1$s)) %2$I.vector_cosine_ops) WITH (m = 16, ef_construction = 64)'
                       ' WHERE dimensions = %1$s', dims, vector_schema);
    END LOOP;
END $hnsw$;
