-- An execution asked of one runtime (POST /api/gateways/{id}/execute) rather than left to dispatch's choice: the
-- runtime it must go to, and the caller's parameters, passed on to the runtime as given. Both null for executions
-- dispatch chooses a runtime for.
ALTER TABLE execution ADD COLUMN target_runtime_id UUID;
ALTER TABLE execution ADD COLUMN parameters JSONB;
