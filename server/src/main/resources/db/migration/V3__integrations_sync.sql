-- Connected systems and the bookkeeping of their syncs (SPEC §3).
-- Created before the synced tables, whose integration_id references integrations.
--
-- Tenant-to-tenant references use composite foreign keys (organization_id, x_id) to a
-- UNIQUE (organization_id, id): foreign key checks bypass row-level security, so this is what
-- stops a row from pointing at another organization's row. ON DELETE SET NULL (column) keeps
-- organization_id intact (PostgreSQL 15+).

-- One connection of an organization (or of one of its users) to a provider.
CREATE TABLE integrations (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    provider            text NOT NULL,
    scope               text NOT NULL DEFAULT 'organization' CHECK (scope IN ('organization', 'user')),
    user_id             uuid REFERENCES users (id) ON DELETE CASCADE,
    status              text NOT NULL DEFAULT 'active'
                        CHECK (status IN ('active', 'needs_reconnect', 'disconnected', 'error')),
    nango_connection_id text,
    config              jsonb NOT NULL DEFAULT '{}',
    share_synced_data   boolean NOT NULL DEFAULT false,
    share_query_access  boolean NOT NULL DEFAULT false,
    share_write_access  boolean NOT NULL DEFAULT false,
    last_sync_at        timestamptz,
    last_error          text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    CONSTRAINT integrations_user_scope_has_user CHECK (scope <> 'user' OR user_id IS NOT NULL)
);
CREATE INDEX integrations_provider_idx ON integrations (organization_id, provider);
-- One live connection per provider: per organization for organization-scoped connectors, per user
-- for user-scoped ones. "Live" is anything not disconnected, so a connection needing
-- reconnection is repaired in place rather than duplicated.
CREATE UNIQUE INDEX integrations_one_per_org ON integrations (organization_id, provider)
    WHERE scope = 'organization' AND status <> 'disconnected';
CREATE UNIQUE INDEX integrations_one_per_user ON integrations (organization_id, provider, user_id)
    WHERE scope = 'user' AND status <> 'disconnected';

CALL revtops_protect_tenant_table('integrations');

-- Tokens/API keys of an integration for self-hosters without Nango, encrypted by the application.
CREATE TABLE integration_credentials (
    integration_id  uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    ciphertext      bytea NOT NULL,
    key_version     int NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX integration_credentials_org_idx ON integration_credentials (organization_id);

CALL revtops_protect_tenant_table('integration_credentials');

-- Resume point of one stream (entity type) of an integration, saved with the batch it follows.
CREATE TABLE sync_state (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid NOT NULL,
    stream          text NOT NULL,
    checkpoint      jsonb,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (integration_id, stream),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX sync_state_org_idx ON sync_state (organization_id, integration_id);

CALL revtops_protect_tenant_table('sync_state');

-- One execution of a sync: when, how many records per entity, how it ended.
CREATE TABLE sync_runs (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid NOT NULL,
    status          text NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    counts          jsonb NOT NULL DEFAULT '{}',
    error           text,
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX sync_runs_integration_idx ON sync_runs (organization_id, integration_id, started_at DESC);

CALL revtops_protect_tenant_table('sync_runs');
