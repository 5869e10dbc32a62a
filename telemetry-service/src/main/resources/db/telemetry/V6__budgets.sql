-- Token-cost budgets of an organization (agent_id NULL) or of one of its agents, per UTC day or month.
-- version counts changes and alerts: the aggregate version of mc.budget.* events.
CREATE TABLE budget (
    id                    UUID        PRIMARY KEY,
    organization_id       UUID        NOT NULL,
    agent_id              UUID,
    period                TEXT        NOT NULL CHECK (period IN ('daily', 'monthly')),
    limit_usd             NUMERIC(18, 6) NOT NULL CHECK (limit_usd > 0),
    pause_agent_on_exceed BOOLEAN     NOT NULL,
    version               BIGINT      NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);
-- One budget per scope and period: two daily budgets for one agent would only contradict each other.
CREATE UNIQUE INDEX budget_per_scope ON budget (organization_id, coalesce(agent_id, '00000000-0000-0000-0000-000000000000'), period);

-- The thresholds a budget crossed in a period. Written in the transaction that appends the event, so each alert is
-- published once per budget, period and threshold, whatever restarts or how many replicas evaluate.
CREATE TABLE budget_alert (
    budget_id    UUID        NOT NULL REFERENCES budget (id) ON DELETE CASCADE,
    period_start TIMESTAMPTZ NOT NULL,
    threshold    INT         NOT NULL,
    spent_usd    NUMERIC(18, 6) NOT NULL,
    alerted_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (budget_id, period_start, threshold)
);
