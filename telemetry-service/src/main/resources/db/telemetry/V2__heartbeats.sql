-- Heartbeats of agent hosts as time series. Raw points live in daily partitions (dropped whole after the raw
-- retention, never deleted row by row); per-minute and per-hour rollups outlive them. The read side (fleet overview,
-- trends, token cost, error lists) reads these tables; see docs/decisions/0018-heartbeat-ingestion.md.

-- One row per heartbeat. (agent_id, time) is the identity: a redelivered Kafka record and a client's retry of the same
-- heartbeat (same agent, same measurement time) are stored once. It also serves "one agent over a time range".
CREATE TABLE heartbeat (
    agent_id                    UUID             NOT NULL,
    time                        TIMESTAMPTZ      NOT NULL,
    organization_id             UUID             NOT NULL,
    heartbeat_id                UUID             NOT NULL,
    received_at                 TIMESTAMPTZ      NOT NULL,
    runtime_status              TEXT             NOT NULL,
    runtime_version             TEXT,
    cpu_percent                 DOUBLE PRECISION NOT NULL,
    memory_total_bytes          BIGINT           NOT NULL,
    memory_used_bytes           BIGINT           NOT NULL,
    disk_total_bytes            BIGINT           NOT NULL,
    disk_used_bytes             BIGINT           NOT NULL,
    network_rx_bytes_per_second DOUBLE PRECISION NOT NULL,
    network_tx_bytes_per_second DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (agent_id, time)
) PARTITION BY RANGE (time);
CREATE INDEX heartbeat_by_organization ON heartbeat (organization_id, time DESC);

-- Tokens per model reported with a heartbeat (deltas since the agent's previous heartbeat).
CREATE TABLE token_usage (
    agent_id        UUID        NOT NULL,
    time            TIMESTAMPTZ NOT NULL,
    model           TEXT        NOT NULL,
    organization_id UUID        NOT NULL,
    input_tokens    BIGINT      NOT NULL,
    output_tokens   BIGINT      NOT NULL,
    cached_tokens   BIGINT      NOT NULL,
    PRIMARY KEY (agent_id, time, model)
) PARTITION BY RANGE (time);
CREATE INDEX token_usage_by_organization ON token_usage (organization_id, time DESC);

-- Error log entries carried by a heartbeat; (agent_id, heartbeat_time, position) makes a redelivery a no-op.
CREATE TABLE agent_error (
    agent_id        UUID        NOT NULL,
    heartbeat_time  TIMESTAMPTZ NOT NULL,
    position        INT         NOT NULL,
    organization_id UUID        NOT NULL,
    logged_at       TIMESTAMPTZ NOT NULL,
    level           TEXT        NOT NULL,
    message         TEXT        NOT NULL,
    stack           TEXT,
    PRIMARY KEY (agent_id, heartbeat_time, position)
) PARTITION BY RANGE (heartbeat_time);
CREATE INDEX agent_error_by_organization ON agent_error (organization_id, logged_at DESC);
CREATE INDEX agent_error_by_agent ON agent_error (agent_id, logged_at DESC);

-- Rollups per agent and bucket. Sums and sample counts rather than averages, so buckets add up exactly
-- (average = sum / samples) and an hour is the sum of its minutes. Recomputed from the raw rows of every bucket a
-- written batch touched, in the same transaction: they always agree with raw data while it is kept.
CREATE TABLE heartbeat_minute (
    agent_id                        UUID             NOT NULL,
    bucket                          TIMESTAMPTZ      NOT NULL,
    organization_id                 UUID             NOT NULL,
    samples                         INT              NOT NULL,
    cpu_percent_sum                 DOUBLE PRECISION NOT NULL,
    cpu_percent_max                 DOUBLE PRECISION NOT NULL,
    memory_used_bytes_sum           NUMERIC          NOT NULL,
    memory_used_bytes_max           BIGINT           NOT NULL,
    memory_total_bytes_max          BIGINT           NOT NULL,
    disk_used_bytes_sum             NUMERIC          NOT NULL,
    disk_used_bytes_max             BIGINT           NOT NULL,
    disk_total_bytes_max            BIGINT           NOT NULL,
    network_rx_bytes_per_second_sum DOUBLE PRECISION NOT NULL,
    network_rx_bytes_per_second_max DOUBLE PRECISION NOT NULL,
    network_tx_bytes_per_second_sum DOUBLE PRECISION NOT NULL,
    network_tx_bytes_per_second_max DOUBLE PRECISION NOT NULL,
    input_tokens                    BIGINT           NOT NULL,
    output_tokens                   BIGINT           NOT NULL,
    cached_tokens                   BIGINT           NOT NULL,
    errors                          INT              NOT NULL,
    PRIMARY KEY (agent_id, bucket)
);
CREATE INDEX heartbeat_minute_by_organization ON heartbeat_minute (organization_id, bucket DESC);

CREATE TABLE heartbeat_hour (LIKE heartbeat_minute INCLUDING ALL);

-- Token cost and budgets need tokens per model for longer than raw points live.
CREATE TABLE token_usage_hour (
    agent_id        UUID        NOT NULL,
    model           TEXT        NOT NULL,
    bucket          TIMESTAMPTZ NOT NULL,
    organization_id UUID        NOT NULL,
    input_tokens    BIGINT      NOT NULL,
    output_tokens   BIGINT      NOT NULL,
    cached_tokens   BIGINT      NOT NULL,
    PRIMARY KEY (agent_id, model, bucket)
);
CREATE INDEX token_usage_hour_by_organization ON token_usage_hour (organization_id, bucket DESC);

-- Daily partitions of the raw tables, named <table>_pYYYYMMDD (UTC days). The service's partition job creates the
-- coming days and drops expired ones; this creates the first few so the writer never meets a missing partition.
CREATE FUNCTION telemetry_ensure_partitions(from_day DATE, to_day DATE) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    parent TEXT;
    day    DATE;
BEGIN
    FOREACH parent IN ARRAY ARRAY['heartbeat', 'token_usage', 'agent_error'] LOOP
        day := from_day;
        WHILE day <= to_day LOOP
            EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                           parent || '_p' || to_char(day, 'YYYYMMDD'), parent,
                           (day::TIMESTAMP AT TIME ZONE 'UTC'), ((day + 1)::TIMESTAMP AT TIME ZONE 'UTC'));
            day := day + 1;
        END LOOP;
    END LOOP;
END;
$$;

SELECT telemetry_ensure_partitions((now() AT TIME ZONE 'UTC')::DATE - 2, (now() AT TIME ZONE 'UTC')::DATE + 2);

-- Presence per agent: online after a heartbeat, offline after missed intervals. version counts transitions and is the
-- aggregate version of mc.agent.online/offline events; the row lock orders the writer and the offline sweep.
CREATE TABLE agent_presence (
    agent_id        UUID        PRIMARY KEY,
    organization_id UUID        NOT NULL,
    online          BOOLEAN     NOT NULL,
    last_seen_at    TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL,
    changed_at      TIMESTAMPTZ NOT NULL
);
-- The sweep looks for online agents silent for too long.
CREATE INDEX agent_presence_online ON agent_presence (last_seen_at) WHERE online;
CREATE INDEX agent_presence_by_organization ON agent_presence (organization_id);
