-- A running task's node touches heartbeat_at every revtops.tasks.heartbeat-every; any node fails running tasks whose
-- heartbeat is older than revtops.tasks.stale-after (their node died and did not come back with the same node id).
ALTER TABLE agent_tasks ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX agent_tasks_running_heartbeat_idx ON agent_tasks (heartbeat_at) WHERE status = 'running';
