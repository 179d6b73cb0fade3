-- Approvals bookkeeping (SPEC §5) on top of V8's change_sessions and pending_operations:
--   * the per-session change number ("queued for approval as change N");
--   * the tool key an operation was judged under (auto-approval and deny rules, docs/approvals.md);
--   * where it came from (workflow run, integration, the local record it targets);
--   * execution state: attempts, since when it is executing (a stale 'executing' operation is
--     re-sent with the same idempotency key by the reconciler), the ledger line it completes.

ALTER TABLE change_sessions ADD COLUMN next_seq int NOT NULL DEFAULT 0;

ALTER TABLE pending_operations
    ADD COLUMN seq              int,
    ADD COLUMN tool_key         text,
    ADD COLUMN actor            text NOT NULL DEFAULT 'agent' CHECK (actor IN ('agent', 'workflow', 'user')),
    ADD COLUMN workflow_run_id  uuid,
    ADD COLUMN integration_id   uuid,
    -- the local row an update targets (its diff was computed against it), or the table a create fills
    ADD COLUMN target_table     text,
    ADD COLUMN target_record_id uuid,
    ADD COLUMN auto_approved    boolean NOT NULL DEFAULT false,
    ADD COLUMN approved_at      timestamptz,
    ADD COLUMN attempts         int NOT NULL DEFAULT 0,
    ADD COLUMN executing_since  timestamptz,
    ADD COLUMN ledger_entry_id  uuid,
    ADD FOREIGN KEY (organization_id, workflow_run_id) REFERENCES workflow_runs (organization_id, id)
        ON DELETE SET NULL (workflow_run_id),
    ADD FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id);

-- change numbers are unique within a session
CREATE UNIQUE INDEX pending_operations_seq_key ON pending_operations (change_session_id, seq)
    WHERE change_session_id IS NOT NULL;
-- the reconciler's scan for executions interrupted by a crash
CREATE INDEX pending_operations_executing_idx ON pending_operations (executing_since) WHERE status = 'executing';
CREATE INDEX pending_operations_conversation_idx ON pending_operations (organization_id, conversation_id, created_at);

-- run_sql_write inserts rows of workflows and artifacts without naming the organization or the creator: the
-- database fills them from the transaction's tenant (row-level security checks them anyway).
ALTER TABLE workflows ALTER COLUMN organization_id SET DEFAULT revtops_current_org_id();
ALTER TABLE workflows ALTER COLUMN created_by_user_id
    SET DEFAULT nullif(revtops_current_user_id(), '00000000-0000-0000-0000-000000000000'::uuid);
ALTER TABLE artifacts ALTER COLUMN organization_id SET DEFAULT revtops_current_org_id();
ALTER TABLE artifacts ALTER COLUMN user_id
    SET DEFAULT nullif(revtops_current_user_id(), '00000000-0000-0000-0000-000000000000'::uuid);
