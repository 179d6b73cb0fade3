-- Final grants, the agent-SQL hardening of revtops_app, and guards that fail the migration when a
-- table escaped row-level security.
--
-- Table grants are made by revtops_protect_tenant_table() next to each table (action_ledger is
-- narrowed in V8); function grants next to each function.

GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO revtops_app;

-- Defence in depth for the SQL the agent writes (SPEC §10): besides the statement validator, the
-- read-only transaction and statement_timeout, revtops_app cannot call functions that sleep, read
-- server files, signal backends, reload configuration, hold session-level advisory locks past its
-- transaction on a pooled connection, or change settings: set_config could rewrite
-- app.current_org_id. The owner keeps them (TenantTx calls set_config as the owner before
-- SET LOCAL ROLE revtops_app; Flyway takes advisory locks).
-- All overloads of each name are covered, whatever the server version. A non-superuser owner
-- cannot revoke what PUBLIC got from the bootstrap superuser; that is reported as a NOTICE, not a
-- failure: on such databases the other guards remain.
DO $$
DECLARE
    fn           regprocedure;
    fn_owner     oid;
    can_manage   boolean;
    still_usable text[] := '{}';
BEGIN
    FOR fn, fn_owner IN
        SELECT p.oid::regprocedure, p.proowner
        FROM pg_proc p
        WHERE p.pronamespace = 'pg_catalog'::regnamespace
          AND p.proname IN ('pg_sleep', 'pg_sleep_for', 'pg_sleep_until',
                            'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file',
                            'lo_import', 'lo_export',
                            'pg_terminate_backend', 'pg_cancel_backend', 'pg_reload_conf',
                            'set_config',
                            'pg_advisory_lock', 'pg_advisory_lock_shared',
                            'pg_try_advisory_lock', 'pg_try_advisory_lock_shared')
        ORDER BY p.oid::regprocedure::text
    LOOP
        CONTINUE WHEN NOT has_function_privilege('revtops_app', fn, 'EXECUTE');
        can_manage := (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                      OR pg_has_role(current_user, fn_owner, 'USAGE');
        IF can_manage THEN
            BEGIN
                EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
                EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', fn, current_user);
            EXCEPTION WHEN insufficient_privilege THEN
                RAISE NOTICE 'could not revoke EXECUTE on % (%)', fn, SQLERRM;
            END;
        END IF;
        IF has_function_privilege('revtops_app', fn, 'EXECUTE') THEN
            still_usable := still_usable || fn::text;
        END IF;
    END LOOP;
    IF cardinality(still_usable) > 0 THEN
        RAISE NOTICE 'revtops_app can still execute % (only a superuser can revoke them); the SQL validator, '
                     'read-only transactions and statement_timeout remain the guards',
                     array_to_string(still_usable, ', ');
    END IF;
END $$;

-- The only tables outside row-level security are global bookkeeping used by the owner alone.
DO $$
DECLARE
    global_table text;
BEGIN
    FOREACH global_table IN ARRAY ARRAY['flyway_schema_history', 'scheduled_tasks'] LOOP
        IF to_regclass(format('public.%I', global_table)) IS NOT NULL THEN
            EXECUTE format('REVOKE ALL ON public.%I FROM PUBLIC, revtops_app', global_table);
        END IF;
    END LOOP;
END $$;

-- Guards. Every other table of schema public must have RLS enabled and forced, the owner policy,
-- a policy for revtops_app and the app's grants; the global tables must be out of revtops_app's
-- reach. Later migrations call revtops_protect_tenant_table() for each new table; the test suite
-- repeats these checks against the final schema.
DO $$
DECLARE
    offenders text;
BEGIN
    SELECT string_agg(c.relname, ', ' ORDER BY c.relname) INTO offenders
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace
      AND c.relkind IN ('r', 'p')
      AND c.relname NOT IN ('flyway_schema_history', 'scheduled_tasks')
      AND NOT (c.relrowsecurity
               AND c.relforcerowsecurity
               AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'system_owner')
               AND EXISTS (SELECT 1 FROM pg_policy p
                           WHERE p.polrelid = c.oid AND 'revtops_app'::regrole = ANY (p.polroles))
               AND has_table_privilege('revtops_app', c.oid, 'SELECT'));
    IF offenders IS NOT NULL THEN
        RAISE EXCEPTION 'tables without forced row-level security, policies or grants: %', offenders;
    END IF;

    SELECT string_agg(c.relname, ', ' ORDER BY c.relname) INTO offenders
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace
      AND c.relname IN ('flyway_schema_history', 'scheduled_tasks')
      AND has_table_privilege('revtops_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER');
    IF offenders IS NOT NULL THEN
        RAISE EXCEPTION 'revtops_app must not reach the global tables: %', offenders;
    END IF;
END $$;
