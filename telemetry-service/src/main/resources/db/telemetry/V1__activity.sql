-- The activity timeline: one row per domain event of any service, keyed by the event id.
CREATE TABLE activity (
    event_id        UUID PRIMARY KEY,
    organization_id UUID,
    resource_type   TEXT        NOT NULL,
    resource_id     TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,
    actor_type      TEXT        NOT NULL,
    actor_id        TEXT        NOT NULL,
    summary         TEXT        NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    data            JSONB       NOT NULL
);
CREATE INDEX activity_newest ON activity (occurred_at DESC, event_id DESC);
CREATE INDEX activity_by_organization ON activity (organization_id, occurred_at DESC, event_id DESC);
CREATE INDEX activity_by_resource ON activity (resource_type, resource_id, occurred_at DESC, event_id DESC);
