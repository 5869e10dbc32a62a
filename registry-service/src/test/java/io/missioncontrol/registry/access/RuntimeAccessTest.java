package io.missioncontrol.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.tenancy.Memberships;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.platform.web.ApiException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runtimes: viewers read, admins manage, agents never manage, outsiders see nothing. */
class RuntimeAccessTest {

    private static final UUID ORGANIZATION = UUID.randomUUID();
    private static final Map<String, String> ROLES = Map.of("viewer-1", "viewer", "member-1", "member",
            "admin-1", "admin", "owner-1", "owner");

    private final RuntimeAccess access = new RuntimeAccess(new TenantAccess(new Memberships() {
        @Override
        public Mono<Standing> standing(UUID organizationId, Caller person) {
            String role = ROLES.get(person.subject());
            return Mono.just(role == null ? new Standing(null, null, false) : new Standing(UUID.randomUUID(), role, false));
        }

        @Override
        public Mono<Boolean> isLive(UUID organizationId) {
            return Mono.just(true);
        }

        @Override
        public Mono<Void> bind(UUID organizationId, UUID memberId, Caller person) {
            return Mono.empty();
        }

        @Override
        public Flux<Invitation> invitations(Caller person) {
            return Flux.empty();
        }

        @Override
        public Flux<UUID> organizationsOf(Caller person) {
            return Flux.empty();
        }

        @Override
        public Flux<UUID> liveOrganizations() {
            return Flux.just(ORGANIZATION);
        }
    }));

    @Test
    void letsViewersReadAndAdminsManage() {
        assertThat(outcome(person("viewer-1"), a -> a.requireRead(ORGANIZATION, "runtime", "r"))).isEqualTo("ok");
        assertThat(outcome(person("viewer-1"), a -> a.requireManage(ORGANIZATION, "runtime", "r"))).isEqualTo("forbidden");
        assertThat(outcome(person("member-1"), a -> a.requireManage(ORGANIZATION, "runtime", "r"))).isEqualTo("forbidden");
        assertThat(outcome(person("admin-1"), a -> a.requireManage(ORGANIZATION, "runtime", "r"))).isEqualTo("ok");
        assertThat(outcome(person("owner-1"), a -> a.requireManage(ORGANIZATION, "runtime", "r"))).isEqualTo("ok");
        assertThat(outcome(new Caller(Caller.Kind.ADMIN, "admin", null, Set.of()),
                a -> a.requireManage(ORGANIZATION, "runtime", "r"))).isEqualTo("ok");
    }

    @Test
    void hidesRuntimesFromOutsiders() {
        assertThat(outcome(person("stranger"), a -> a.requireRead(ORGANIZATION, "runtime", "r"))).isEqualTo("not_found");
        assertThat(outcome(person("stranger"), a -> a.requireManage(ORGANIZATION, "runtime", "r"))).isEqualTo("not_found");
        assertThat(outcome(agent(UUID.randomUUID()), a -> a.requireManage(ORGANIZATION, "runtime", "r")))
                .isEqualTo("not_found");
    }

    @Test
    void letsAgentsReadButNeverManage() {
        assertThat(outcome(agent(ORGANIZATION), a -> a.requireRead(ORGANIZATION, "runtime", "r"))).isEqualTo("ok");
        assertThat(outcome(agent(ORGANIZATION), a -> a.requireManage(ORGANIZATION, "runtime", "r"))).isEqualTo("forbidden");
    }

    private static Caller person(String subject) {
        return new Caller(Caller.Kind.USER, subject, null, Set.of());
    }

    private static Caller agent(UUID organization) {
        return new Caller(Caller.Kind.AGENT, UUID.randomUUID().toString(), organization,
                Set.of("tasks:read", "tasks:write"));
    }

    private String outcome(Caller caller, Function<RuntimeAccess, Mono<Caller>> check) {
        return check.apply(access).map(passed -> "ok")
                .onErrorResume(ApiException.class, e -> Mono.just(e.code()))
                .contextWrite(ReactiveSecurityContextHolder.withAuthentication(new TestingAuthenticationToken(caller, null)))
                .block();
    }
}
