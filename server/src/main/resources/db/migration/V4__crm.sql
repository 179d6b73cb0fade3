-- CRM records (SPEC §2). Every synced table shares the same bookkeeping columns:
--   source_system, source_id  the vendor and its id; unique per organization, so a re-sync
--                             updates instead of duplicating;
--   custom_fields             vendor extras;
--   content_hash              unchanged records are neither rewritten nor re-embedded;
--   synced_at, integration_id the last sync that wrote the row (kept if the integration goes).
-- Links between synced rows are nullable composite foreign keys ON DELETE SET NULL, next to the
-- vendor id of the target (x_source_id) so a sync can link after the fact, whatever the order in
-- which records arrive.

-- A company.
CREATE TABLE accounts (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid,
    source_system   text NOT NULL,
    source_id       text NOT NULL,
    name            text NOT NULL,
    domain          text,
    industry        text,
    employee_count  int,
    annual_revenue  numeric,
    owner_user_id   uuid REFERENCES users (id) ON DELETE SET NULL,
    owner_source_id text,
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
CREATE INDEX accounts_domain_idx ON accounts (organization_id, lower(domain));
CREATE INDEX accounts_name_idx ON accounts (organization_id, lower(name));

CALL revtops_protect_tenant_table('accounts');

-- A person outside the company.
CREATE TABLE contacts (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id    uuid,
    source_system     text NOT NULL,
    source_id         text NOT NULL,
    first_name        text,
    last_name         text,
    name              text,
    email             text,
    title             text,
    phone             text,
    account_id        uuid,
    account_source_id text,
    custom_fields     jsonb NOT NULL DEFAULT '{}',
    content_hash      text,
    synced_at         timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id),
    FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id)
        ON DELETE SET NULL (account_id)
);
CREATE INDEX contacts_email_idx ON contacts (organization_id, lower(email));
CREATE INDEX contacts_account_idx ON contacts (organization_id, account_id);

CALL revtops_protect_tenant_table('contacts');

-- A sales pipeline.
CREATE TABLE pipelines (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid,
    source_system   text NOT NULL,
    source_id       text NOT NULL,
    name            text NOT NULL,
    display_order   int NOT NULL DEFAULT 0,
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

CALL revtops_protect_tenant_table('pipelines');

-- A stage of a pipeline, with its closed-won/lost flags.
CREATE TABLE pipeline_stages (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id     uuid,
    source_system      text NOT NULL,
    source_id          text NOT NULL,
    pipeline_id        uuid,
    pipeline_source_id text,
    name               text NOT NULL,
    display_order      int NOT NULL DEFAULT 0,
    probability        numeric,
    is_closed_won      boolean NOT NULL DEFAULT false,
    is_closed_lost     boolean NOT NULL DEFAULT false,
    custom_fields      jsonb NOT NULL DEFAULT '{}',
    content_hash       text,
    synced_at          timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id),
    FOREIGN KEY (organization_id, pipeline_id) REFERENCES pipelines (organization_id, id)
        ON DELETE SET NULL (pipeline_id)
);
CREATE INDEX pipeline_stages_pipeline_idx ON pipeline_stages (organization_id, pipeline_id);

CALL revtops_protect_tenant_table('pipeline_stages');

-- An opportunity.
CREATE TABLE deals (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id     uuid,
    source_system      text NOT NULL,
    source_id          text NOT NULL,
    name               text NOT NULL,
    amount             numeric,
    stage_id           uuid,
    stage_source_id    text,
    stage_name         text,
    probability        numeric,
    close_date         date,
    owner_user_id      uuid REFERENCES users (id) ON DELETE SET NULL,
    owner_source_id    text,
    account_id         uuid,
    account_source_id  text,
    pipeline_id        uuid,
    pipeline_source_id text,
    is_closed          boolean NOT NULL DEFAULT false,
    is_won             boolean NOT NULL DEFAULT false,
    custom_fields      jsonb NOT NULL DEFAULT '{}',
    content_hash       text,
    synced_at          timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id),
    FOREIGN KEY (organization_id, stage_id) REFERENCES pipeline_stages (organization_id, id)
        ON DELETE SET NULL (stage_id),
    FOREIGN KEY (organization_id, account_id) REFERENCES accounts (organization_id, id)
        ON DELETE SET NULL (account_id),
    FOREIGN KEY (organization_id, pipeline_id) REFERENCES pipelines (organization_id, id)
        ON DELETE SET NULL (pipeline_id)
);
CREATE INDEX deals_account_idx ON deals (organization_id, account_id);
CREATE INDEX deals_close_date_idx ON deals (organization_id, close_date);
CREATE INDEX deals_stage_idx ON deals (organization_id, stage_id);
CREATE INDEX deals_pipeline_idx ON deals (organization_id, pipeline_id);
CREATE INDEX deals_owner_idx ON deals (organization_id, owner_user_id);
CREATE INDEX deals_name_idx ON deals (organization_id, lower(name));

CALL revtops_protect_tenant_table('deals');

-- A quota or target from the CRM.
CREATE TABLE goals (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid,
    source_system   text NOT NULL,
    source_id       text NOT NULL,
    name            text NOT NULL,
    owner_user_id   uuid REFERENCES users (id) ON DELETE SET NULL,
    owner_source_id text,
    target_amount   numeric,
    period_start    date,
    period_end      date,
    metric          text,
    custom_fields   jsonb NOT NULL DEFAULT '{}',
    content_hash    text,
    synced_at       timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id)
);
CREATE INDEX goals_period_idx ON goals (organization_id, period_start);

CALL revtops_protect_tenant_table('goals');
