-- A denser HNSW graph for search by meaning (pgvector only; bench/RESULTS.md, search at 1 M chunks).
--
-- With V21's m = 16, ef_construction = 64, recall@10 of the vector part against exact search stopped at 0.92–0.93 at
-- 1 M chunks whatever hnsw.ef_search (the graph, not the search list, was the limit). With m = 24,
-- ef_construction = 128 it is 0.97 at ef_search 200 and 0.99 at 400 on the same data, for about 1.8× the build time
-- (8 min instead of 4.6 at 1 M on 2 cores) and the same index size. Upgrading rebuilds each index once, inside this
-- migration: for a large installation that is minutes of startup (docs/operators.md); a fresh or small one does not
-- notice. An index that already has these options is left alone.
DO $hnsw$
DECLARE
    vector_schema text;
    dims          int;
    existing      regclass;
BEGIN
    IF revtops_vector_mode() <> 'pgvector' THEN
        RAISE NOTICE 'vector mode is %: no HNSW indexes (exact search)', revtops_vector_mode();
        RETURN;
    END IF;
    SELECT n.nspname INTO vector_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'vector';
    -- the build is far faster when the graph fits in memory; this only takes what the graph needs
    SET LOCAL maintenance_work_mem = '1GB';
    FOREACH dims IN ARRAY ARRAY[384, 1536] LOOP
        existing := to_regclass(format('embeddings_hnsw_%s', dims));
        CONTINUE WHEN existing IS NOT NULL AND (SELECT c.reloptions @> ARRAY['m=24', 'ef_construction=128']
                                                  FROM pg_class c WHERE c.oid = existing);
        EXECUTE format('DROP INDEX IF EXISTS embeddings_hnsw_%s', dims);
        EXECUTE format('CREATE INDEX embeddings_hnsw_%1$s ON embeddings USING hnsw'
                       ' ((embedding::%2$I.vector(%1$s)) %2$I.vector_cosine_ops) WITH (m = 24, ef_construction = 128)'
                       ' WHERE dimensions = %1$s', dims, vector_schema);
    END LOOP;
END $hnsw$;
