-- The Slack direct message that asks a requester to approve or reject one pending operation
-- (Approve / Reject buttons). A button click names the operation; this row says which workspace
-- (team) and which message it must come from, and which message to update with the outcome.
CREATE TABLE slack_approval_messages (
    operation_id    uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid NOT NULL,
    team_id         text NOT NULL,
    slack_user_id   text NOT NULL,
    channel_id      text NOT NULL,
    message_ts      text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (organization_id, operation_id) REFERENCES pending_operations (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX slack_approval_messages_org_idx ON slack_approval_messages (organization_id);

CALL revtops_protect_tenant_table('slack_approval_messages');
