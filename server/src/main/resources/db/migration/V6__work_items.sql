-- Work items, code activity and files (SPEC §2). Same synced bookkeeping as V4.

-- A Linear team / Asana workspace.
CREATE TABLE tracker_teams (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid,
    source_system   text NOT NULL,
    source_id       text NOT NULL,
    name            text NOT NULL,
    key             text,
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

CALL revtops_protect_tenant_table('tracker_teams');

-- A project of a tracker.
CREATE TABLE tracker_projects (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid,
    source_system   text NOT NULL,
    source_id       text NOT NULL,
    name            text NOT NULL,
    team_id         uuid,
    team_source_id  text,
    state           text,
    custom_fields   jsonb NOT NULL DEFAULT '{}',
    content_hash    text,
    synced_at       timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id),
    FOREIGN KEY (organization_id, team_id) REFERENCES tracker_teams (organization_id, id)
        ON DELETE SET NULL (team_id)
);
CREATE INDEX tracker_projects_team_idx ON tracker_projects (organization_id, team_id);

CALL revtops_protect_tenant_table('tracker_projects');

-- An issue or task.
CREATE TABLE tracker_issues (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id   uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id    uuid,
    source_system     text NOT NULL,
    source_id         text NOT NULL,
    identifier        text,
    title             text NOT NULL,
    description       text,
    state             text,
    priority          int,
    assignee_email    text,
    assignee_user_id  uuid REFERENCES users (id) ON DELETE SET NULL,
    project_id        uuid,
    project_source_id text,
    team_id           uuid,
    team_source_id    text,
    labels            text[] NOT NULL DEFAULT '{}',
    due_date          date,
    completed_at      timestamptz,
    created_at_source timestamptz,
    updated_at_source timestamptz,
    url               text,
    custom_fields     jsonb NOT NULL DEFAULT '{}',
    content_hash      text,
    synced_at         timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id),
    FOREIGN KEY (organization_id, project_id) REFERENCES tracker_projects (organization_id, id)
        ON DELETE SET NULL (project_id),
    FOREIGN KEY (organization_id, team_id) REFERENCES tracker_teams (organization_id, id)
        ON DELETE SET NULL (team_id)
);
CREATE INDEX tracker_issues_project_idx ON tracker_issues (organization_id, project_id);
CREATE INDEX tracker_issues_team_idx ON tracker_issues (organization_id, team_id);
CREATE INDEX tracker_issues_assignee_idx ON tracker_issues (organization_id, assignee_user_id);
CREATE INDEX tracker_issues_identifier_idx ON tracker_issues (organization_id, identifier);

CALL revtops_protect_tenant_table('tracker_issues');

-- A GitHub repository.
CREATE TABLE github_repositories (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid,
    source_system   text NOT NULL,
    source_id       text NOT NULL,
    full_name       text NOT NULL,
    name            text NOT NULL,
    description     text,
    default_branch  text,
    url             text,
    is_private      boolean NOT NULL DEFAULT false,
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
CREATE INDEX github_repositories_full_name_idx ON github_repositories (organization_id, lower(full_name));

CALL revtops_protect_tenant_table('github_repositories');

-- A commit.
CREATE TABLE github_commits (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id       uuid,
    source_system        text NOT NULL,
    source_id            text NOT NULL,
    repository_id        uuid,
    repository_source_id text,
    sha                  text NOT NULL,
    message              text,
    author_email         text,
    author_name          text,
    committed_at         timestamptz,
    url                  text,
    custom_fields        jsonb NOT NULL DEFAULT '{}',
    content_hash         text,
    synced_at            timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id),
    FOREIGN KEY (organization_id, repository_id) REFERENCES github_repositories (organization_id, id)
        ON DELETE SET NULL (repository_id)
);
CREATE INDEX github_commits_repository_idx ON github_commits (organization_id, repository_id, committed_at DESC);
CREATE INDEX github_commits_author_idx ON github_commits (organization_id, lower(author_email));

CALL revtops_protect_tenant_table('github_commits');

-- A pull request.
CREATE TABLE github_pull_requests (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id      uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id       uuid,
    source_system        text NOT NULL,
    source_id            text NOT NULL,
    repository_id        uuid,
    repository_source_id text,
    number               int NOT NULL,
    title                text,
    body                 text,
    state                text,
    author_login         text,
    merged_at            timestamptz,
    created_at_source    timestamptz,
    updated_at_source    timestamptz,
    url                  text,
    custom_fields        jsonb NOT NULL DEFAULT '{}',
    content_hash         text,
    synced_at            timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id),
    FOREIGN KEY (organization_id, repository_id) REFERENCES github_repositories (organization_id, id)
        ON DELETE SET NULL (repository_id)
);
CREATE INDEX github_pull_requests_repository_idx ON github_pull_requests (organization_id, repository_id, number);

CALL revtops_protect_tenant_table('github_pull_requests');

-- A file of a shared drive. content_text is filled on demand, not by the sync.
CREATE TABLE shared_files (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    integration_id  uuid,
    source_system   text NOT NULL,
    source_id       text NOT NULL,
    name            text NOT NULL,
    mime_type       text,
    folder_path     text,
    web_url         text,
    modified_time   timestamptz,
    owner_email     text,
    size_bytes      bigint,
    content_text    text,
    custom_fields   jsonb NOT NULL DEFAULT '{}',
    content_hash    text,
    synced_at       timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, source_system, source_id),
    FOREIGN KEY (organization_id, integration_id) REFERENCES integrations (organization_id, id)
        ON DELETE SET NULL (integration_id)
);
CREATE INDEX shared_files_modified_idx ON shared_files (organization_id, modified_time DESC);

CALL revtops_protect_tenant_table('shared_files');
