-- Indexes for the timeline's filters, each ending in the page order (newest first) so a page is an index range scan.
-- Readers are usually scoped to their organizations, so the filters come after organization_id.
CREATE INDEX activity_by_organization_resource
    ON activity (organization_id, resource_type, resource_id, occurred_at DESC, event_id DESC);
CREATE INDEX activity_by_organization_actor
    ON activity (organization_id, actor_type, actor_id, occurred_at DESC, event_id DESC);
CREATE INDEX activity_by_organization_type
    ON activity (organization_id, event_type, occurred_at DESC, event_id DESC);
-- The admin token reads across organizations: by actor (what did this agent do everywhere).
CREATE INDEX activity_by_actor ON activity (actor_type, actor_id, occurred_at DESC, event_id DESC);
