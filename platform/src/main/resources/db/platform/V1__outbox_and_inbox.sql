-- Platform tables every service has, migrated with their own history table (mc_platform_schema_history)
-- so that the service's own migrations keep a clean version line.

-- The transactional outbox: written in the same transaction as the state change it announces.
CREATE TABLE mc_outbox (
    seq               BIGSERIAL PRIMARY KEY,
    event_id          UUID        NOT NULL UNIQUE,
    topic             TEXT        NOT NULL,
    type              TEXT        NOT NULL,
    source            TEXT        NOT NULL,
    subject           TEXT        NOT NULL,
    organization_id   UUID,
    actor_type        TEXT        NOT NULL,
    actor_id          TEXT        NOT NULL,
    aggregate_version BIGINT      NOT NULL,
    occurred_at       TIMESTAMPTZ NOT NULL,
    data              JSONB       NOT NULL,
    sent_at           TIMESTAMPTZ
);

-- The relay reads only unsent rows, oldest first; sent rows are deleted in bulk after the retention period.
CREATE INDEX mc_outbox_unsent ON mc_outbox (seq) WHERE sent_at IS NULL;
CREATE INDEX mc_outbox_sent_at ON mc_outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Wake the relay when a transaction that wrote events commits (NOTIFY is delivered on commit only).
CREATE FUNCTION mc_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('mc_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER mc_outbox_inserted AFTER INSERT ON mc_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION mc_outbox_notify();

-- Idempotent consumers: an event id recorded here, in the same transaction as its effect, is never applied again.
CREATE TABLE mc_processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
