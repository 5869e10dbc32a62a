-- Agents of an organization and their lifecycle (docs/decisions/0014-agents-and-agent-keys.md).
CREATE TABLE agent (
    id               uuid PRIMARY KEY,
    organization_id  uuid        NOT NULL,
    name             text        NOT NULL,
    description      text,
    capabilities     text[]      NOT NULL DEFAULT '{}',
    model_settings   json        NOT NULL DEFAULT '{}',
    -- The runtime configuration document exactly as the client wrote it (JSON5), and the same as plain JSON.
    config_source    text,
    config           json,
    -- Not a foreign key yet: runtimes live in their own migration line (V10+); validation comes with them.
    runtime_id       uuid,
    status           text        NOT NULL CHECK (status IN ('provisioning', 'active', 'paused', 'retired')),
    -- Presence is telemetry's word, not an agent event: it does not move the agent's version.
    online           boolean     NOT NULL DEFAULT false,
    last_seen_at     timestamptz,
    presence_version bigint      NOT NULL DEFAULT -1,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_by       text        NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          bigint      NOT NULL
);

-- Lists: an organization's agents, newest first; capability filter.
CREATE INDEX agent_organization_newest ON agent (organization_id, created_at DESC, id DESC);
CREATE INDEX agent_capabilities ON agent USING gin (capabilities);

-- Agent API keys: only the hash of the secret is kept (contracts' AgentKeys.hash).
CREATE TABLE agent_key (
    id              uuid PRIMARY KEY,
    agent_id        uuid        NOT NULL REFERENCES agent (id),
    organization_id uuid        NOT NULL,
    secret_hash     text        NOT NULL,
    scopes          text[]      NOT NULL,
    expires_at      timestamptz,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    revoked_reason  text CHECK (revoked_reason IN ('revoked', 'rotated', 'agent_retired')),
    version         bigint      NOT NULL,
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);

CREATE INDEX agent_key_agent_newest ON agent_key (agent_id, created_at DESC, id DESC);

-- Read models of task-service's events: which boards an agent leads, which tasks it holds.
CREATE TABLE board_ref (
    id              uuid PRIMARY KEY,
    organization_id uuid    NOT NULL,
    lead_agent_id   uuid,
    -- Archived or deleted: it no longer counts as led, nor do its tasks as open.
    closed          boolean NOT NULL DEFAULT false,
    version         bigint  NOT NULL
);

CREATE INDEX board_ref_lead ON board_ref (lead_agent_id) WHERE lead_agent_id IS NOT NULL AND NOT closed;

CREATE TABLE task_ref (
    id                uuid PRIMARY KEY,
    organization_id   uuid    NOT NULL,
    board_id          uuid    NOT NULL,
    title             text    NOT NULL,
    status            text,
    assigned_agent_id uuid,
    -- A tombstone, so a late event of a deleted task cannot bring it back.
    deleted           boolean NOT NULL DEFAULT false,
    version           bigint  NOT NULL
);

CREATE INDEX task_ref_open_by_agent ON task_ref (assigned_agent_id)
    WHERE assigned_agent_id IS NOT NULL AND NOT deleted AND status IS DISTINCT FROM 'done';
CREATE INDEX task_ref_board ON task_ref (board_id);
