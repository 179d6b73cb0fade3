/**
 * The SQL guard of {@code run_sql_query}: {@link io.revtops.agent.tools.sql.SqlGuard#check} turns SQL text written
 * by the agent into a {@link io.revtops.agent.tools.sql.SqlVerdict}: either the exact SQL to run, or a refusal with a
 * code, a message and a hint for the model.
 *
 * <p>How to run an allowed query: prepare {@code rewrittenSql} with a {@code PreparedStatement} and bind, for each
 * text of {@code semanticEmbedTexts} in order, its query vector to the next {@code ?} (parameter index i + 1) — with
 * pgvector a {@code PGvector}, without it a {@code real[]}. The text holds no other {@code ?} and no comments. Run it
 * inside {@code TenantTx} in a READ ONLY transaction with {@code statement_timeout}, a fixed {@code search_path}
 * (public) and {@code standard_conforming_strings = on} (the PostgreSQL default, which the guard's string checks
 * assume). {@code rowLimit} is the top-level row cap now in the text; a result with that many rows may be truncated.
 *
 * <p>The guard is the first line of defence only; the database (RLS, read-only transaction, timeout, a role without
 * rights on dangerous functions) is the second.
 */
package io.revtops.agent.tools.sql;
