package io.missioncontrol.telemetry.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import io.missioncontrol.telemetry.heartbeat.Heartbeats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Presence transitions: online on a heartbeat, offline after silence, each announced exactly once through the outbox
 * and shown in the activity timeline (mc.presence is a domain topic the timeline reads).
 */
@ServiceTest
class PresenceIT {

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    PresenceService presence;
    @Autowired
    TransactionalOperator transactions;

    @Test
    void announcesOnlineOfflineAndOnlineAgainOncePerTransition() {
        UUID org = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        Heartbeats.post(http, agent, org, Heartbeats.body(Instant.now(), 1)).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(60)).until(() -> state(agent), s -> s != null && s.online());
        assertThat(state(agent).version()).isZero();

        // A second heartbeat of an online agent is no transition.
        Heartbeats.post(http, agent, org, Heartbeats.body(Instant.now().plusMillis(5), 2)).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(60)).until(() -> heartbeats(agent) == 2);

        // Silence: pretend its last heartbeat arrived long ago. The background sweep may get there first (a sweep
        // that finds the lock taken skips its round); sweeps run again, as after a restart, find nothing to do.
        db.sql("UPDATE agent_presence SET last_seen_at = now() - INTERVAL '1 hour' WHERE agent_id = :agent")
                .bind("agent", agent).then().block(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            presence.sweep().block(Duration.ofSeconds(10));
            return !state(agent).online();
        });
        assertThat(presence.sweep().block(Duration.ofSeconds(10))).as("a sweep after the transition").isZero();
        assertThat(presence.sweep().block(Duration.ofSeconds(10))).as("and another").isZero();
        assertThat(state(agent).version()).isEqualTo(1);

        Heartbeats.post(http, agent, org, Heartbeats.body(Instant.now().plusMillis(10), 3)).expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(60)).until(() -> state(agent).online());
        assertThat(state(agent).version()).isEqualTo(2);

        assertThat(outbox(agent)).containsExactly("mc.agent.online.v1:0", "mc.agent.offline.v1:1",
                "mc.agent.online.v1:2");
        String query = "/api/activity?resource_type=agent&resource_id=" + agent;
        await().atMost(Duration.ofSeconds(60)).until(() -> timeline(query).size() == 3);
        assertThat(timeline(query)).extracting(entry -> entry.get("summary")).containsExactly(
                "Agent " + agent + " came online", "Agent " + agent + " went offline",
                "Agent " + agent + " came online");
    }

    @Test
    void aStaleHeartbeatDoesNotReviveAnOfflineAgent() {
        var sighting = new PresenceService.Sighting(UUID.randomUUID(), UUID.randomUUID(),
                Instant.now().minus(Duration.ofHours(1)));
        transactions.transactional(presence.seen(List.of(sighting))).block(Duration.ofSeconds(10));
        var state = state(sighting.agentId());
        assertThat(state.online()).isFalse();
        assertThat(outbox(sighting.agentId())).isEmpty();
    }

    /** Hundreds of transitions in one transaction (a fleet's first batch, a network partition healing). */
    @Test
    void announcesHundredsOfTransitionsInOneGo() {
        UUID org = UUID.randomUUID();
        List<PresenceService.Sighting> fleet = java.util.stream.IntStream.range(0, 600)
                .mapToObj(i -> new PresenceService.Sighting(UUID.randomUUID(), org, Instant.now())).toList();
        transactions.transactional(presence.seen(fleet)).block(Duration.ofSeconds(30));
        assertThat(events(org, "mc.agent.online.v1")).isEqualTo(600);

        db.sql("UPDATE agent_presence SET last_seen_at = now() - INTERVAL '1 hour' WHERE organization_id = :org")
                .bind("org", org).then().block(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            presence.sweep().block(Duration.ofSeconds(30));
            return events(org, "mc.agent.offline.v1") == 600;
        });
    }

    private long events(UUID org, String type) {
        return db.sql("SELECT count(*) AS n FROM mc_outbox WHERE organization_id = :org AND type = :type")
                .bind("org", org).bind("type", type)
                .map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
    }

    private PresenceService.AgentPresence state(UUID agent) {
        return presence.find(agent).block(Duration.ofSeconds(10));
    }

    private long heartbeats(UUID agent) {
        return db.sql("SELECT count(*) AS n FROM heartbeat WHERE agent_id = :agent").bind("agent", agent)
                .map(row -> row.get("n", Long.class)).one().block(Duration.ofSeconds(10));
    }

    private List<String> outbox(UUID agent) {
        return db.sql("SELECT type || ':' || aggregate_version AS e FROM mc_outbox WHERE subject = :agent ORDER BY seq")
                .bind("agent", agent.toString())
                .map(row -> row.get("e", String.class)).all().collectList().block(Duration.ofSeconds(10));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> timeline(String uri) {
        Map<?, ?> page = http.get().uri(uri).headers(h -> h.setBearerAuth(TestTokens.admin())).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        // Newest first; oldest first reads as the story.
        List<Map<String, Object>> items = new java.util.ArrayList<>((List<Map<String, Object>>) page.get("items"));
        java.util.Collections.reverse(items);
        return items;
    }
}
