-- Approvals (issue: approvals and governance). An approval asks the people of an organization to allow an action on
-- one or more tasks; it stays pending until enough of them approve (quorum), one rejects, it expires or its requester
-- cancels it. The rules it is decided by (quorum, roles) are copied from the policy when it is requested, so changing
-- a policy never changes a request already made.
CREATE TABLE approval (
    id                  UUID        PRIMARY KEY,
    organization_id     UUID        NOT NULL,
    board_id            UUID,
    task_ids            UUID[]      NOT NULL,
    action              TEXT        NOT NULL,
    reason              TEXT        NOT NULL,
    confidence          INTEGER     NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    rubric_scores       JSONB       NOT NULL,
    metadata            JSONB       NOT NULL,
    requested_by        TEXT        NOT NULL,
    requester_type      TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'expired', 'cancelled')),
    quorum              INTEGER     NOT NULL CHECK (quorum >= 1),
    approver_roles      TEXT[]      NOT NULL,
    policy_id           UUID,
    expires_at          TIMESTAMPTZ,
    execute_on_approval BOOLEAN     NOT NULL,
    -- Who settled it (the last approver, the rejecting one, the canceller, or 'policy'), with their comment and when.
    closed_by           TEXT,
    closing_comment     TEXT,
    closed_at           TIMESTAMPTZ,
    version             BIGINT      NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
-- Lists: an organization's approvals, pending first, newest first (the keyset the cursor walks).
CREATE INDEX approval_list ON approval (organization_id, (status = 'pending') DESC, created_at DESC, id DESC);
-- The expiry job reads the due pending requests in deadline order.
CREATE INDEX approval_due ON approval (expires_at) WHERE status = 'pending' AND expires_at IS NOT NULL;

-- One row per approver: the primary key is what makes each approver count once.
CREATE TABLE approval_vote (
    approval_id   UUID        NOT NULL REFERENCES approval (id) ON DELETE CASCADE,
    approver      TEXT        NOT NULL,
    approver_type TEXT        NOT NULL,
    decision      TEXT        NOT NULL CHECK (decision IN ('approved', 'rejected')),
    comment       TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (approval_id, approver)
);

-- The tasks of each approval. The partial unique index is the rule "one pending approval per task", race-free.
CREATE TABLE approval_task (
    approval_id UUID    NOT NULL REFERENCES approval (id) ON DELETE CASCADE,
    task_id     UUID    NOT NULL,
    pending     BOOLEAN NOT NULL,
    PRIMARY KEY (approval_id, task_id)
);
CREATE UNIQUE INDEX approval_task_one_pending ON approval_task (task_id) WHERE pending;
CREATE INDEX approval_task_by_task ON approval_task (task_id);

-- Policies: per organization, optionally narrowed to a board and/or an action pattern; one per such scope.
CREATE TABLE approval_policy (
    id                UUID        PRIMARY KEY,
    organization_id   UUID        NOT NULL,
    board_id          UUID,
    action_pattern    TEXT,
    quorum            INTEGER     NOT NULL CHECK (quorum BETWEEN 1 AND 20),
    approver_roles    TEXT[]      NOT NULL,
    expiry_seconds    BIGINT      CHECK (expiry_seconds > 0),
    auto_reject_below INTEGER     CHECK (auto_reject_below BETWEEN 1 AND 100),
    version           BIGINT      NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX approval_policy_scope ON approval_policy
    (organization_id, COALESCE(board_id, '00000000-0000-0000-0000-000000000000'::uuid), COALESCE(action_pattern, ''));

-- task-service owns tasks; this is what the approval service needs of them (from mc.tasks): whether they exist, in
-- which organization and on which board, their title, status and agent. version is the task's event version; each
-- column changes only when its event is newer than the version last applied to the row.
CREATE TABLE known_task (
    id                UUID        PRIMARY KEY,
    organization_id   UUID        NOT NULL,
    board_id          UUID        NOT NULL,
    title             TEXT,
    status            TEXT,
    assigned_agent_id UUID,
    deleted           BOOLEAN     NOT NULL DEFAULT false,
    version           BIGINT      NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- registry-service owns agents; execution requests need an agent's capabilities (from mc.agents).
CREATE TABLE known_agent (
    id              UUID        PRIMARY KEY,
    organization_id UUID        NOT NULL,
    capabilities    TEXT[]      NOT NULL,
    status          TEXT        NOT NULL,
    version         BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
