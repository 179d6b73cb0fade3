-- Conversations with Penny, their messages, running agent tasks and memories (SPEC §1, §4, §8).
--
-- Visibility chain, each step evaluated under the viewer's RLS:
--   conversation_participants   organization only (must not read conversations: recursion)
--   conversations               shared, owned, or participated in
--   chat_messages, agent_tasks, agent_task_chunks
--                               their conversation is visible
-- so deleting a participant row revokes access to the messages at once.

-- A thread of messages. workflow_run_id gets its foreign key in V8, once workflow_runs exists.
CREATE TABLE conversations (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id        uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id                uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title                  text,
    scope                  text NOT NULL DEFAULT 'private' CHECK (scope IN ('private', 'shared')),
    source                 text NOT NULL DEFAULT 'web'
                           CHECK (source IN ('web', 'slack_dm', 'slack_mention', 'slack_thread', 'workflow', 'cli')),
    slack_channel_id       text,
    slack_thread_ts        text,
    workflow_run_id        uuid,
    parent_conversation_id uuid,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    last_message_at        timestamptz,
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, parent_conversation_id) REFERENCES conversations (organization_id, id)
        ON DELETE SET NULL (parent_conversation_id)
);
CREATE INDEX conversations_user_idx ON conversations (organization_id, user_id, last_message_at DESC);
CREATE INDEX conversations_recent_idx ON conversations (organization_id, last_message_at DESC);
CREATE INDEX conversations_parent_idx ON conversations (organization_id, parent_conversation_id);
-- Slack conversations are keyed by channel (DMs) or channel + thread.
CREATE UNIQUE INDEX conversations_slack_key ON conversations
    (organization_id, slack_channel_id, coalesce(slack_thread_ts, ''))
    WHERE source IN ('slack_dm', 'slack_mention', 'slack_thread') AND slack_channel_id IS NOT NULL;

-- A member added to a private conversation.
CREATE TABLE conversation_participants (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    conversation_id uuid NOT NULL,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, user_id),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_participants_user_idx ON conversation_participants (organization_id, user_id);

CALL revtops_protect_tenant_table('conversations', false);
CREATE POLICY tenant_select ON conversations FOR SELECT TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND (scope = 'shared'
                OR user_id = revtops_current_user_id()
                OR EXISTS (SELECT 1 FROM conversation_participants p
                           WHERE p.conversation_id = conversations.id
                             AND p.user_id = revtops_current_user_id())));
-- One starts conversations for oneself.
CREATE POLICY tenant_insert ON conversations FOR INSERT TO revtops_app
    WITH CHECK (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
-- Anyone who sees it may update it (last_message_at moves with every participant's message), but
-- the row must stay visible to them: nobody can take over a shared conversation.
CREATE POLICY tenant_update ON conversations FOR UPDATE TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND (scope = 'shared'
                OR user_id = revtops_current_user_id()
                OR EXISTS (SELECT 1 FROM conversation_participants p
                           WHERE p.conversation_id = conversations.id
                             AND p.user_id = revtops_current_user_id())))
    WITH CHECK (organization_id = revtops_current_org_id()
                AND (scope = 'shared'
                     OR user_id = revtops_current_user_id()
                     OR EXISTS (SELECT 1 FROM conversation_participants p
                                WHERE p.conversation_id = conversations.id
                                  AND p.user_id = revtops_current_user_id())));
CREATE POLICY tenant_delete ON conversations FOR DELETE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());

-- Whether the current user may see a conversation: the rule of conversations' SELECT policy,
-- callable from conversation_participants' write policies. It is SECURITY DEFINER because a
-- policy on conversation_participants may not read conversations directly (conversations' policy
-- reads conversation_participants: the rewriter reports infinite recursion); running as the owner
-- it sees all rows, so the organization and user checks are spelled out here.
CREATE OR REPLACE FUNCTION revtops_can_access_conversation(conv uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public
AS $$
    SELECT EXISTS (
        SELECT 1 FROM public.conversations c
        WHERE c.id = conv
          AND c.organization_id = public.revtops_current_org_id()
          AND (c.scope = 'shared'
               OR c.user_id = public.revtops_current_user_id()
               OR EXISTS (SELECT 1 FROM public.conversation_participants p
                          WHERE p.conversation_id = c.id
                            AND p.user_id = public.revtops_current_user_id())))
$$;
REVOKE EXECUTE ON FUNCTION revtops_can_access_conversation(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION revtops_can_access_conversation(uuid) TO revtops_app;

CALL revtops_protect_tenant_table('conversation_participants', false);
-- Reading: the organization only (conversations' policy depends on it).
CREATE POLICY tenant_select ON conversation_participants FOR SELECT TO revtops_app
    USING (organization_id = revtops_current_org_id());
-- Writing: only someone who already sees the conversation adds or removes participants, so a
-- member cannot add themselves to somebody else's private conversation.
CREATE POLICY tenant_insert ON conversation_participants FOR INSERT TO revtops_app
    WITH CHECK (organization_id = revtops_current_org_id()
                AND revtops_can_access_conversation(conversation_id));
CREATE POLICY tenant_update ON conversation_participants FOR UPDATE TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND revtops_can_access_conversation(conversation_id))
    WITH CHECK (organization_id = revtops_current_org_id()
                AND revtops_can_access_conversation(conversation_id));
CREATE POLICY tenant_delete ON conversation_participants FOR DELETE TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND revtops_can_access_conversation(conversation_id));

-- One message: an ordered array of content blocks (text, tool_use with input/result/status,
-- artifact, app, attachment).
CREATE TABLE chat_messages (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    conversation_id uuid NOT NULL,
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    role            text NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
    content_blocks  jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(content_blocks) = 'array'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX chat_messages_conversation_idx ON chat_messages (conversation_id, created_at);

CALL revtops_protect_tenant_table('chat_messages', false);
CREATE POLICY tenant_visibility ON chat_messages TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = chat_messages.conversation_id))
    WITH CHECK (organization_id = revtops_current_org_id()
                AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = chat_messages.conversation_id));

-- One agent turn in progress or done; its streamed chunks let a reconnecting client catch up.
CREATE TABLE agent_tasks (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    conversation_id  uuid NOT NULL,
    user_id          uuid REFERENCES users (id) ON DELETE SET NULL,
    message_id       uuid,
    status           text NOT NULL DEFAULT 'running'
                     CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    error            text,
    started_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz,
    last_chunk_index int NOT NULL DEFAULT -1,
    -- the process running the turn, so a restarted node can fail its orphans
    owner_node       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, message_id) REFERENCES chat_messages (organization_id, id)
        ON DELETE SET NULL (message_id)
);
CREATE INDEX agent_tasks_conversation_idx ON agent_tasks (organization_id, conversation_id, started_at DESC);
CREATE INDEX agent_tasks_running_idx ON agent_tasks (owner_node) WHERE status = 'running';

CALL revtops_protect_tenant_table('agent_tasks', false);
CREATE POLICY tenant_visibility ON agent_tasks TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = agent_tasks.conversation_id))
    WITH CHECK (organization_id = revtops_current_org_id()
                AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = agent_tasks.conversation_id));

-- One streamed chunk of a task (text_delta, tool_call, …), in order. conversation_id is copied
-- from the task so the visibility rule is one lookup.
CREATE TABLE agent_task_chunks (
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    task_id         uuid NOT NULL,
    conversation_id uuid NOT NULL,
    idx             int NOT NULL,
    type            text NOT NULL,
    data            jsonb NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, idx),
    FOREIGN KEY (organization_id, task_id) REFERENCES agent_tasks (organization_id, id) ON DELETE CASCADE,
    FOREIGN KEY (organization_id, conversation_id) REFERENCES conversations (organization_id, id) ON DELETE CASCADE
);
CREATE INDEX agent_task_chunks_conversation_idx ON agent_task_chunks (organization_id, conversation_id);

CALL revtops_protect_tenant_table('agent_task_chunks', false);
CREATE POLICY tenant_visibility ON agent_task_chunks TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = agent_task_chunks.conversation_id))
    WITH CHECK (organization_id = revtops_current_org_id()
                AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = agent_task_chunks.conversation_id));

-- Something Penny remembers: for one user, for a role, a Slack channel's personality, or a
-- user's global command. Only the creator may change it.
CREATE TABLE memories (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope           text NOT NULL CHECK (scope IN ('user', 'role', 'global_command', 'channel')),
    role_name       text,
    channel_id      text,
    content         text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT memories_role_has_name CHECK (scope <> 'role' OR role_name IS NOT NULL),
    CONSTRAINT memories_channel_has_id CHECK (scope <> 'channel' OR channel_id IS NOT NULL),
    CONSTRAINT memories_global_command_length CHECK (scope <> 'global_command' OR char_length(content) <= 1000)
);
CREATE INDEX memories_user_idx ON memories (organization_id, user_id, scope);
CREATE INDEX memories_scope_idx ON memories (organization_id, scope);

CALL revtops_protect_tenant_table('memories', false);
-- 'user' and 'global_command' memories are personal; 'role' and 'channel' ones are shared.
CREATE POLICY tenant_select ON memories FOR SELECT TO revtops_app
    USING (organization_id = revtops_current_org_id()
           AND (scope IN ('role', 'channel') OR user_id = revtops_current_user_id()));
CREATE POLICY tenant_insert ON memories FOR INSERT TO revtops_app
    WITH CHECK (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
CREATE POLICY tenant_update ON memories FOR UPDATE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id())
    WITH CHECK (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
CREATE POLICY tenant_delete ON memories FOR DELETE TO revtops_app
    USING (organization_id = revtops_current_org_id() AND user_id = revtops_current_user_id());
