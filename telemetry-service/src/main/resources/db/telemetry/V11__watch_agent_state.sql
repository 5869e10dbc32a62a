-- OpenClaw Watch compatibility: per agent, the last cumulative token counters (null before the first status report),
-- the last status report (an error report travels in a heartbeat built from it) and error lines that arrived before
-- any status report (sent with the first one).
CREATE TABLE watch_agent_state (
    agent_id        UUID PRIMARY KEY,
    organization_id UUID        NOT NULL,
    context_tokens  BIGINT,
    total_tokens    BIGINT,
    last_status     JSONB,
    pending_errors  JSONB       NOT NULL DEFAULT '[]',
    updated_at      TIMESTAMPTZ NOT NULL
);
