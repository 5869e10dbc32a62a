CREATE TABLE widget (
    id      UUID PRIMARY KEY,
    name    TEXT   NOT NULL,
    version BIGINT NOT NULL
);

-- One row per applied effect, deliberately without a unique key: a duplicate effect would show as two rows.
CREATE TABLE effect (
    seq      BIGSERIAL PRIMARY KEY,
    event_id UUID NOT NULL,
    name     TEXT NOT NULL
);
