-- Workflows and their runs (SPEC §6); approvals of external writes, the ledger and tool
-- settings (SPEC §1, §5).

-- Something Penny does on a schedule, on an event, or on demand.
CREATE TABLE workflows (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
    name               text NOT NULL,
    description        text,
    prompt             text,
    steps              jsonb,
    trigger_type       text NOT NULL DEFAULT 'manual' CHECK (trigger_type IN ('schedule', 'event', 'manual')),
    cron               text,
    timezone           text,
    event_type         text,
    event_filter       jsonb,
    auto_approve_tools text[] NOT NULL DEFAULT '{}',
    input_schema       jsonb,
    output_schema      jsonb,
    model              text,
    output_channels    jsonb,
    enabled            boolean NOT NULL DEFAULT true,
    disabled_reason    text,
    -- the run that created this workflow (agent swarms: at most 5 per run tree)
    parent_run_id      uuid,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    CONSTRAINT workflows_schedule_has_cron CHECK (trigger_type <> 'schedule' OR cron IS NOT NULL),
    CONSTRAINT workflows_event_has_type CHECK (trigger_type <> 'event' OR event_type IS NOT NULL)
);
CREATE INDEX workflows_org_idx ON workflows (organization_id, created_at DESC);
CREATE INDEX workflows_event_idx ON workflows (organization_id, event_type)
    WHERE trigger_type = 'event' AND enabled;
CREATE INDEX workflows_scheduled_idx ON workflows (trigger_type) WHERE trigger_type = 'schedule' AND enabled;

CALL revtops_protect_tenant_table('workflows');

-- One execution of a workflow.
CREATE TABLE workflow_runs (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    workflow_id      uuid NOT NULL,
    status           text NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'skipped')),
    trigger          text,
    -- the due time of a scheduled fire; unique per workflow so a fire happens once across nodes
    scheduled_for    timestamptz,
    input            jsonb,
    output           jsonb,
    error            text,
    conversation_id  uuid,
    parent_run_id    uuid,
    root_run_id      uuid,
    depth            int NOT NULL DEFAULT 0 CHECK (depth >= 0),
    started_at       timestamptz,
    finished_at      timestamptz,
    last_progress_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, workflow_id) REFERENCES workflows (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id)
        ON DELETE SET NULL (conversation_id),
    FOREIGN KEY (organization_id, parent_run_id) REFERENCES workflow_runs (organization_id, id)
        ON DELETE SET NULL (parent_run_id),
    FOREIGN KEY (organization_id, root_run_id) REFERENCES workflow_runs (organization_id, id)
        ON DELETE SET NULL (root_run_id)
);
CREATE UNIQUE INDEX workflow_runs_scheduled_key ON workflow_runs (workflow_id, scheduled_for)
    WHERE scheduled_for IS NOT NULL;
CREATE INDEX workflow_runs_workflow_idx ON workflow_runs (workflow_id, created_at DESC);
CREATE INDEX workflow_runs_org_idx ON workflow_runs (organization_id, created_at DESC);
CREATE INDEX workflow_runs_root_idx ON workflow_runs (organization_id, root_run_id);
CREATE INDEX workflow_runs_parent_idx ON workflow_runs (organization_id, parent_run_id);
-- stuck-run sweep (no progress for 30 minutes)
CREATE INDEX workflow_runs_running_idx ON workflow_runs (last_progress_at) WHERE status = 'running';

CALL revtops_protect_tenant_table('workflow_runs');

-- The links that had to wait for workflow_runs.
ALTER TABLE workflows ADD FOREIGN KEY (organization_id, parent_run_id)
    REFERENCES workflow_runs (organization_id, id) ON DELETE SET NULL (parent_run_id);
ALTER TABLE conversations ADD FOREIGN KEY (organization_id, workflow_run_id)
    REFERENCES workflow_runs (organization_id, id) ON DELETE SET NULL (workflow_run_id);
CREATE INDEX conversations_workflow_run_idx ON conversations (organization_id, workflow_run_id);

-- A note a workflow keeps for its later runs (keep_notes).
CREATE TABLE workflow_notes (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    workflow_id     uuid NOT NULL,
    content         text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, workflow_id) REFERENCES workflows (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX workflow_notes_workflow_idx ON workflow_notes (organization_id, workflow_id, created_at);

CALL revtops_protect_tenant_table('workflow_notes');

-- The pending changes of one conversation tree, committed or discarded together.
CREATE TABLE change_sessions (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    root_conversation_id uuid,
    user_id              uuid REFERENCES users (id) ON DELETE SET NULL,
    status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'committed', 'discarded')),
    created_at           timestamptz NOT NULL DEFAULT now(),
    resolved_at          timestamptz,
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, root_conversation_id) REFERENCES conversations (organization_id, id)
        ON DELETE SET NULL (root_conversation_id)
);
-- at most one open session per conversation tree
CREATE UNIQUE INDEX change_sessions_open_key ON change_sessions (organization_id, root_conversation_id)
    WHERE status = 'open';
CREATE INDEX change_sessions_org_idx ON change_sessions (organization_id, status, created_at DESC);

CALL revtops_protect_tenant_table('change_sessions');

-- An external write waiting for (or past) a human decision. Executes at most once: its
-- idempotency_key is unique.
CREATE TABLE pending_operations (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    change_session_id    uuid,
    conversation_id      uuid,
    requested_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
    tool                 text NOT NULL,
    connector            text,
    operation            text NOT NULL,
    params               jsonb NOT NULL DEFAULT '{}',
    preview              text,
    diff                 jsonb,
    warnings             jsonb NOT NULL DEFAULT '[]',
    status               text NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'approved', 'executing', 'completed', 'failed', 'rejected', 'expired')),
    idempotency_key      text NOT NULL UNIQUE,
    result               jsonb,
    error                text,
    expires_at           timestamptz NOT NULL DEFAULT now() + interval '24 hours',
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    resolved_at          timestamptz,
    resolved_by_user_id  uuid REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, change_session_id) REFERENCES change_sessions (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id)
        ON DELETE SET NULL (conversation_id)
);
CREATE INDEX pending_operations_status_idx ON pending_operations (organization_id, status);
CREATE INDEX pending_operations_session_idx ON pending_operations (organization_id, change_session_id, created_at);
-- expiry sweep
CREATE INDEX pending_operations_expiry_idx ON pending_operations (expires_at) WHERE status = 'pending';

CALL revtops_protect_tenant_table('pending_operations');

-- A local row as it was before a change session touched it; discarding restores it.
-- snapshot is NULL when the row did not exist (discard deletes it).
CREATE TABLE record_snapshots (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    change_session_id uuid NOT NULL,
    table_name        text NOT NULL,
    record_id         uuid NOT NULL,
    snapshot          jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    -- the first snapshot of a row in a session is the one to restore
    UNIQUE (change_session_id, table_name, record_id),
    FOREIGN KEY (organization_id, change_session_id) REFERENCES change_sessions (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX record_snapshots_session_idx ON record_snapshots (organization_id, change_session_id);

CALL revtops_protect_tenant_table('record_snapshots');

-- Every mutating REST call and every agent write/action: who, what, intent before, outcome after.
-- Append-only for the application: it may fill in the outcome, never delete.
CREATE TABLE action_ledger (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id              uuid REFERENCES users (id) ON DELETE SET NULL,
    actor                text NOT NULL CHECK (actor IN ('user', 'agent', 'workflow', 'system')),
    action               text NOT NULL,
    target               text,
    intent               jsonb,
    outcome              jsonb,
    status               text,
    conversation_id      uuid,
    workflow_run_id      uuid,
    pending_operation_id uuid,
    created_at           timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id)
        ON DELETE SET NULL (conversation_id),
    FOREIGN KEY (organization_id, workflow_run_id) REFERENCES workflow_runs (organization_id, id)
        ON DELETE SET NULL (workflow_run_id),
    FOREIGN KEY (organization_id, pending_operation_id) REFERENCES pending_operations (organization_id, id)
        ON DELETE SET NULL (pending_operation_id)
);
CREATE INDEX action_ledger_org_idx ON action_ledger (organization_id, created_at DESC);
CREATE INDEX action_ledger_conversation_idx ON action_ledger (organization_id, conversation_id);
CREATE INDEX action_ledger_run_idx ON action_ledger (organization_id, workflow_run_id);
CREATE INDEX action_ledger_operation_idx ON action_ledger (organization_id, pending_operation_id);

CALL revtops_protect_tenant_table('action_ledger');
REVOKE UPDATE, DELETE, TRUNCATE ON action_ledger FROM revtops_app;
GRANT UPDATE (outcome, status) ON action_ledger TO revtops_app;

-- A user's opt-in auto-approval of one tool. Only the user changes their own settings, so an
-- agent acting for someone else can never pre-approve on their behalf.
CREATE TABLE user_tool_settings (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tool            text NOT NULL,
    auto_approve    boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, user_id, tool)
);

CALL revtops_protect_tenant_table('user_tool_settings', false);
CREATE POLICY tenant_select ON user_tool_settings FOR SELECT TO revtops_app
    USING (organization_id = revtops_current_org_id());
CREATE POLICY tenant_insert ON user_tool_settings FOR INSERT TO revtops_app
    WITH CHECK (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
CREATE POLICY tenant_update ON user_tool_settings FOR UPDATE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id())
    WITH CHECK (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
CREATE POLICY tenant_delete ON user_tool_settings FOR DELETE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());

-- An organization-wide denial of a tool (an admin's decision; deny always wins).
CREATE TABLE org_tool_policies (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    tool            text NOT NULL,
    denied          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, tool)
);

CALL revtops_protect_tenant_table('org_tool_policies');
