-- Board governance (issue: governance): flags that constrain how tasks on a board move, enforced by task-service on
-- every status change and assignment (docs/task-lifecycle.md, "Governance").
ALTER TABLE board ADD COLUMN require_approval_for_done BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE board ADD COLUMN require_review_before_done BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE board ADD COLUMN comment_required_for_review BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE board ADD COLUMN block_status_changes_with_pending_approval BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE board ADD COLUMN only_lead_can_change_status BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE board ADD COLUMN lead_agent_id UUID;
ALTER TABLE board ADD COLUMN max_agents INTEGER CHECK (max_agents >= 1);

-- Where a task stands with approvals. A row of its own rather than a task column: a refused completion requests the
-- approval after its own transaction rolled back, and the approval listener writes it, neither of which should take
-- the task's row lock or bump the task's version. No row means 'none'.
CREATE TABLE task_approval (
    task_id     UUID        PRIMARY KEY REFERENCES task (id) ON DELETE CASCADE,
    state       TEXT        NOT NULL CHECK (state IN ('none', 'pending', 'approved', 'rejected')),
    approval_id UUID,
    decided_by  TEXT,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- Comments on tasks: immutable, read oldest first as a conversation. Mentions are stored as 'type:id' words.
CREATE TABLE task_comment (
    id              UUID        PRIMARY KEY,
    task_id         UUID        NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    board_id        UUID        NOT NULL,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    author          TEXT        NOT NULL,
    body            TEXT        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
    mentions        TEXT[]      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX task_comment_conversation ON task_comment (task_id, created_at, id);
