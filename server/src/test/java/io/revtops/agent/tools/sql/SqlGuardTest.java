package io.revtops.agent.tools.sql;

import static io.revtops.agent.tools.sql.SqlVerdict.Refused.BAD_SEMANTIC_EMBED;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.EMPTY_QUERY;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.FORBIDDEN_CAST;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.FORBIDDEN_FUNCTION;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.FUNCTION_NOT_ALLOWED;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.INVALID_LIMIT;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.LOCKING_CLAUSE;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.MULTIPLE_STATEMENTS;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.NOT_A_SELECT;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.NOT_READ_ONLY;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.PARAMETER_NOT_ALLOWED;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.PARSE_ERROR;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.TABLE_NOT_ALLOWED;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.TOO_LONG;
import static io.revtops.agent.tools.sql.SqlVerdict.Refused.UNSUPPORTED_SYNTAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlGuardTest {

    private final SqlGuard guard = new SqlGuard(SqlPolicy.defaults());

    private SqlVerdict.Allowed allowed(String sql) {
        SqlVerdict verdict = guard.check(sql);
        assertThat(verdict).as("verdict for: %s", sql).isInstanceOf(SqlVerdict.Allowed.class);
        return (SqlVerdict.Allowed) verdict;
    }

    private SqlVerdict.Refused refused(String sql, String code) {
        SqlVerdict verdict = guard.check(sql);
        assertThat(verdict).as("verdict for: %s", sql).isInstanceOf(SqlVerdict.Refused.class);
        SqlVerdict.Refused refusal = (SqlVerdict.Refused) verdict;
        assertThat(refusal.code()).as("code for: %s (%s)", sql, refusal.message()).isEqualTo(code);
        assertThat(refusal.message()).isNotBlank();
        assertThat(refusal.hint()).isNotBlank();
        return refusal;
    }

    @Nested
    class RefusesAnythingButOneSelect {

        @ParameterizedTest
        @ValueSource(strings = {
                "INSERT INTO deals (name) VALUES ('x')",
                "UPDATE deals SET amount = 0",
                "DELETE FROM deals",
                "MERGE INTO deals d USING accounts a ON a.id = d.account_id WHEN MATCHED THEN DELETE",
                "TRUNCATE deals",
                "CREATE TABLE x (a int)",
                "DROP TABLE deals",
                "ALTER TABLE deals ADD COLUMN x int",
                "GRANT ALL ON deals TO public"})
        void refusesStatementsThatChangeData(String sql) {
            refused(sql, NOT_READ_ONLY);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "SET ROLE postgres", "SET app.current_org_id = 'x'", "RESET ALL", "CALL p()",
                "DO $$ BEGIN PERFORM pg_sleep(1); END $$", "LOCK TABLE deals", "VACUUM deals", "LISTEN x",
                "NOTIFY x, 'y'", "PREPARE p AS SELECT 1", "EXECUTE p", "BEGIN", "COMMIT",
                "EXPLAIN ANALYZE DELETE FROM deals"})
        void refusesSessionAndServerCommands(String sql) {
            refused(sql, NOT_READ_ONLY);
        }

        @Test
        void refusesCopyToProgram() {
            SqlVerdict.Refused refusal = refused("COPY deals TO PROGRAM 'sh'", NOT_READ_ONLY);

            assertThat(refusal.hint()).contains("run_sql_write");
        }

        @Test
        void refusesWritableCte() {
            SqlVerdict.Refused refusal = refused("WITH x AS (DELETE FROM deals RETURNING *) SELECT * FROM x", NOT_READ_ONLY);

            assertThat(refusal.message()).contains("writable CTE");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "WITH x AS (UPDATE deals SET amount = 0 RETURNING *) SELECT * FROM x",
                "WITH x AS (INSERT INTO deals (name) VALUES ('x') RETURNING *) SELECT * FROM x"})
        void refusesOtherWritableCtes(String sql) {
            refused(sql, NOT_READ_ONLY);
        }

        @Test
        void refusesSelectInto() {
            refused("SELECT * INTO stolen FROM deals", NOT_READ_ONLY);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SHOW search_path", "EXPLAIN SELECT 1", "TABLE deals", "VALUES (1)"})
        void refusesReadOnlyStatementsThatAreNotSelects(String sql) {
            refused(sql, NOT_A_SELECT);
        }

        @Test
        void refusesTwoStatements() {
            refused("SELECT 1; DELETE FROM deals", MULTIPLE_STATEMENTS);
        }

        @Test
        void refusesSecondStatementAfterLineComment() {
            refused("SELECT 1; -- x\nDELETE FROM deals", MULTIPLE_STATEMENTS);
        }

        @Test
        void refusesSecondStatementAfterBlockCommentHidingSemicolon() {
            refused("SELECT 1 /* ; */; DROP TABLE x", MULTIPLE_STATEMENTS);
        }

        @Test
        void refusesFunctionHiddenOnTheLineAfterAComment() {
            refused("SELECT 1 --\n, pg_sleep(30)", FORBIDDEN_FUNCTION);
        }

        @Test
        void acceptsOneTrailingSemicolon() {
            assertThat(allowed("SELECT name FROM deals;").rewrittenSql()).isEqualTo("SELECT name FROM deals LIMIT 100");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "-- only a comment", "/* nothing */"})
        void refusesEmptyText(String sql) {
            refused(sql, EMPTY_QUERY);
        }

        @Test
        void refusesNull() {
            refused(null, EMPTY_QUERY);
        }

        @Test
        void refusesOversizedText() {
            String sql = "SELECT name FROM deals WHERE name IN (" + "'x', ".repeat(5_000) + "'y')";

            refused(sql, TOO_LONG);
        }

        @Test
        void leavesNoParserThreadBehindWhenParsingFails() {
            long before = jsqlParserPoolThreads();

            for (int i = 0; i < 20; i++) {
                refused("SELECT FROM WHERE " + i, PARSE_ERROR);
            }

            assertThat(jsqlParserPoolThreads()).isEqualTo(before);
        }

        private static long jsqlParserPoolThreads() {
            return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("pool-")).count();
        }

        @Test
        void refusesUnparsableTextWithShortenedParserMessage() {
            SqlVerdict.Refused refusal = refused("SELEKT name FROM deals", PARSE_ERROR);

            assertThat(refusal.message()).hasSizeLessThan(320).doesNotContain("Was expecting");
            assertThat(refusal.hint()).contains("standard PostgreSQL SELECT");
        }
    }

    @Nested
    class RefusesLocking {

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT * FROM deals FOR UPDATE",
                "SELECT * FROM deals FOR NO KEY UPDATE",
                "SELECT * FROM deals FOR SHARE",
                "SELECT * FROM deals FOR KEY SHARE",
                "SELECT * FROM deals FOR UPDATE SKIP LOCKED"})
        void refusesLockingClauses(String sql) {
            refused(sql, LOCKING_CLAUSE);
        }

        @Test
        void refusesLockingClauseInsideSubquery() {
            refused("SELECT * FROM (SELECT * FROM deals FOR UPDATE) s", LOCKING_CLAUSE);
        }
    }

    @Nested
    class RefusesTablesOutsideTheAllowList {

        @Test
        void refusesInformationSchema() {
            SqlVerdict.Refused refusal = refused("SELECT * FROM information_schema.tables", TABLE_NOT_ALLOWED);

            assertThat(refusal.message()).contains("information_schema");
            assertThat(refusal.hint()).contains("deals");
        }

        @Test
        void refusesQualifiedCatalogTable() {
            refused("SELECT * FROM pg_catalog.pg_class", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesUnqualifiedCatalogTable() {
            refused("SELECT relname FROM pg_class", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesUnknownTable() {
            refused("SELECT * FROM secrets", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesAllowedTableNameInOtherSchema() {
            refused("SELECT * FROM other.deals", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesTableOfAnotherDatabase() {
            refused("SELECT * FROM otherdb.public.deals", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesQuotedNameThatIsAnotherTable() {
            refused("SELECT * FROM \"Deals\"", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesForbiddenTableInSecondUnionBranch() {
            refused("SELECT name FROM accounts UNION SELECT relname FROM pg_class", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesForbiddenTableInParenthesizedUnionBranch() {
            refused("SELECT name FROM accounts UNION ALL (SELECT usename FROM pg_user)", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesForbiddenTableInLateralSubquery() {
            refused("SELECT * FROM deals d, LATERAL (SELECT * FROM pg_authid) s", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesForbiddenTableInJoinedLateralSubquery() {
            refused("SELECT * FROM deals d JOIN LATERAL (SELECT * FROM information_schema.columns) c ON true",
                    TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesForbiddenTableInWhereSubquery() {
            refused("SELECT * FROM deals WHERE id IN (SELECT oid FROM pg_authid)", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesForbiddenTableInCteInsideExists() {
            refused("SELECT * FROM deals WHERE EXISTS (WITH x AS (SELECT * FROM pg_shadow) SELECT * FROM x)",
                    TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesCteNamedLikeCatalogThatReadsTheCatalog() {
            refused("WITH pg_class AS (SELECT * FROM pg_class) SELECT * FROM pg_class", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesCteNamedLikeForbiddenTableThatReadsThatTable() {
            refused("WITH secrets AS (SELECT * FROM secrets) SELECT * FROM secrets", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesCteNamedLikeAllowedTableThatReadsCatalog() {
            refused("WITH deals AS (SELECT * FROM pg_class) SELECT * FROM deals", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesForwardReferenceToLaterCteWithoutRecursive() {
            refused("WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a", TABLE_NOT_ALLOWED);
        }

        @Test
        void refusesCteNameUsedOutsideTheSubqueryThatDefinesIt() {
            refused("SELECT * FROM (WITH c AS (SELECT 1) SELECT * FROM c) s, c", TABLE_NOT_ALLOWED);
        }
    }

    @Nested
    class RefusesFunctions {

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT pg_sleep(30)",
                "SELECT pg_read_file('/etc/passwd')",
                "SELECT pg_ls_dir('.')",
                "SELECT pg_terminate_backend(1)",
                "SELECT set_config('app.current_org_id', '00000000-0000-0000-0000-000000000000', true)",
                "SELECT current_setting('app.current_org_id')",
                "SELECT * FROM dblink('host=evil', 'select 1') AS t(a int)",
                "SELECT dblink_exec('host=evil', 'drop table deals')",
                "SELECT lo_import('/etc/passwd')",
                "SELECT query_to_xml('select * from pg_authid', true, true, '')",
                "SELECT table_to_xml('pg_authid', true, true, '')",
                "SELECT xpath('/a', '<a/>')",
                "SELECT txid_current()",
                "SELECT nextval('deals_id_seq')",
                "SELECT ts_stat('select vector from pg_authid')"})
        void refusesDangerousFunctions(String sql) {
            refused(sql, FORBIDDEN_FUNCTION);
        }

        @Test
        void refusesSettingTamperingWithAMessageSayingWhy() {
            SqlVerdict.Refused refusal = refused("SELECT * FROM deals WHERE org_id = current_setting('app.current_org_id')::uuid",
                    FORBIDDEN_FUNCTION);

            assertThat(refusal.message()).contains("current_setting").contains("organization");
        }

        @Test
        void refusesDangerousFunctionsEvenWhenThePolicyListsThem() {
            Set<String> functions = new HashSet<>(SqlPolicy.DEFAULT_FUNCTIONS);
            functions.addAll(Set.of("pg_sleep", "set_config", "dblink"));
            SqlGuard lenient = new SqlGuard(new SqlPolicy(SqlPolicy.DEFAULT_TABLES, functions, 100, 1000));

            assertThat(lenient.check("SELECT pg_sleep(1)")).isInstanceOf(SqlVerdict.Refused.class);
            assertThat(lenient.check("SELECT set_config('a', 'b', true)")).isInstanceOf(SqlVerdict.Refused.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SELECT \"pg_sleep\"(1)", "SELECT PG_SLEEP(1)", "SELECT U&\"pg_sleep\"(1)"})
        void refusesDangerousFunctionsWhateverTheQuotingOrCase(String sql) {
            refused(sql, FORBIDDEN_FUNCTION);
        }

        @ParameterizedTest
        @ValueSource(strings = {"SELECT pg_catalog.pg_sleep(1)", "SELECT pg_catalog.lower(name) FROM deals",
                "SELECT public.semantic_embed('x')"})
        void refusesSchemaQualifiedFunctions(String sql) {
            refused(sql, FORBIDDEN_FUNCTION);
        }

        @Test
        void refusesAttributeNotationThatPostgresReadsAsAFunctionCall() {
            refused("SELECT d.pg_sleep FROM deals d", FORBIDDEN_FUNCTION);
        }

        @Test
        void refusesFunctionOutsideTheAllowList() {
            SqlVerdict.Refused refusal = refused("SELECT version()", FUNCTION_NOT_ALLOWED);

            assertThat(refusal.message()).contains("version");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT (SELECT CASE WHEN x THEN (SELECT max(y) FROM (SELECT pg_sleep(1) AS y) q) END) FROM deals",
                "SELECT * FROM deals ORDER BY CASE WHEN stage = 'won' THEN pg_sleep(1) END",
                "SELECT name FROM deals ORDER BY (SELECT current_setting('x'))",
                "SELECT row_number() OVER (ORDER BY pg_backend_pid()) FROM deals",
                "SELECT count(*) OVER (PARTITION BY pg_sleep(1)) FROM deals",
                "SELECT row_number() OVER w FROM deals WINDOW w AS (ORDER BY pg_sleep(1))",
                "SELECT sum(amount) FILTER (WHERE pg_sleep(1) IS NULL) FROM deals",
                "SELECT string_agg(name, ',' ORDER BY pg_sleep(1)) FROM deals",
                "SELECT * FROM deals GROUP BY id HAVING pg_sleep(1) IS NULL",
                "SELECT DISTINCT ON (pg_sleep(1)) * FROM deals",
                "SELECT * FROM deals JOIN accounts ON pg_sleep(1) IS NULL",
                "SELECT * FROM (VALUES (pg_sleep(1))) v(x)",
                "SELECT ARRAY[pg_sleep(1)]",
                "SELECT (pg_sleep(1))::text",
                "SELECT custom_fields ->> (pg_sleep(1)::text) FROM deals",
                "SELECT * FROM deals d WHERE d.amount = ANY (SELECT pg_sleep(1))",
                "SELECT * FROM deals OFFSET (SELECT pg_sleep(1))",
                "SELECT name FROM accounts UNION SELECT pg_sleep(1)::text",
                "SELECT * FROM deals d CROSS JOIN LATERAL (SELECT pg_sleep(1)) s"})
        void refusesForbiddenFunctionsNestedAnywhere(String sql) {
            refused(sql, FORBIDDEN_FUNCTION);
        }
    }

    @Nested
    class RefusesCatalogCasts {

        @ParameterizedTest
        @ValueSource(strings = {"SELECT 'pg_authid'::regclass", "SELECT CAST('pg_authid' AS regclass)",
                "SELECT 'now'::regproc", "SELECT 'x'::pg_catalog.regproc[]", "SELECT id::\"regclass\" FROM deals",
                "SELECT 1 FROM deals WHERE id::regtype IS NOT NULL"})
        void refusesRegTypeCasts(String sql) {
            refused(sql, FORBIDDEN_CAST);
        }

        @Test
        void allowsRegconfigForFullTextSearch() {
            allowed("SELECT to_tsvector('english'::regconfig, body) FROM activities");
        }
    }

    @Nested
    class RefusesTextReadersCouldDisagreeOn {

        @Test
        void refusesBackslashBeforeQuoteThatCouldEndAStringEarly() {
            refused("SELECT 'a\\' , pg_sleep(10) --'", UNSUPPORTED_SYNTAX);
        }

        @Test
        void refusesEscapeStringEndingInBackslash() {
            refused("SELECT E'\\\\'", UNSUPPORTED_SYNTAX);
        }

        @Test
        void refusesDollarQuoting() {
            refused("SELECT $$a', pg_sleep(1), '$$", UNSUPPORTED_SYNTAX);
        }

        @Test
        void refusesJsonbQuestionMarkOperatorBecausePgjdbcTakesItForAParameter() {
            SqlVerdict.Refused refusal = refused("SELECT id FROM deals WHERE custom_fields ? 'x'", UNSUPPORTED_SYNTAX);

            assertThat(refusal.hint()).contains("IS NOT NULL");
        }

        @ParameterizedTest
        @ValueSource(strings = {"SELECT * FROM deals WHERE id = ?", "SELECT * FROM deals WHERE id = $1",
                "SELECT * FROM deals WHERE id = :id", "SELECT @x"})
        void refusesBindParametersAndVariables(String sql) {
            refused(sql, PARAMETER_NOT_ALLOWED);
        }

        @Test
        void refusesJdbcEscapeSyntax() {
            refused("SELECT {fn now()}", UNSUPPORTED_SYNTAX);
        }

        @Test
        void refusesStringUsedAsAlias() {
            refused("SELECT regclass 'pg_class'", UNSUPPORTED_SYNTAX);
        }

        @Test
        void refusesSyntaxOfOtherDialects() {
            SqlVerdict.Refused refusal = refused("SELECT count(*) FROM deals TABLESAMPLE SYSTEM (10)", UNSUPPORTED_SYNTAX);

            assertThat(refusal.message()).contains("SampleClause");
        }

        @Test
        void allowsBackslashesAndQuestionMarksThatEveryReaderReadsAlike() {
            SqlVerdict.Allowed ok = allowed("SELECT 1 AS \"?column?\" FROM deals WHERE name ~ '\\d+' AND note = 'why?' AND x = E'\\n'");

            assertThat(ok.rewrittenSql()).contains("'\\d+'", "'why?'", "E'\\n'", "\"?column?\"");
        }
    }

    @Nested
    class AllowsPostgresQueries {

        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT d.name, a.name FROM deals d JOIN accounts a ON a.id = d.account_id LEFT JOIN contacts c USING (account_id)",
                "WITH won AS (SELECT * FROM deals WHERE stage = 'won') SELECT count(*) FROM won",
                "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t",
                "SELECT stage, count(*) FILTER (WHERE amount > 1000), sum(amount) FROM deals GROUP BY stage HAVING count(*) > 1",
                "SELECT name, row_number() OVER (PARTITION BY owner_id ORDER BY amount DESC) FROM deals",
                "SELECT lag(amount) OVER w, first_value(name) OVER w FROM deals WINDOW w AS (ORDER BY close_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
                "SELECT custom_fields->>'x', custom_fields->'a'->>'b', custom_fields #>> '{a,b}' FROM deals",
                "SELECT (custom_fields->>'amount')::numeric FROM deals WHERE custom_fields @> '{\"a\":1}'",
                "SELECT * FROM accounts WHERE name ILIKE '%acme%' AND name NOT ILIKE '%test%'",
                "SELECT date_trunc('month', close_date) AS month, sum(amount) FROM deals GROUP BY 1 ORDER BY 1",
                "SELECT * FROM deals WHERE close_date > now() - interval '30 days'",
                "SELECT interval '1 day' * 3, current_date - 30, now()::date, '2024-01-01'::timestamptz",
                "SELECT DISTINCT ON (account_id) * FROM deals ORDER BY account_id, close_date DESC",
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM deals",
                "SELECT string_agg(DISTINCT name, ', '), array_agg(name ORDER BY created_at DESC) FROM accounts",
                "SELECT extract(epoch FROM now()), position('a' in name), substring(name from 1 for 3), trim(both ' ' from name) FROM deals",
                "SELECT * FROM deals d CROSS JOIN LATERAL jsonb_array_elements(d.custom_fields) AS e(v)",
                "SELECT d.name, s.n FROM deals d LEFT JOIN LATERAL (SELECT count(*) AS n FROM activities a WHERE a.deal_id = d.id) s ON true",
                "SELECT * FROM generate_series(now() - interval '7 days', now(), interval '1 day') AS g(day)",
                "SELECT id FROM deals WHERE stage = ANY (ARRAY['won', 'lost']) AND tags && ARRAY['x']",
                "SELECT CASE stage WHEN 'won' THEN 1 ELSE 0 END, coalesce(amount, 0), 'O''Brien' FROM deals",
                "SELECT stage FROM deals GROUP BY ROLLUP (stage, owner_id)",
                "SELECT name FROM accounts EXCEPT SELECT name FROM contacts",
                "SELECT ts_rank(to_tsvector(body), websearch_to_tsquery('english', 'renewal')) FROM activities",
                "SELECT similarity(name, 'acme') FROM accounts WHERE name % 'acme'",
                "SELECT make_interval(days => 3), now() AT TIME ZONE 'UTC'",
                "SELECT * FROM public.deals JOIN public.accounts ON true",
                "SELECT * FROM \"deals\"",
                "WITH \"Deals\" AS (SELECT 1 AS one) SELECT one FROM \"Deals\"",
                "WITH RECURSIVE a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a",
                "SELECT EXISTS (SELECT 1 FROM deals), (SELECT count(*) FROM accounts) AS n"})
        void allowsCommonAnalyticsQueries(String sql) {
            allowed(sql);
        }

        @Test
        void reportsTablesReadUnqualifiedAndOnce() {
            SqlVerdict.Allowed ok = allowed("SELECT * FROM public.deals d JOIN accounts a ON a.id = d.account_id "
                    + "WHERE d.id IN (SELECT deal_id FROM deals)");

            assertThat(ok.tables()).containsExactly("deals", "accounts");
        }

        @Test
        void doesNotReportCteNamesAsTables() {
            SqlVerdict.Allowed ok = allowed("WITH won AS (SELECT * FROM deals) SELECT * FROM won");

            assertThat(ok.tables()).containsExactly("deals");
        }

        @Test
        void dropsCommentsFromTheRewrittenSql() {
            SqlVerdict.Allowed ok = allowed("/* top */ SELECT name -- the name\nFROM deals");

            assertThat(ok.rewrittenSql()).isEqualTo("SELECT name FROM deals LIMIT 100");
        }

        @Test
        void rewrittenSqlIsStableWhenCheckedAgain() {
            SqlVerdict.Allowed first = allowed("select d.name, custom_fields->>'x' from deals d where d.amount > 5 order by 1");

            SqlVerdict.Allowed second = allowed(first.rewrittenSql());

            assertThat(second.rewrittenSql()).isEqualTo(first.rewrittenSql());
            assertThat(second.limitAdded()).isFalse();
        }
    }

    @Nested
    class AddsAndCapsTheRowLimit {

        @Test
        void addsDefaultLimitWhenAbsent() {
            SqlVerdict.Allowed ok = allowed("SELECT name FROM deals");

            assertThat(ok.rewrittenSql()).isEqualTo("SELECT name FROM deals LIMIT 100");
            assertThat(ok.limitAdded()).isTrue();
            assertThat(ok.limitCapped()).isFalse();
            assertThat(ok.rowLimit()).isEqualTo(100);
        }

        @Test
        void keepsExistingLimit() {
            SqlVerdict.Allowed ok = allowed("SELECT name FROM deals ORDER BY amount DESC LIMIT 5 OFFSET 10");

            assertThat(ok.rewrittenSql()).isEqualTo("SELECT name FROM deals ORDER BY amount DESC LIMIT 5 OFFSET 10");
            assertThat(ok.limitAdded()).isFalse();
            assertThat(ok.rowLimit()).isEqualTo(5);
        }

        @Test
        void capsLimitAboveMaximum() {
            SqlVerdict.Allowed ok = allowed("SELECT name FROM deals LIMIT 5000");

            assertThat(ok.rewrittenSql()).isEqualTo("SELECT name FROM deals LIMIT 1000");
            assertThat(ok.limitCapped()).isTrue();
            assertThat(ok.rowLimit()).isEqualTo(1000);
        }

        @Test
        void keepsLimitEqualToMaximum() {
            SqlVerdict.Allowed ok = allowed("SELECT name FROM deals LIMIT 1000");

            assertThat(ok.limitCapped()).isFalse();
        }

        @Test
        void capsLimitTooLargeForALong() {
            assertThat(allowed("SELECT name FROM deals LIMIT 99999999999999999999999").rewrittenSql())
                    .endsWith("LIMIT 1000");
        }

        @Test
        void capsLimitAll() {
            SqlVerdict.Allowed ok = allowed("SELECT name FROM deals LIMIT ALL");

            assertThat(ok.rewrittenSql()).endsWith("LIMIT 1000");
            assertThat(ok.limitCapped()).isTrue();
        }

        @Test
        void capsFetchFirst() {
            SqlVerdict.Allowed ok = allowed("SELECT name FROM deals FETCH FIRST 5000 ROWS ONLY");

            assertThat(ok.rewrittenSql()).isEqualTo("SELECT name FROM deals FETCH FIRST 1000 ROWS ONLY");
            assertThat(ok.limitCapped()).isTrue();
        }

        @Test
        void addsLimitWhenOnlyOffsetIsGiven() {
            assertThat(allowed("SELECT name FROM deals OFFSET 5").rewrittenSql())
                    .isEqualTo("SELECT name FROM deals LIMIT 100 OFFSET 5");
        }

        @Test
        void addsOneLimitAfterTheWholeUnionAll() {
            SqlVerdict.Allowed ok = allowed("SELECT name FROM accounts UNION ALL SELECT name FROM contacts");

            assertThat(ok.rewrittenSql()).isEqualTo("SELECT name FROM accounts UNION ALL SELECT name FROM contacts LIMIT 100");
            assertThat(ok.limitAdded()).isTrue();
        }

        @Test
        void capsTrailingLimitOfUnionWhichPostgresAppliesToTheWholeUnion() {
            SqlVerdict.Allowed ok = allowed("SELECT name FROM accounts UNION ALL SELECT name FROM contacts ORDER BY 1 LIMIT 5000");

            assertThat(ok.rewrittenSql())
                    .isEqualTo("SELECT name FROM accounts UNION ALL SELECT name FROM contacts ORDER BY 1 LIMIT 1000");
            assertThat(ok.limitAdded()).isFalse();
            assertThat(ok.limitCapped()).isTrue();
        }

        @Test
        void addsLimitAfterUnionWhoseLastBranchHasItsOwnParenthesizedLimit() {
            assertThat(allowed("SELECT name FROM accounts UNION ALL (SELECT name FROM contacts LIMIT 3)").rewrittenSql())
                    .isEqualTo("SELECT name FROM accounts UNION ALL (SELECT name FROM contacts LIMIT 3) LIMIT 100");
        }

        @Test
        void capsLimitInsideTopLevelParentheses() {
            assertThat(allowed("(SELECT name FROM deals LIMIT 5000)").rewrittenSql())
                    .isEqualTo("(SELECT name FROM deals LIMIT 1000)");
        }

        @Test
        void leavesLimitsOfSubqueriesAlone() {
            assertThat(allowed("SELECT * FROM deals WHERE account_id = (SELECT id FROM accounts LIMIT 1)").rewrittenSql())
                    .isEqualTo("SELECT * FROM deals WHERE account_id = (SELECT id FROM accounts LIMIT 1) LIMIT 100");
        }

        @ParameterizedTest
        @ValueSource(strings = {"SELECT name FROM deals LIMIT (SELECT 5)", "SELECT name FROM deals LIMIT -1",
                "SELECT name FROM deals LIMIT 10, 20", "SELECT name FROM deals FETCH FIRST 5 ROWS WITH TIES"})
        void refusesLimitsThatAreNotPlainNumbers(String sql) {
            refused(sql, INVALID_LIMIT);
        }

        @Test
        void usesThePolicyLimits() {
            SqlGuard small = new SqlGuard(new SqlPolicy(SqlPolicy.DEFAULT_TABLES, SqlPolicy.DEFAULT_FUNCTIONS, 10, 50));

            SqlVerdict verdict = small.check("SELECT name FROM deals LIMIT 70");

            assertThat(verdict).isInstanceOfSatisfying(SqlVerdict.Allowed.class,
                    ok -> assertThat(ok.rewrittenSql()).endsWith("LIMIT 50"));
        }
    }

    @Nested
    class TurnsSemanticEmbedIntoPlaceholders {

        @Test
        void replacesCallByPlaceholderAndKeepsTheText() {
            SqlVerdict.Allowed ok = allowed("SELECT id, title FROM activities "
                    + "ORDER BY embedding <=> semantic_embed('pricing objection') LIMIT 5");

            assertThat(ok.rewrittenSql()).isEqualTo("SELECT id, title FROM activities ORDER BY embedding <=> ? LIMIT 5");
            assertThat(ok.semanticEmbedTexts()).containsExactly("pricing objection");
        }

        @Test
        void collectsTextsInTheOrderOfTheirPlaceholders() {
            SqlVerdict.Allowed ok = allowed("WITH q AS (SELECT semantic_embed('first') AS v) "
                    + "SELECT 1 - (e.embedding <=> semantic_embed('second')) AS score FROM embeddings e, q "
                    + "WHERE (e.embedding <-> semantic_embed('third')) < 0.5 ORDER BY e.embedding <#> semantic_embed('fourth')");

            assertThat(ok.semanticEmbedTexts()).containsExactly("first", "second", "third", "fourth");
            assertThat(ok.rewrittenSql()).doesNotContain("semantic_embed").containsPattern(
                    "SELECT \\? AS v.*<=> \\?.*<-> \\?.*<#> \\?");
        }

        @Test
        void unescapesDoubledQuotesInTheText() {
            assertThat(allowed("SELECT semantic_embed('customer''s churn')").semanticEmbedTexts())
                    .containsExactly("customer's churn");
        }

        @Test
        void placeholderCountMatchesTexts() {
            SqlVerdict.Allowed ok = allowed("SELECT name FROM deals ORDER BY embedding <=> semantic_embed('a'), "
                    + "embedding <=> semantic_embed('a')");

            assertThat(ok.rewrittenSql().chars().filter(c -> c == '?')).hasSize(ok.semanticEmbedTexts().size());
        }

        @ParameterizedTest
        @ValueSource(strings = {"SELECT semantic_embed(name) FROM deals", "SELECT semantic_embed('')",
                "SELECT semantic_embed('a', 'b')", "SELECT semantic_embed(E'x')", "SELECT semantic_embed()",
                "SELECT * FROM semantic_embed('x')", "SELECT semantic_embed('a') OVER () FROM deals"})
        void refusesAnythingButOneStringLiteral(String sql) {
            refused(sql, BAD_SEMANTIC_EMBED);
        }

        @Test
        void needsParenthesesAroundADistanceInAComparison() {
            SqlVerdict.Refused refusal = refused("SELECT name FROM deals WHERE embedding <=> semantic_embed('x') < 0.2",
                    PARSE_ERROR);

            assertThat(refusal.hint()).contains("(embedding <=> semantic_embed('…')) < 0.5");
        }
    }

    @Nested
    class Policy {

        @Test
        void defaultsAllowTheAppTables() {
            assertThat(SqlPolicy.defaults().allowedTables()).contains("deals", "accounts", "embeddings")
                    .hasSize(27).noneMatch(t -> t.startsWith("pg_"));
        }

        @Test
        void acceptsPublicQualifiedTableNames() {
            SqlPolicy policy = new SqlPolicy(Set.of("public.Deals"), Set.of("count"), 10, 20);

            assertThat(policy.allowedTables()).containsExactly("deals");
        }

        @Test
        void rejectsTablesOfOtherSchemas() {
            assertThatThrownBy(() -> new SqlPolicy(Set.of("pg_catalog.pg_class"), Set.of(), 10, 20))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsDefaultLimitAboveMaximum() {
            assertThatThrownBy(() -> new SqlPolicy(Set.of(), Set.of(), 200, 100)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
