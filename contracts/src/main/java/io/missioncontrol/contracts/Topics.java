package io.missioncontrol.contracts;

import java.util.List;

/**
 * Kafka topic names. One topic per aggregate family; the record key is the aggregate id, so the
 * events of one aggregate stay in order. Every topic has a dead-letter twin named {@code <topic>.dlt}.
 */
public final class Topics {

    public static final String ORGANIZATIONS = "mc.organizations";
    public static final String BOARDS = "mc.boards";
    public static final String TASKS = "mc.tasks";
    /** The agent registry's agents (published by registry-service; task-service keeps a read model of them). */
    public static final String AGENTS = "mc.agents";

    /** Approval requests, votes, decisions, expiries, cancellations and policies, published by the approval service. */
    public static final String APPROVALS = "mc.approvals";

    /** Tags are an organization's own vocabulary, not part of any board or task aggregate: a family of their own. */
    public static final String TAGS = "mc.tags";

    /**
     * Agent API keys issued and revoked (registry-service), keyed by key id and compacted: the gateway rebuilds its
     * credential cache from it and never calls the registry on a request.
     */
    public static final String CREDENTIALS = "mc.credentials";

    /** Runtimes (where agents execute): registered, updated, removed, health changed. Published by registry-service. */
    public static final String RUNTIMES = "mc.runtimes";

    /** Agents going online and offline, as telemetry-service sees their heartbeats. */
    public static final String PRESENCE = "mc.presence";

    /** Task execution requested (task-service, approval-service), dispatched or failed (registry-service). */
    public static final String EXECUTIONS = "mc.executions";

    /** Token-cost budgets crossing 80 % and 100 % (telemetry-service; registry-service pauses agents). */
    public static final String BUDGETS = "mc.budgets";

    /**
     * Raw heartbeats of agent hosts (telemetry-service's ingestion endpoint to its own writer), keyed by agent id. Not
     * a domain topic: plain JSON {@code telemetry.Heartbeat} records, not CloudEvents, kept for days, not a week.
     */
    public static final String HEARTBEATS = "mc.heartbeats";

    /** Every domain topic, for consumers that read them all (the activity timeline, audit pipelines). */
    public static final List<String> DOMAIN = List.of(ORGANIZATIONS, BOARDS, TASKS, TAGS, AGENTS, APPROVALS,
            CREDENTIALS, RUNTIMES, PRESENCE, EXECUTIONS, BUDGETS);

    /** Topics that keep the latest event per key forever rather than a week of everything. */
    public static final List<String> COMPACTED = List.of(CREDENTIALS);

    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }

    private Topics() {
    }
}
