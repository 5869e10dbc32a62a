-- Soft deletion: a deleted organization is hidden everywhere; its rows stay for the audit trail.
ALTER TABLE organization ADD COLUMN deleted_at TIMESTAMPTZ;

-- A person's role in an organization. Known by the identity provider's subject, or only by the e-mail address they
-- were invited with until their first sign-in binds the subject. Changes are versioned and locked on the organization.
CREATE TABLE membership (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    subject         TEXT,
    email           TEXT CHECK (email = lower(email)),
    role            TEXT        NOT NULL CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CHECK (subject IS NOT NULL OR email IS NOT NULL)
);
-- One membership per person and organization, whether the person is known by subject or by address; these also
-- serve the access check of every request (organization, subject) and the invitation match (organization, email).
CREATE UNIQUE INDEX membership_by_subject ON membership (organization_id, subject) WHERE subject IS NOT NULL;
CREATE UNIQUE INDEX membership_by_email ON membership (organization_id, email) WHERE email IS NOT NULL;
-- The organizations a person belongs to (GET /api/organizations).
CREATE INDEX membership_of_person ON membership (subject) WHERE subject IS NOT NULL;
-- Invitations waiting for their person's first call.
CREATE INDEX membership_invitation ON membership (email) WHERE subject IS NULL;
-- The member list, newest first, and the owner count the last-owner rule needs.
CREATE INDEX membership_newest ON membership (organization_id, created_at DESC, id DESC);
CREATE INDEX membership_owners ON membership (organization_id) WHERE role = 'owner';
