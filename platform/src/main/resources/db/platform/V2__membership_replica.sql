-- Every service's own copy of the memberships task-service owns, built from mc.organizations (see docs/events.md
-- "Memberships"), so that access checks never call task-service. task-service owns the originals and leaves these
-- tables empty.

-- One row per organization seen; version is the organization's highest applied, so an older event is ignored.
CREATE TABLE mc_replica_organization (
    id      UUID    PRIMARY KEY,
    live    BOOLEAN NOT NULL,
    version BIGINT  NOT NULL
);

-- A member is known by subject, or only by e-mail address (lower case) while an invitation is not bound yet.
CREATE TABLE mc_replica_membership (
    organization_id UUID NOT NULL REFERENCES mc_replica_organization (id),
    member_id       UUID NOT NULL,
    subject         TEXT,
    email           TEXT,
    role            TEXT NOT NULL,
    PRIMARY KEY (organization_id, member_id)
);

CREATE INDEX mc_replica_membership_subject ON mc_replica_membership (subject, organization_id);
CREATE INDEX mc_replica_membership_invited ON mc_replica_membership (email, organization_id) WHERE subject IS NULL;
