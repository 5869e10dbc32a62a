CREATE TABLE organization (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL,
    description TEXT,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL
);
CREATE INDEX organization_newest ON organization (created_at DESC, id DESC);

CREATE TABLE board_group (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    name            TEXT        NOT NULL,
    description     TEXT,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL
);
CREATE INDEX board_group_by_organization ON board_group (organization_id, created_at DESC, id DESC);

CREATE TABLE board (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    board_group_id  UUID        NOT NULL REFERENCES board_group (id),
    name            TEXT        NOT NULL,
    description     TEXT,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL
);
CREATE INDEX board_by_organization ON board (organization_id, created_at DESC, id DESC);
CREATE INDEX board_by_group ON board (board_group_id, created_at DESC, id DESC);

CREATE TABLE task (
    id                UUID PRIMARY KEY,
    organization_id   UUID        NOT NULL REFERENCES organization (id),
    board_id          UUID        NOT NULL REFERENCES board (id),
    title             TEXT        NOT NULL,
    description       TEXT,
    status            TEXT        NOT NULL CHECK (status IN ('todo', 'in_progress', 'review', 'done')),
    priority          TEXT        NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
    assigned_agent_id UUID,
    created_by        TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    version           BIGINT      NOT NULL
);
CREATE INDEX task_by_board ON task (board_id, created_at DESC, id DESC);
CREATE INDEX task_by_organization ON task (organization_id, created_at DESC, id DESC);
