-- Keyword candidates planned for the text actually searched (bench/RESULTS.md, search at 1 M chunks).
--
-- V22's function was LANGUAGE sql: not inlinable (SECURITY DEFINER), so PostgreSQL planned its body — six branches
-- of search_documents with their policies — on every call, and planned it blind to the search text: the tsquery was
-- a parameter, so the planner could not tell a rare word from one in half the corpus. For common words it built a
-- bitmap of every match (250 000 rows for two common words at 1 M: 110 ms of the function's 140 ms) only to rank the
-- first 1 000. Here the same query runs through EXECUTE … USING, which plans it with the values known: common words
-- are read by a scan that stops at the 1 000-match cap, rare words through the GIN index. Same arguments, same
-- result, same restrictions (the transaction's organization; owner-only and private rows only for their owner).
-- No parallel workers: a search is one of many concurrent requests, and on small machines starting workers cost more
-- than the scan they split.
CREATE OR REPLACE FUNCTION revtops_search_keyword(query tsquery, k int, cap int, types text[], date_from timestamptz,
                                                  date_to timestamptz, account uuid, deal uuid, owner uuid, source text)
    RETURNS TABLE (source_table text, id uuid, doc_date timestamptz, rank real)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
    SET max_parallel_workers_per_gather = 0
AS $fn$
BEGIN
    RETURN QUERY EXECUTE $q$
        SELECT m.source_table, m.id, m.doc_date, ts_rank_cd(m.search_vector, $1, 32) AS rank
          FROM (SELECT d.source_table, d.id, d.doc_date, d.search_vector
                  FROM search_documents d
                 WHERE d.organization_id = revtops_current_org_id()
                   AND d.search_vector @@ $1
                   AND (NOT d.restricted OR d.owner_id = revtops_current_user_id())
                   AND ($4 IS NULL OR d.doc_type = ANY ($4))
                   AND ($5 IS NULL OR d.doc_date >= $5)
                   AND ($6 IS NULL OR d.doc_date <= $6)
                   AND ($7 IS NULL OR d.account_id = $7)
                   AND ($8 IS NULL OR d.deal_id = $8)
                   AND ($9 IS NULL OR d.owner_id = $9)
                   AND ($10 IS NULL OR d.source_system = $10)
                 LIMIT $3) m
         ORDER BY rank DESC, m.doc_date DESC NULLS LAST, m.id
         LIMIT $2
    $q$ USING query, k, cap, types, date_from, date_to, account, deal, owner, source;
END
$fn$;
REVOKE EXECUTE ON FUNCTION revtops_search_keyword(tsquery, int, int, text[], timestamptz, timestamptz, uuid, uuid, uuid, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION revtops_search_keyword(tsquery, int, int, text[], timestamptz, timestamptz, uuid, uuid, uuid, text)
    TO revtops_app;
