-- Roles and the functions every later migration relies on.
--
-- Two database roles serve the application:
--   * the owner: the user running these migrations. It owns every table and is used only by
--     migrations and the few cross-tenant system tasks (scheduler, event dispatch, Slack lookup).
--   * revtops_app: NOLOGIN, never owns anything. TenantTx does SET LOCAL ROLE revtops_app after
--     setting app.current_org_id / app.current_user_id, so every request, job and agent tool runs
--     under row-level security.

-- Roles are cluster-wide: several databases (tests, staging) may share one cluster, and two
-- migrations may race to create the role, hence the existence check and the duplicate_object catch.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'revtops_app') THEN
        BEGIN
            CREATE ROLE revtops_app NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            RAISE NOTICE 'role revtops_app was created concurrently';
        END;
    END IF;
END $$;

-- The owner must be able to SET ROLE revtops_app. A superuser already can; granting to oneself
-- twice is harmless but needs ADMIN OPTION, which an owner reusing a role created by another
-- owner may lack, so grant only when missing. PostgreSQL 16+ separates SET from membership.
DO $$
DECLARE
    needs_grant boolean;
BEGIN
    IF current_setting('server_version_num')::int >= 160000 THEN
        needs_grant := NOT pg_has_role(current_user, 'revtops_app', 'SET');
    ELSE
        needs_grant := NOT pg_has_role(current_user, 'revtops_app', 'MEMBER');
    END IF;
    IF needs_grant THEN
        BEGIN
            EXECUTE format('GRANT revtops_app TO %I', current_user);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'role % must be able to SET ROLE revtops_app', current_user
                USING DETAIL = SQLERRM,
                      HINT = format('As a superuser run: GRANT revtops_app TO %I', current_user);
        END;
    END IF;
END $$;

GRANT USAGE ON SCHEMA public TO revtops_app;

-- Databases created before PostgreSQL 15 let PUBLIC create objects in schema public; the app role
-- must never create objects (a function named like a catalog one, a table without RLS).
DO $$
BEGIN
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'could not revoke CREATE on schema public from PUBLIC (not its owner)';
END $$;

-- The tenant of the current transaction. Fails closed: an unset, empty or malformed setting gives
-- the nil UUID, which no organization can have (see organizations' check), so no rows match.
-- Plain SQL without SET clauses so the planner inlines it into policies and can use indexes.
CREATE OR REPLACE FUNCTION revtops_current_org_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN current_setting('app.current_org_id', true)
             ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        THEN current_setting('app.current_org_id', true)::uuid
        ELSE '00000000-0000-0000-0000-000000000000'::uuid
    END
$$;

-- The user of the current transaction, same fail-closed rules.
CREATE OR REPLACE FUNCTION revtops_current_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN current_setting('app.current_user_id', true)
             ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        THEN current_setting('app.current_user_id', true)::uuid
        ELSE '00000000-0000-0000-0000-000000000000'::uuid
    END
$$;

-- Puts a table under forced row-level security, so that nothing is forgotten:
--   * RLS enabled and FORCED (the owner is subject to it too);
--   * policy system_owner: the owner (current_user at migration time) sees and writes every row,
--     because the owner may not be a superuser on an external database and system tasks need it;
--   * policy tenant_isolation (unless isolation_policy is false, for tables whose rules are
--     written explicitly): revtops_app sees and writes only rows of the current organization;
--   * SELECT, INSERT, UPDATE, DELETE granted to revtops_app (narrowed afterwards where needed).
-- Policies TO revtops_app also apply to the owner, who is a member of it; they only widen what
-- the owner already sees, which is why no RESTRICTIVE policy is used anywhere.
CREATE OR REPLACE PROCEDURE revtops_protect_tenant_table(tbl regclass, isolation_policy boolean DEFAULT true)
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('CREATE POLICY system_owner ON %s TO %I USING (true) WITH CHECK (true)', tbl, current_user);
    IF isolation_policy THEN
        EXECUTE format('CREATE POLICY tenant_isolation ON %s TO revtops_app'
                       ' USING (organization_id = revtops_current_org_id())'
                       ' WITH CHECK (organization_id = revtops_current_org_id())', tbl);
    END IF;
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO revtops_app', tbl);
END $$;

REVOKE EXECUTE ON PROCEDURE revtops_protect_tenant_table(regclass, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION revtops_current_org_id() TO revtops_app;
GRANT EXECUTE ON FUNCTION revtops_current_user_id() TO revtops_app;
