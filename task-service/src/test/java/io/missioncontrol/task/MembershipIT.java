package io.missioncontrol.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.Topics;
import io.missioncontrol.contracts.organization.MembershipAdded;
import io.missioncontrol.contracts.organization.MembershipBound;
import io.missioncontrol.contracts.organization.MembershipRemoved;
import io.missioncontrol.contracts.organization.MembershipRoleChanged;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.contracts.organization.OrganizationDeleted;
import io.missioncontrol.contracts.organization.OrganizationUpdated;
import io.missioncontrol.platform.events.EventCodec;
import io.missioncontrol.platform.events.EventEnvelope;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.platform.testing.ServiceTest;
import io.missioncontrol.platform.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Memberships and roles through task-service's API, on a real PostgreSQL and Kafka: who may do what in an
 * organization, the last-owner rule, invitations by address, and the membership events other services build on.
 */
@ServiceTest
class MembershipIT {

    @Autowired
    WebTestClient http;
    @Autowired
    TenantAccess access;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private static KafkaConsumer<String, byte[]> consumer;
    private static final List<EventEnvelope<DomainEvent>> published = new ArrayList<>();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String alice = TestTokens.user("alice-" + run, "alice-" + run + "@example.com");
    private final String bob = TestTokens.user("bob-" + run);
    private final String outsider = TestTokens.user("mallory-" + run, "mallory-" + run + "@example.com");

    @BeforeAll
    static void noConsumerYet() {
        published.clear();
    }

    @AfterAll
    static void closeConsumer() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    @Test
    void personWhoFoundsAnOrganizationIsItsOwner() {
        Map<?, ?> org = post(alice, "/api/organizations", Map.of("name", "Acme", "description", "Robots"), 201);
        String id = (String) org.get("id");

        assertThat(org.get("created_by")).isEqualTo("alice-" + run);
        assertThat(org.get("version")).as("created, then its owner added").isEqualTo(1);
        as(alice).get().uri("/api/organizations/{id}/members", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].subject").isEqualTo("alice-" + run)
                .jsonPath("$.items[0].email").isEqualTo("alice-" + run + "@example.com")
                .jsonPath("$.items[0].role").isEqualTo("owner")
                .jsonPath("$.items[0].organization_id").isEqualTo(id)
                .jsonPath("$.next_cursor").doesNotExist();
        assertThat(organizationIds(alice)).contains(id);
        assertThat(organizationIds(outsider)).doesNotContain(id);
        assertThat(organizationIds(TestTokens.admin())).contains(id);
    }

    @Test
    void agentsCannotFoundOrganizations() {
        String agent = TestTokens.agent(UUID.randomUUID(), UUID.randomUUID());

        as(agent).post().uri("/api/organizations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Skynet")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
    }

    @Test
    void eachRoleMayDoWhatItIsFor() {
        String org = organization(alice);
        String group = id(post(alice, "/api/board-groups", Map.of("organization_id", org, "name", "G"), 201));
        String board = id(post(alice, "/api/boards", Map.of("board_group_id", group, "name", "B"), 201));
        post(alice, "/api/organizations/" + org + "/members", Map.of("subject", "bob-" + run, "role", "member"), 201);
        String viewerEmail = "Vic-" + run + "@Example.com";
        Map<?, ?> invited = post(alice, "/api/organizations/" + org + "/members",
                Map.of("email", viewerEmail, "role", "viewer"), 201);
        assertThat(invited.get("subject")).as("an invitation, until Vic signs in").isNull();
        assertThat(invited.get("email")).isEqualTo(viewerEmail.toLowerCase());
        String viewer = TestTokens.user("vic-" + run, viewerEmail.toLowerCase());

        // Vic's first call binds the invitation to him.
        assertThat(organizationIds(viewer)).containsExactly(org);
        as(alice).get().uri("/api/organizations/{id}/members", org).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[?(@.email == '" + viewerEmail.toLowerCase() + "')].subject").isEqualTo("vic-" + run);

        // A viewer reads, and nothing more.
        as(viewer).get().uri("/api/organizations/{id}", org).exchange().expectStatus().isOk();
        as(viewer).get().uri("/api/boards/{id}", board).exchange().expectStatus().isOk();
        as(viewer).get().uri("/api/tasks?organization_id={id}", org).exchange().expectStatus().isOk();
        expectForbidden(as(viewer).post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("board_id", board, "title", "Sneaky")), "member");
        expectForbidden(patch(viewer, "/api/organizations/" + org, Map.of("name", "Mine")), "admin");
        expectForbidden(as(viewer).delete().uri("/api/organizations/{id}", org), "owner");
        expectForbidden(as(viewer).post().uri("/api/organizations/{id}/members", org)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("subject", "eve", "role", "viewer")), null);

        // A member writes tasks, but does not manage the organization.
        post(bob, "/api/tasks", Map.of("board_id", board, "title", "Real work"), 201);
        expectForbidden(patch(bob, "/api/organizations/" + org, Map.of("name", "Bob's")), "admin");
        // Boards are managed by admins: a member is told so, an outsider only that the parent does not exist.
        expectForbidden(as(bob).post().uri("/api/board-groups").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organization_id", org, "name", "Bob's group")), "admin");
        expectForbidden(as(bob).post().uri("/api/boards").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("board_group_id", group, "name", "Bob's board")), "admin");
        post(outsider, "/api/boards", Map.of("board_group_id", group, "name", "Mallory's board"), 422);
        expectForbidden(as(bob).post().uri("/api/organizations/{id}/members", org)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("subject", "eve", "role", "viewer")), null);

        // The organization's own agent reads tasks and moves its own (decision 0012), but creates none, manages
        // nothing and does not list people. Reading needs tasks:read (decision 0013).
        String agent = TestTokens.agent(UUID.randomUUID(), UUID.fromString(org), "tasks:read", "tasks:write");
        as(agent).get().uri("/api/organizations/{id}", org).exchange().expectStatus().isOk();
        expectForbidden(as(agent).get().uri("/api/organizations/{id}/members", org), null);
        post(agent, "/api/tasks", Map.of("board_id", board, "title", "Agent work"), 403);
        expectForbidden(patch(agent, "/api/organizations/" + org, Map.of("name", "Agents")), "admin");
    }

    @Test
    void outsiderFindsNothingAtAnyOrganizationEndpoint() {
        String org = organization(alice);
        String members = "/api/organizations/" + org + "/members";
        String aliceMember = memberId(alice, org, "alice-" + run);
        String group = id(post(alice, "/api/board-groups", Map.of("organization_id", org, "name", "G"), 201));
        String foreignAgent = TestTokens.agent(UUID.randomUUID(), UUID.randomUUID(), "tasks:write");

        for (String token : List.of(outsider, foreignAgent)) {
            expectNotFound(as(token).get().uri("/api/organizations/{id}", org));
            expectNotFound(patch(token, "/api/organizations/" + org, Map.of("name", "Pwned")));
            expectNotFound(as(token).delete().uri("/api/organizations/{id}", org));
            expectNotFound(as(token).get().uri(members));
            expectNotFound(as(token).post().uri(members).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("subject", "mallory-" + run, "role", "owner")));
            expectNotFound(patch(token, members + "/" + aliceMember, Map.of("role", "viewer")));
            expectNotFound(as(token).delete().uri(members + "/" + aliceMember));
            expectNotFound(as(token).get().uri("/api/board-groups/{id}", group));
            expectNotFound(as(token).get().uri("/api/board-groups?organization_id={id}", org));
            expectNotFound(as(token).get().uri("/api/tasks?organization_id={id}", org));
            as(token).post().uri("/api/board-groups").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("organization_id", org, "name", "Mine")).exchange()
                    .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("unknown_reference");
        }
        // An unknown member of an organization you belong to is a plain 404 too.
        expectNotFound(patch(alice, members + "/" + UUID.randomUUID(), Map.of("role", "viewer")));
    }

    @Test
    void lastOwnerCanNeitherLeaveNorBeDemoted() {
        String org = organization(alice);
        String members = "/api/organizations/" + org + "/members";
        String aliceMember = memberId(alice, org, "alice-" + run);

        expectLastOwner(patch(alice, members + "/" + aliceMember, Map.of("role", "admin")));
        expectLastOwner(as(alice).delete().uri(members + "/" + aliceMember));
        expectLastOwner(as(TestTokens.admin()).delete().uri(members + "/" + aliceMember));

        // With a second owner, the first may step down — and then no longer touches owners.
        String bobMember = id(post(alice, members, Map.of("subject", "bob-" + run, "role", "owner"), 201));
        patch(alice, members + "/" + aliceMember, Map.of("role", "admin")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("admin");
        expectForbidden(patch(alice, members + "/" + bobMember, Map.of("role", "admin")), "owner");
        expectForbidden(patch(alice, members + "/" + aliceMember, Map.of("role", "owner")), "owner");
        expectLastOwner(as(bob).delete().uri(members + "/" + bobMember));
    }

    @Test
    void membershipRequestsAreChecked() {
        String org = organization(alice);
        String members = "/api/organizations/" + org + "/members";
        post(alice, members, Map.of("subject", "bob-" + run, "email", "bob-" + run + "@example.com", "role", "admin"),
                201);

        for (Map<String, String> again : List.of(Map.of("subject", "bob-" + run, "role", "viewer"),
                Map.of("email", "BOB-" + run + "@example.com", "role", "viewer"))) {
            as(alice).post().uri(members).contentType(MediaType.APPLICATION_JSON).bodyValue(again).exchange()
                    .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("already_member");
        }
        as(alice).post().uri(members).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "carol", "role", "superuser")).exchange()
                .expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field").isEqualTo("role")
                .jsonPath("$.errors[0].message").isEqualTo("must be one of owner, admin, member, viewer");
        as(alice).post().uri(members).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("role", "viewer")).exchange()
                .expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[?(@.field == 'subject')]").exists()
                .jsonPath("$.errors[?(@.field == 'email')]").exists();
        as(alice).post().uri(members).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-address", "role", "viewer")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
        String bobMember = memberId(alice, org, "bob-" + run);
        patch(alice, members + "/" + bobMember, Map.of("role", "boss")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("role");
        // An admin may add members, but not owners.
        expectForbidden(as(bob).post().uri(members).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", "carol-" + run, "role", "owner")), "owner");
        post(bob, members, Map.of("subject", "carol-" + run, "role", "member"), 201);
    }

    @Test
    void memberMayLeave() {
        String org = organization(alice);
        String members = "/api/organizations/" + org + "/members";
        String bobMember = id(post(alice, members, Map.of("subject", "bob-" + run, "role", "viewer"), 201));

        as(bob).delete().uri(members + "/" + bobMember).exchange().expectStatus().isNoContent();

        expectNotFound(as(bob).get().uri("/api/organizations/{id}", org));
        assertThat(organizationIds(bob)).doesNotContain(org);
    }

    @Test
    void adminEditsTheOrganization() {
        String org = organization(alice);
        post(alice, "/api/organizations/" + org + "/members", Map.of("subject", "bob-" + run, "role", "admin"), 201);

        patch(bob, "/api/organizations/" + org, Map.of("name", "  Acme Robotics  ")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Acme Robotics")
                .jsonPath("$.description").isEqualTo("Test organization")
                .jsonPath("$.version").isEqualTo(3);
        patch(bob, "/api/organizations/" + org, Map.of("name", " ")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        patch(bob, "/api/organizations/" + org, Map.of("description", "")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.description").doesNotExist();
        expectForbidden(as(bob).delete().uri("/api/organizations/{id}", org), "owner");
    }

    @Test
    void deletedOrganizationIsGoneForEveryone() {
        String org = organization(alice);
        String group = id(post(alice, "/api/board-groups", Map.of("organization_id", org, "name", "G"), 201));
        String board = id(post(alice, "/api/boards", Map.of("board_group_id", group, "name", "B"), 201));

        as(alice).delete().uri("/api/organizations/{id}", org).exchange().expectStatus().isNoContent();

        for (String token : List.of(alice, TestTokens.admin())) {
            expectNotFound(as(token).get().uri("/api/organizations/{id}", org));
            expectNotFound(as(token).get().uri("/api/organizations/{id}/members", org));
            expectNotFound(as(token).get().uri("/api/boards/{id}", board));
            expectNotFound(as(token).delete().uri("/api/organizations/{id}", org));
            assertThat(organizationIds(token)).doesNotContain(org);
        }
        assertThat(eventsOf(org, 3)).extracting(EventEnvelope::type).containsExactly(
                OrganizationCreated.TYPE.name(), MembershipAdded.TYPE.name(), OrganizationDeleted.TYPE.name());
    }

    @Test
    void adminTokenActsAsOwnerOfEveryOrganization() {
        String org = id(post(TestTokens.admin(), "/api/organizations", Map.of("name", "Ops"), 201));

        as(TestTokens.admin()).get().uri("/api/organizations/{id}/members", org).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
        post(TestTokens.admin(), "/api/organizations/" + org + "/members",
                Map.of("subject", "alice-" + run, "role", "owner"), 201);

        assertThat(organizationIds(alice)).contains(org);
        patch(TestTokens.admin(), "/api/organizations/" + org, Map.of("description", "Operations")).exchange()
                .expectStatus().isOk();
    }

    /** What other services build their membership copies from: one organization's changes, in order, one counter. */
    @Test
    void membershipChangesArePublishedInOrderUnderTheOrganization() {
        String org = organization(alice);
        String members = "/api/organizations/" + org + "/members";
        String bobMember = id(post(alice, members, Map.of("subject", "bob-" + run, "role", "member"), 201));
        patch(alice, members + "/" + bobMember, Map.of("role", "admin")).exchange().expectStatus().isOk();
        patch(alice, members + "/" + bobMember, Map.of("role", "admin")).exchange().expectStatus().isOk();
        String invited = id(post(alice, members, Map.of("email", "gina-" + run + "@example.com", "role", "viewer"),
                201));
        as(TestTokens.user("gina-" + run, "gina-" + run + "@example.com")).get().uri("/api/organizations/{id}", org)
                .exchange().expectStatus().isOk();
        patch(alice, "/api/organizations/" + org, Map.of("name", "Renamed")).exchange().expectStatus().isOk();
        as(alice).delete().uri(members + "/" + bobMember).exchange().expectStatus().isNoContent();

        List<EventEnvelope<DomainEvent>> events = eventsOf(org, 8);

        assertThat(events).extracting(EventEnvelope::type).containsExactly(
                OrganizationCreated.TYPE.name(),
                MembershipAdded.TYPE.name(),
                MembershipAdded.TYPE.name(),
                MembershipRoleChanged.TYPE.name(), // the second, identical change published nothing
                MembershipAdded.TYPE.name(),
                MembershipBound.TYPE.name(),
                OrganizationUpdated.TYPE.name(),
                MembershipRemoved.TYPE.name());
        assertThat(events).extracting(EventEnvelope::aggregateVersion).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.subject()).isEqualTo(org);
            assertThat(event.organizationId()).hasToString(org);
        });
        UUID orgId = UUID.fromString(org);
        assertThat(events.get(1).data()).isEqualTo(new MembershipAdded(orgId,
                ((MembershipAdded) events.get(1).data()).memberId(), "alice-" + run, "alice-" + run + "@example.com",
                "owner", 1));
        assertThat(events.get(3).data()).isEqualTo(new MembershipRoleChanged(orgId, UUID.fromString(bobMember),
                "bob-" + run, null, "admin", "member", 3));
        assertThat(events.get(3).actor().type()).isEqualTo("user");
        assertThat(events.get(3).actor().id()).isEqualTo("alice-" + run);
        assertThat(events.get(5).data()).isEqualTo(new MembershipBound(orgId, UUID.fromString(invited),
                "gina-" + run, "gina-" + run + "@example.com", "viewer", 5));
        assertThat(events.get(5).actor().id()).isEqualTo("gina-" + run);
        assertThat(events.get(7).data()).isEqualTo(new MembershipRemoved(orgId, UUID.fromString(bobMember),
                "bob-" + run, null, "admin", 7));
    }

    @Test
    void theOrganizationsOfACallerAreTheirMembershipsTheirOwnOrEveryLiveOne() {
        String org = organization(alice);
        String gone = organization(alice);
        post(alice, "/api/organizations/" + org + "/members", Map.of("email", "carol-" + run + "@example.com",
                "role", "viewer"), 201);
        as(alice).delete().uri("/api/organizations/{id}", gone).exchange().expectStatus().isNoContent();
        UUID orgId = UUID.fromString(org);
        UUID goneId = UUID.fromString(gone);

        assertThat(organizationsOf(new Caller(Caller.Kind.USER, "alice-" + run, null, Set.of())))
                .contains(orgId).doesNotContain(goneId);
        assertThat(organizationsOf(new Caller(Caller.Kind.USER, "carol-" + run, null, Set.of(),
                "carol-" + run + "@example.com"))).containsExactly(orgId);
        assertThat(organizationsOf(new Caller(Caller.Kind.USER, "mallory-" + run, null, Set.of()))).isEmpty();
        assertThat(organizationsOf(new Caller(Caller.Kind.AGENT, UUID.randomUUID().toString(), orgId, Set.of())))
                .containsExactly(orgId);
        assertThat(organizationsOf(new Caller(Caller.Kind.AGENT, UUID.randomUUID().toString(), goneId, Set.of())))
                .isEmpty();
        assertThat(organizationsOf(new Caller(Caller.Kind.ADMIN, "admin", null, Set.of())))
                .contains(orgId).doesNotContain(goneId);
    }

    private List<UUID> organizationsOf(Caller caller) {
        return access.organizationsOf(caller).collectList().block();
    }

    private synchronized List<EventEnvelope<DomainEvent>> eventsOf(String organizationId, int expected) {
        if (consumer == null) {
            var properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, "membership-it-" + UUID.randomUUID());
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(Topics.ORGANIZATIONS));
        }
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> published.add(EventCodec.decode(record)));
            return keyed(organizationId).size() >= expected;
        });
        return keyed(organizationId);
    }

    private static List<EventEnvelope<DomainEvent>> keyed(String organizationId) {
        return published.stream().filter(event -> event.subject().equals(organizationId)).toList();
    }

    private String organization(String founder) {
        return id(post(founder, "/api/organizations", Map.of("name", "Org " + run, "description", "Test organization"),
                201));
    }

    @SuppressWarnings("unchecked")
    private List<String> organizationIds(String token) {
        Map<?, ?> page = as(token).get().uri("/api/organizations?limit=200").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<?, ?>>) page.get("items")).stream().map(item -> (String) item.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private String memberId(String token, String organizationId, String subject) {
        Map<?, ?> page = as(token).get().uri("/api/organizations/{id}/members?limit=200", organizationId).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<?, ?>>) page.get("items")).stream().filter(item -> subject.equals(item.get("subject")))
                .map(item -> (String) item.get("id")).findFirst().orElseThrow();
    }

    private Map<?, ?> post(String token, String path, Map<String, ?> body, int status) {
        return as(token).post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient.RequestHeadersSpec<?> patch(String token, String path, Map<String, ?> body) {
        return as(token).method(HttpMethod.PATCH).uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static String id(Map<?, ?> created) {
        return (String) created.get("id");
    }

    private WebTestClient as(String token) {
        return http.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
    }

    private static void expectNotFound(WebTestClient.RequestHeadersSpec<?> request) {
        request.exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
    }

    private static void expectForbidden(WebTestClient.RequestHeadersSpec<?> request, String requiredRole) {
        var body = request.exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
        if (requiredRole != null) {
            body.jsonPath("$.required_role").isEqualTo(requiredRole);
        }
    }

    private static void expectLastOwner(WebTestClient.RequestHeadersSpec<?> request) {
        request.exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("last_owner");
    }
}
