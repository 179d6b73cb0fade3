-- Vectors for search by meaning (ARCHITECTURE §4).
--
-- The flyway placeholder vector_mode chooses the storage at migration time:
--   auto      use pgvector when it can be installed: embedding is a `vector` without a fixed
--             dimension (models differ; per-dimension HNSW expression indexes come later);
--   portable  never use pgvector: embedding is real[] (tests force this mode).
-- Without pgvector the project defines the same operator, `<=>` (cosine distance), for real[], so
-- the SQL the agent writes (ORDER BY embedding <=> …) is identical in both modes.
-- revtops_vector_mode() tells the application which mode was chosen ('pgvector' | 'portable').

-- Cosine distance of two real[] vectors, as pgvector's <=> computes it (similarity clamped to
-- [-1, 1]; different dimensions are an error). One difference on purpose: when either vector has
-- zero norm pgvector returns NaN, which sorts after every number; this returns 1 (orthogonal, "no
-- similarity"), which keeps results JSON-serializable. Real embeddings are never zero.
CREATE OR REPLACE FUNCTION revtops_cosine_distance(a real[], b real[]) RETURNS double precision
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    dot    double precision;
    norm_a double precision;
    norm_b double precision;
BEGIN
    IF cardinality(a) <> cardinality(b) THEN
        RAISE EXCEPTION 'different vector dimensions % and %', cardinality(a), cardinality(b)
            USING ERRCODE = 'data_exception';
    END IF;
    SELECT sum(x::float8 * y), sum(x::float8 * x), sum(y::float8 * y)
    INTO dot, norm_a, norm_b
    FROM unnest(a, b) AS t (x, y);
    IF coalesce(norm_a, 0) = 0 OR coalesce(norm_b, 0) = 0 THEN
        RETURN 1;
    END IF;
    RETURN 1 - greatest(-1, least(1, dot / sqrt(norm_a * norm_b)));
END $$;

CREATE OPERATOR <=> (
    LEFTARG = real[],
    RIGHTARG = real[],
    FUNCTION = revtops_cosine_distance,
    COMMUTATOR = <=>
);

-- One embedded chunk of a searchable row. Visibility of the source row is enforced by the search
-- queries, which join the source table under the same RLS context.
CREATE TABLE embeddings (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    source_table    text NOT NULL,
    source_id       uuid NOT NULL,
    chunk_index     int NOT NULL DEFAULT 0,
    content_hash    text,
    model           text NOT NULL,
    dimensions      int NOT NULL CHECK (dimensions > 0),
    chunk_text      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_table, source_id, chunk_index, model)
);
CREATE INDEX embeddings_model_idx ON embeddings (organization_id, model, dimensions);

DO $vector$
DECLARE
    mode          text := '${vector_mode}';
    vector_schema text;
BEGIN
    IF mode NOT IN ('auto', 'portable') THEN
        RAISE EXCEPTION 'placeholder vector_mode must be auto or portable, not "%"', mode;
    END IF;

    IF mode = 'auto' THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS vector;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'pgvector unavailable (%), falling back to real[] embeddings', SQLERRM;
        END;
        SELECT n.nspname INTO vector_schema
        FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'vector';
    END IF;

    IF vector_schema IS NOT NULL THEN
        -- qualified: the extension may live outside public (e.g. Supabase's "extensions" schema)
        EXECUTE format('ALTER TABLE embeddings ADD COLUMN embedding %I.vector NOT NULL', vector_schema);
        EXECUTE format('ALTER TABLE embeddings ADD CONSTRAINT embeddings_dimensions_match'
                       ' CHECK (%I.vector_dims(embedding) = dimensions)', vector_schema);
        EXECUTE $f$CREATE OR REPLACE FUNCTION revtops_vector_mode() RETURNS text
                   LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $b$ SELECT 'pgvector'::text $b$ $f$;
    ELSE
        ALTER TABLE embeddings ADD COLUMN embedding real[] NOT NULL;
        ALTER TABLE embeddings ADD CONSTRAINT embeddings_dimensions_match
            CHECK (cardinality(embedding) = dimensions);
        EXECUTE $f$CREATE OR REPLACE FUNCTION revtops_vector_mode() RETURNS text
                   LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $b$ SELECT 'portable'::text $b$ $f$;
    END IF;
END $vector$;

CALL revtops_protect_tenant_table('embeddings');

GRANT EXECUTE ON FUNCTION revtops_cosine_distance(real[], real[]) TO revtops_app;
GRANT EXECUTE ON FUNCTION revtops_vector_mode() TO revtops_app;
