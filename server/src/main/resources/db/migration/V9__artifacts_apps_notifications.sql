-- Artifacts and apps (SPEC §7) and in-app notifications.
--
-- Artifacts and apps are seen by the team when 'team' or 'public', by their owner always, and by
-- whoever sees their conversation (so removing a participant hides them at once). Only the owner
-- changes or deletes them. Public share links are served by the owner connection via share_token.

-- A document, PDF report or chart.
CREATE TABLE artifacts (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    conversation_id uuid,
    type            text NOT NULL CHECK (type IN ('text', 'markdown', 'pdf', 'chart')),
    title           text NOT NULL,
    content         text,
    content_json    jsonb,
    visibility      text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'team', 'public')),
    share_token     text UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id)
        ON DELETE SET NULL (conversation_id)
);
CREATE INDEX artifacts_user_idx ON artifacts (organization_id, user_id, created_at DESC);
CREATE INDEX artifacts_conversation_idx ON artifacts (organization_id, conversation_id);

CALL revtops_protect_tenant_table('artifacts', false);
CREATE POLICY tenant_select ON artifacts FOR SELECT TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND (visibility IN ('team', 'public')
                OR user_id = revtops_current_user_id()
                OR (conversation_id IS NOT NULL
                    AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = artifacts.conversation_id))));
CREATE POLICY tenant_insert ON artifacts FOR INSERT TO revtops_app
    WITH CHECK (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
CREATE POLICY tenant_update ON artifacts FOR UPDATE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id())
    WITH CHECK (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
CREATE POLICY tenant_delete ON artifacts FOR DELETE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());

-- An interactive mini-app: named SQL queries (kept server-side) and a React component.
CREATE TABLE apps (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    conversation_id uuid,
    title           text NOT NULL,
    description     text,
    queries         jsonb NOT NULL DEFAULT '{}',
    component       text,
    visibility      text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'team', 'public')),
    share_token     text UNIQUE,
    pinned          boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id)
        ON DELETE SET NULL (conversation_id)
);
CREATE INDEX apps_user_idx ON apps (organization_id, user_id, created_at DESC);
CREATE INDEX apps_conversation_idx ON apps (organization_id, conversation_id);
CREATE INDEX apps_pinned_idx ON apps (organization_id) WHERE pinned;

CALL revtops_protect_tenant_table('apps', false);
CREATE POLICY tenant_select ON apps FOR SELECT TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND (visibility IN ('team', 'public')
                OR user_id = revtops_current_user_id()
                OR (conversation_id IS NOT NULL
                    AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = apps.conversation_id))));
CREATE POLICY tenant_insert ON apps FOR INSERT TO revtops_app
    WITH CHECK (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
CREATE POLICY tenant_update ON apps FOR UPDATE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id())
    WITH CHECK (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
CREATE POLICY tenant_delete ON apps FOR DELETE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());

-- Something to tell one user (a pending change, a finished run, a sync failure).
CREATE TABLE notifications (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            text NOT NULL,
    payload         jsonb NOT NULL DEFAULT '{}',
    read_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (organization_id, user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (organization_id, user_id) WHERE read_at IS NULL;

CALL revtops_protect_tenant_table('notifications', false);
-- Only the recipient reads, marks or deletes them; anyone in the organization may notify anyone
-- in it (without RETURNING, since the new row is not theirs to read).
CREATE POLICY tenant_select ON notifications FOR SELECT TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
CREATE POLICY tenant_insert ON notifications FOR INSERT TO revtops_app
    WITH CHECK (organization_id = revtops_current_org_id());
CREATE POLICY tenant_update ON notifications FOR UPDATE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id())
    WITH CHECK (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
CREATE POLICY tenant_delete ON notifications FOR DELETE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
