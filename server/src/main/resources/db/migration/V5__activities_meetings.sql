-- Meetings and activities (SPEC §2). Both can come from a personal mailbox or calendar, hence
-- visibility: 'owner_only' rows are seen by their owner alone (unless the integration shares
-- synced data with the team, in which case the sync writes them as 'team').

-- pg_trgm gives fuzzy subject search; it is optional (trusted since PostgreSQL 13, but an
-- external database may not ship it), so its absence must not fail the migration.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm unavailable (%), subject trigram index skipped', SQLERRM;
END $$;

-- One canonical meeting, merged from calendars and transcript tools.
CREATE TABLE meetings (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid,
    source_system   text NOT NULL,
    source_id       text NOT NULL,
    title           text,
    start_time      timestamptz,
    end_time        timestamptz,
    organizer_email text,
    participants    jsonb NOT NULL DEFAULT '[]',
    summary         text,
    action_items    jsonb NOT NULL DEFAULT '[]',
    topics          text[] NOT NULL DEFAULT '{}',
    transcript      text,
    -- every calendar event and transcript merged into this meeting:
    -- [{"source_system": …, "source_id": …, "integration_id": …}, …]
    source_refs     jsonb NOT NULL DEFAULT '[]',
    visibility      text NOT NULL DEFAULT 'team' CHECK (visibility IN ('team', 'owner_only')),
    owner_user_id   uuid REFERENCES users (id) ON DELETE SET NULL,
    custom_fields   jsonb NOT NULL DEFAULT '{}',
    content_hash    text,
    synced_at       timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id)
);
CREATE INDEX meetings_start_idx ON meetings (organization_id, start_time);
CREATE INDEX meetings_participants_idx ON meetings USING gin (participants jsonb_path_ops);
CREATE INDEX meetings_source_refs_idx ON meetings USING gin (source_refs jsonb_path_ops);

CALL revtops_protect_tenant_table('meetings', false);
CREATE POLICY tenant_visibility ON meetings TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND (visibility = 'team' OR owner_user_id = revtops_current_user_id()))
    WITH CHECK (organization_id = revtops_current_org_id()
                AND (visibility = 'team' OR owner_user_id = revtops_current_user_id()));

-- An email, call, note, Slack message, meeting record, task or transcript.
CREATE TABLE activities (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id    uuid,
    source_system     text NOT NULL,
    source_id         text NOT NULL,
    type              text NOT NULL
                      CHECK (type IN ('email', 'call', 'note', 'slack_message', 'meeting', 'task', 'transcript')),
    subject           text,
    description       text,
    activity_date     timestamptz,
    deal_id           uuid,
    deal_source_id    text,
    account_id        uuid,
    account_source_id text,
    contact_id        uuid,
    contact_source_id text,
    meeting_id        uuid,
    owner_user_id     uuid REFERENCES users (id) ON DELETE SET NULL,
    owner_source_id   text,
    visibility        text NOT NULL DEFAULT 'team' CHECK (visibility IN ('team', 'owner_only')),
    from_email        text,
    to_emails         text[] NOT NULL DEFAULT '{}',
    thread_id         text,
    direction         text,
    searchable_text   text,
    -- searchable_text is the cleaned full text when the sync builds one; description otherwise
    search_vector     tsvector GENERATED ALWAYS AS (
                          setweight(to_tsvector('english'::regconfig, coalesce(subject, '')), 'A')
                          || setweight(to_tsvector('english'::regconfig, coalesce(searchable_text, description, '')), 'B')
                      ) STORED,
    custom_fields     jsonb NOT NULL DEFAULT '{}',
    content_hash      text,
    synced_at         timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id),
    FOREIGN KEY (organization_id, deal_id) REFERENCES deals (organization_id, id)
        ON DELETE SET NULL (deal_id),
    FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id)
        ON DELETE SET NULL (account_id),
    FOREIGN KEY (organization_id, contact_id) REFERENCES contacts (organization_id, id)
        ON DELETE SET NULL (contact_id),
    FOREIGN KEY (organization_id, meeting_id) REFERENCES meetings (organization_id, id)
        ON DELETE SET NULL (meeting_id)
);
CREATE INDEX activities_date_idx ON activities (organization_id, activity_date DESC);
CREATE INDEX activities_account_idx ON activities (organization_id, account_id);
CREATE INDEX activities_contact_idx ON activities (organization_id, contact_id);
CREATE INDEX activities_deal_idx ON activities (organization_id, deal_id);
CREATE INDEX activities_meeting_idx ON activities (organization_id, meeting_id);
CREATE INDEX activities_thread_idx ON activities (organization_id, thread_id);
CREATE INDEX activities_search_idx ON activities USING gin (search_vector);

DO $$
DECLARE
    trgm_schema text;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        -- qualified: the extension may live outside public (e.g. Supabase's "extensions" schema)
        EXECUTE format('CREATE INDEX activities_subject_trgm_idx ON activities USING gin (subject %I.gin_trgm_ops)',
                       trgm_schema);
    END IF;
END $$;

CALL revtops_protect_tenant_table('activities', false);
CREATE POLICY tenant_visibility ON activities TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND (visibility = 'team' OR owner_user_id = revtops_current_user_id()))
    WITH CHECK (organization_id = revtops_current_org_id()
                AND (visibility = 'team' OR owner_user_id = revtops_current_user_id()));
