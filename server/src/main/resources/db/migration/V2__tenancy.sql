-- Organizations, users and who belongs where (SPEC §1).

-- A team. Its id is the tenant key of every other table.
CREATE TABLE organizations (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name               text NOT NULL,
    handle             text NOT NULL,
    email_domain       text,
    is_personal        boolean NOT NULL DEFAULT false,
    settings           jsonb NOT NULL DEFAULT '{}',
    guest_user_enabled boolean NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    -- the nil UUID means "no organization" in revtops_current_org_id(); it must never match a row
    CONSTRAINT organizations_id_not_nil CHECK (id <> '00000000-0000-0000-0000-000000000000')
);
CREATE UNIQUE INDEX organizations_handle_key ON organizations (lower(handle));
-- first sign-in of a new work domain creates the organization, later ones join it by domain
CREATE UNIQUE INDEX organizations_email_domain_key ON organizations (lower(email_domain))
    WHERE email_domain IS NOT NULL AND NOT is_personal;

CALL revtops_protect_tenant_table('organizations', false);
-- Only the current organization. Creating one at sign-in is done with its new id as the current
-- organization (or by the owner connection).
CREATE POLICY tenant_isolation ON organizations TO revtops_app
    USING (id = revtops_current_org_id())
    WITH CHECK (id = revtops_current_org_id());

-- A person who can sign in. Global: one row per human across organizations.
CREATE TABLE users (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email        text NOT NULL,
    name         text,
    auth_subject text UNIQUE,
    avatar_url   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_id_not_nil CHECK (id <> '00000000-0000-0000-0000-000000000000')
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Membership of a user in an organization.
CREATE TABLE org_members (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role               text NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
    status             text NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'deactivated')),
    title              text,
    reports_to_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
    joined_at          timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, user_id),
    -- a manager must be a member of the same organization
    FOREIGN KEY (organization_id, reports_to_user_id) REFERENCES org_members (organization_id, user_id)
        ON DELETE SET NULL (reports_to_user_id)
);
CREATE INDEX org_members_user_idx ON org_members (user_id);

-- org_members must never reference users in its policy: users' policy reads org_members.
CALL revtops_protect_tenant_table('org_members');

CALL revtops_protect_tenant_table('users', false);
-- Oneself, and the members of the current organization.
CREATE POLICY tenant_select ON users FOR SELECT TO revtops_app
    USING (id = revtops_current_user_id()
           OR EXISTS (SELECT 1 FROM org_members m
                      WHERE m.user_id = users.id AND m.organization_id = revtops_current_org_id()));
-- Registering oneself, or an invitee who has not signed in yet (no auth_subject, so the row cannot
-- capture anyone's sign-in). Without RETURNING: the invitee is visible once its org_members row exists.
CREATE POLICY tenant_insert ON users FOR INSERT TO revtops_app
    WITH CHECK (id = revtops_current_user_id() OR auth_subject IS NULL);
-- Only one's own profile. Deleting users is a system task.
CREATE POLICY tenant_update ON users FOR UPDATE TO revtops_app
    USING (id = revtops_current_user_id())
    WITH CHECK (id = revtops_current_user_id());

-- A person of an external system (Slack user, CRM owner, mailbox) and the member it is.
CREATE TABLE identity_mappings (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    source_system   text NOT NULL,
    external_id     text NOT NULL,
    external_email  text,
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, external_id)
);
CREATE INDEX identity_mappings_email_idx ON identity_mappings (organization_id, lower(external_email));
CREATE INDEX identity_mappings_user_idx ON identity_mappings (organization_id, user_id);

CALL revtops_protect_tenant_table('identity_mappings');
