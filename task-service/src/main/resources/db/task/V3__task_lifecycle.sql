-- Task lifecycle (issue 4): due dates, who changed a task last, sortable priorities, and dependencies between tasks.

ALTER TABLE task ADD COLUMN due_date TIMESTAMPTZ;
ALTER TABLE task ADD COLUMN updated_by TEXT;
UPDATE task SET updated_by = created_by;
ALTER TABLE task ALTER COLUMN updated_by SET NOT NULL;

-- Lists sort by priority as critical > high > medium > low, which the words' alphabet does not give: the rank is
-- derived by the database so it can never disagree with the word, and it can be indexed.
ALTER TABLE task ADD COLUMN priority_rank SMALLINT NOT NULL GENERATED ALWAYS AS (
    CASE priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 WHEN 'critical' THEN 3 END) STORED;

-- One index per list order (newest-created first already has task_by_organization). A task without a due date
-- sorts as due at infinity, so both directions of the due-date order read the same index.
CREATE INDEX task_by_organization_updated ON task (organization_id, updated_at DESC, id DESC);
CREATE INDEX task_by_organization_priority ON task (organization_id, priority_rank DESC, id DESC);
CREATE INDEX task_by_organization_due ON task (organization_id, (COALESCE(due_date, 'infinity'::timestamptz)), id);

-- task_id cannot start before depends_on_id is done. Both are tasks of the same organization (checked by the
-- service; organization_id is kept here so one organization's graph loads with one index scan). Deleting a task
-- deletes its edges in both directions; the service announces the dependents' lost edges before it deletes.
CREATE TABLE task_dependency (
    task_id         UUID        NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    depends_on_id   UUID        NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (task_id, depends_on_id),
    CHECK (task_id <> depends_on_id)
);
CREATE INDEX task_dependency_dependents ON task_dependency (depends_on_id);
CREATE INDEX task_dependency_by_organization ON task_dependency (organization_id);
