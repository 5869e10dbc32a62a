-- Executions (issue: runtimes and dispatch): POST /api/tasks/{id}/execute asks for a runtime with the assigned agent's
-- capabilities, which the registry announces in mc.agent.registered.v1 and mc.agent.updated.v1.
ALTER TABLE known_agent ADD COLUMN capabilities TEXT[] NOT NULL DEFAULT '{}';
