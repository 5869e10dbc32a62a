package io.missioncontrol.platform.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.credential.AgentScopes;
import io.missioncontrol.contracts.organization.MembershipAdded;
import io.missioncontrol.contracts.organization.MembershipBound;
import io.missioncontrol.contracts.organization.MembershipRemoved;
import io.missioncontrol.contracts.organization.MembershipRoleChanged;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.contracts.organization.OrganizationDeleted;
import io.missioncontrol.platform.events.Actor;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A service that does not own the memberships checks access over its own copy of them, built from membership events
 * published to real Kafka: it declares nothing for it (see {@link BackboneTestApplication}).
 */
@ServiceTest
class MembershipReplicaIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    WebTestClient http;

    @Test
    void membersReadViewersCannotWriteAndOutsidersSeeNothing() {
        UUID org = UUID.randomUUID();
        publish(new OrganizationCreated(org, "Acme", null, 0));
        publish(added(org, "ada", null, "member", 1));
        publish(added(org, "bob", null, "viewer", 2));

        await().atMost(PATIENCE).until(() -> read(org, TestTokens.user("bob")) == 200);
        assertThat(read(org, TestTokens.user("ada"))).isEqualTo(200);
        assertThat(write(org, TestTokens.user("ada"))).isEqualTo(200);
        http.post().uri("/api/organizations/{id}/writes", org).headers(h -> h.setBearerAuth(TestTokens.user("bob")))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
        assertThat(read(org, TestTokens.user("eve"))).isEqualTo(404);
        assertThat(write(org, TestTokens.user("eve"))).isEqualTo(404);
        assertThat(read(org, TestTokens.admin())).isEqualTo(200);
    }

    @Test
    void anInvitationByAddressCountsUntilItIsBoundAndThenTheSubjectDoes() {
        UUID org = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        publish(new OrganizationCreated(org, "Invites", null, 0));
        publish(new MembershipAdded(org, member, null, "Grace@Example.com", "member", 1));

        await().atMost(PATIENCE).until(() -> read(org, TestTokens.user("grace-sub", "grace@example.com")) == 200);
        assertThat(write(org, TestTokens.user("grace-sub", "grace@example.com"))).isEqualTo(200);
        assertThat(read(org, TestTokens.user("grace-sub"))).isEqualTo(404);
        assertThat(organizationsOf(TestTokens.user("grace-sub", "grace@example.com"))).contains(org);

        publish(new MembershipBound(org, member, "grace-sub", "grace@example.com", "member", 2));
        await().atMost(PATIENCE).until(() -> read(org, TestTokens.user("grace-sub")) == 200);
        // Bound to a subject, the invitation no longer lets anyone else in who presents the address.
        assertThat(read(org, TestTokens.user("someone-else", "grace@example.com"))).isEqualTo(404);
    }

    @Test
    void aRemovedMemberSeesNothing() {
        UUID org = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        publish(new OrganizationCreated(org, "Leavers", null, 0));
        publish(new MembershipAdded(org, member, "carl", null, "admin", 1));
        await().atMost(PATIENCE).until(() -> read(org, TestTokens.user("carl")) == 200);

        publish(new MembershipRemoved(org, member, "carl", null, "admin", 2));

        await().atMost(PATIENCE).until(() -> read(org, TestTokens.user("carl")) == 404);
        assertThat(organizationsOf(TestTokens.user("carl"))).doesNotContain(org);
    }

    @Test
    void aDeletedOrganizationIsGoneForEveryoneTheAdminIncluded() {
        UUID org = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        publish(new OrganizationCreated(org, "Doomed", null, 0));
        publish(added(org, "dora", null, "owner", 1));
        await().atMost(PATIENCE).until(() -> read(org, TestTokens.user("dora")) == 200);
        assertThat(organizationsOf(TestTokens.admin())).contains(org);

        publish(new OrganizationDeleted(org, "Doomed", 2));

        await().atMost(PATIENCE).until(() -> read(org, TestTokens.user("dora")) == 404);
        assertThat(read(org, TestTokens.admin())).isEqualTo(404);
        assertThat(read(org, TestTokens.agent(agent, org, AgentScopes.TASKS_READ))).isEqualTo(404);
        assertThat(organizationsOf(TestTokens.admin())).doesNotContain(org);
    }

    @Test
    void ignoresAnEventNotNewerThanWhatItHolds() {
        UUID org = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        publish(new OrganizationCreated(org, "Versions", null, 0));
        publish(new MembershipAdded(org, member, "vic", null, "member", 1));
        publish(new MembershipRoleChanged(org, member, "vic", null, "viewer", "member", 2));
        // A stale copy of an older change (a replay, another relay): it must not give back the write.
        publish(new MembershipRoleChanged(org, member, "vic", null, "owner", "member", 2));
        publish(new MembershipRoleChanged(org, member, "vic", null, "member", "viewer", 1));
        publish(added(org, "marker", null, "viewer", 3));

        await().atMost(PATIENCE).until(() -> read(org, TestTokens.user("marker")) == 200);
        assertThat(read(org, TestTokens.user("vic"))).isEqualTo(200);
        assertThat(write(org, TestTokens.user("vic"))).isEqualTo(403);
    }

    @Test
    void agentsActInTheirOwnOrganizationOnlyWithTheScopesOfTheirKey() {
        UUID org = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        publish(new OrganizationCreated(org, "Fleet", null, 0));
        publish(new OrganizationCreated(other, "Elsewhere", null, 0));
        String reader = TestTokens.agent(agent, org, AgentScopes.TASKS_READ);

        await().atMost(PATIENCE).until(() -> read(org, reader) == 200
                && read(other, TestTokens.admin()) == 200);
        http.post().uri("/api/organizations/{id}/writes", org).headers(h -> h.setBearerAuth(reader))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("insufficient_scope")
                .jsonPath("$.required_scope").isEqualTo(AgentScopes.TASKS_WRITE);
        assertThat(read(org, TestTokens.agent(agent, org, AgentScopes.TELEMETRY_WRITE))).isEqualTo(403);
        assertThat(write(org, TestTokens.agent(agent, org, AgentScopes.TASKS_WRITE))).isEqualTo(200);
        assertThat(read(other, TestTokens.agent(agent, org, AgentScopes.TASKS_READ))).isEqualTo(404);
        assertThat(organizationsOf(reader)).containsExactly(org);
    }

    private static MembershipAdded added(UUID org, String subject, String email, String role, long version) {
        return new MembershipAdded(org, UUID.randomUUID(), subject, email, role, version);
    }

    private void publish(DomainEvent event) {
        var cloudEvent = EventCodec.cloudEvent(UUID.randomUUID(), event.eventType().name(), "test",
                event.subject().toString(), OffsetDateTime.now(), event.tenant(), Actor.system("test"),
                event.aggregateVersion(), EventCodec.toJson(event));
        try {
            kafka.send(EventCodec.toRecord(event.eventType().topic(), cloudEvent)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int read(UUID org, String token) {
        return http.get().uri("/api/organizations/{id}", org).headers(h -> h.setBearerAuth(token))
                .exchange().returnResult(String.class).getStatus().value();
    }

    private int write(UUID org, String token) {
        return http.post().uri("/api/organizations/{id}/writes", org).headers(h -> h.setBearerAuth(token))
                .exchange().returnResult(String.class).getStatus().value();
    }

    private List<UUID> organizationsOf(String token) {
        return http.get().uri("/api/my-organizations").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<UUID>>() { }).returnResult().getResponseBody();
    }
}
