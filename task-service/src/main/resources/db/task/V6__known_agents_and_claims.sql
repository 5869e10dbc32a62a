-- Agents (issue: agent work). registry-service owns agents; task-service keeps what it needs to decide whether a
-- task may be assigned to one, from the mc.agents events: the organization, the name and the status. version is the
-- agent's event version: an event that is not newer than the row changes nothing.
CREATE TABLE known_agent (
    id              UUID        PRIMARY KEY,
    organization_id UUID        NOT NULL,
    name            TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('provisioning', 'active', 'paused', 'retired')),
    version         BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Claims pick the oldest highest-priority unassigned todo task of a board: this partial index holds exactly the
-- candidates, in that order, so a claim reads the first unlocked one without sorting the board.
CREATE INDEX task_claimable ON task (board_id, priority_rank DESC, created_at, id)
    WHERE status = 'todo' AND assigned_agent_id IS NULL;
