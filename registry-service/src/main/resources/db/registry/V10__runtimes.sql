-- Runtimes (OpenClaw gateways): where an organization's agents execute. The auth token is stored sealed with
-- AES-256-GCM (docs/decisions/0015): the id of the key that sealed it, the 12-byte nonce, and the ciphertext with its
-- 128-bit tag. It is never stored, returned or logged in clear. version counts the runtime's events.
CREATE TABLE runtime (
    id               UUID        PRIMARY KEY,
    organization_id  UUID        NOT NULL,
    name             TEXT        NOT NULL,
    endpoint_url     TEXT        NOT NULL,
    capabilities     TEXT[]      NOT NULL DEFAULT '{}',
    token_key_id     TEXT,
    token_nonce      BYTEA,
    token_ciphertext BYTEA,
    health_status    TEXT        NOT NULL DEFAULT 'unknown' CHECK (health_status IN ('unknown', 'healthy', 'unhealthy')),
    last_checked_at  TIMESTAMPTZ,
    last_error       TEXT,
    -- Dispatch picks the capable healthy runtime that was picked least recently: a round robin that holds across
    -- replicas and restarts.
    last_dispatched_at TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    version          BIGINT      NOT NULL,
    CHECK ((token_key_id IS NULL) = (token_ciphertext IS NULL) AND (token_nonce IS NULL) = (token_ciphertext IS NULL))
);

CREATE UNIQUE INDEX runtime_name_per_organization ON runtime (organization_id, lower(name));
CREATE INDEX runtime_list ON runtime (organization_id, created_at DESC, id DESC);
-- The re-encryption pass looks for tokens sealed under a key that is no longer the active one.
CREATE INDEX runtime_token_key ON runtime (token_key_id) WHERE token_key_id IS NOT NULL;

-- Who runs the scheduled health checks: one replica at a time holds the lease and renews it every round; another
-- takes over when it lapses. A row rather than a session advisory lock, because the pool hands out any connection.
CREATE TABLE runtime_health_lease (
    id          INT         PRIMARY KEY CHECK (id = 1),
    holder      TEXT        NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
INSERT INTO runtime_health_lease (id, holder, expires_at) VALUES (1, '', '-infinity');
