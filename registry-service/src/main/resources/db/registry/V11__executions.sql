-- Task executions as registry-service dispatches them: one row per TaskExecutionRequested (the execution id is the
-- request's), so a redelivered request changes nothing. status: requested -> dispatched | failed.
CREATE TABLE execution (
    id                    UUID        PRIMARY KEY,
    organization_id       UUID        NOT NULL,
    task_id               UUID        NOT NULL,
    board_id              UUID,
    agent_id              UUID,
    title                 TEXT        NOT NULL,
    required_capabilities TEXT[]      NOT NULL DEFAULT '{}',
    approval_id           UUID,
    status                TEXT        NOT NULL CHECK (status IN ('requested', 'dispatched', 'failed')),
    runtime_id            UUID,
    runtime_name          TEXT,
    reason                TEXT,
    detail                TEXT,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    version               BIGINT      NOT NULL
);

CREATE INDEX execution_list ON execution (organization_id, created_at DESC, id DESC);
CREATE INDEX execution_by_task ON execution (task_id, created_at DESC, id DESC);
