-- Tags (decision 0011): an organization's own labels, many per task.
-- Colours are stored normalized (lower-case #rrggbb) so the check and every comparison are exact.
CREATE TABLE tag (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    name            TEXT        NOT NULL,
    color           TEXT        NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL
);
-- Names are unique per organization ignoring case: "Bug" and "bug" would be one label to a person. The index is the
-- rule (a concurrent duplicate fails here), the service's 409 only names it.
CREATE UNIQUE INDEX tag_name ON tag (organization_id, lower(name));
CREATE INDEX tag_by_organization ON tag (organization_id, created_at DESC, id DESC);

-- Deleting a task or a tag deletes its rows here; the service announces a tag's removal from each task first.
CREATE TABLE task_tag (
    task_id UUID NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    tag_id  UUID NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, tag_id)
);
-- The tag filter and tag deletion look tasks up by tag.
CREATE INDEX task_tag_by_tag ON task_tag (tag_id, task_id);

-- Board lifecycle (decision 0011): deleting a board or a board group archives it by default. Archived rows stay for
-- the audit trail and the timeline; the API filters them out (and the tasks on archived boards) as if deleted.
ALTER TABLE board ADD COLUMN archived_at TIMESTAMPTZ;
ALTER TABLE board_group ADD COLUMN archived_at TIMESTAMPTZ;
