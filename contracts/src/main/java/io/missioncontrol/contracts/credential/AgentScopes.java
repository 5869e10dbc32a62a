package io.missioncontrol.contracts.credential;

import java.util.List;

/**
 * What an agent API key may do. A key carries some of these; services refuse an agent whose key lacks the scope an
 * endpoint needs (people and the admin token are governed by roles instead).
 */
public final class AgentScopes {

    /** Send heartbeats, metrics, token usage and error logs. */
    public static final String TELEMETRY_WRITE = "telemetry:write";
    /** Read the organization's boards and tasks, list its own assignments. */
    public static final String TASKS_READ = "tasks:read";
    /** Claim tasks, move its own tasks through the state machine, comment on them. */
    public static final String TASKS_WRITE = "tasks:write";
    /** Ask for approvals. */
    public static final String APPROVALS_REQUEST = "approvals:request";

    public static final List<String> ALL = List.of(TELEMETRY_WRITE, TASKS_READ, TASKS_WRITE, APPROVALS_REQUEST);

    private AgentScopes() {
    }
}
