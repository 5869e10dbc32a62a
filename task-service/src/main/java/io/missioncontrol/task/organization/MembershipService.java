package io.missioncontrol.task.organization;

import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.platform.tenancy.OrganizationAccess;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.tenancy.TenantAccess;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Who belongs to an organization and in which role. Every change runs the same way: check the caller's place (404 for
 * outsiders, before any lock), take the organization's row lock, let the {@link Roster} decide, then write the
 * organization (its version grows), the member, and the event — in one transaction.
 */
@Service
class MembershipService {

    private final MemberRepository members;
    private final OrganizationRepository organizations;
    private final R2dbcEntityTemplate template;
    private final TenantAccess access;
    private final Outbox outbox;
    private final Clock clock;

    MembershipService(MemberRepository members, OrganizationRepository organizations, R2dbcEntityTemplate template,
                      TenantAccess access, Outbox outbox, Clock clock) {
        this.members = members;
        this.organizations = organizations;
        this.template = template;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The founder of a new organization becomes its first owner; joins the caller's transaction. */
    Mono<Organization> addFounder(Organization organization, Caller founder) {
        var roster = new Roster(organization.id(), organization.version(), 0);
        var change = roster.add(Role.OWNER, Member.invite(organization.id(), founder.subject(), founder.email(),
                Role.OWNER, founder.subject(), clock.instant()), false);
        return apply(organization, change, template::insert).map(applied -> applied.organization());
    }

    /**
     * For the organization's members and the admin token. Not for agents: they are no members, and the list holds
     * people's e-mail addresses, which an agent has no need to collect.
     */
    Mono<Page<Member>> list(UUID organizationId, int limit, Page.Cursor after) {
        return access.requireRead(organizationId, "organization", organizationId)
                .flatMap(caller -> caller.kind() == Caller.Kind.AGENT
                        ? Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                                "Agents do not see who the members of an organization are"))
                        : members.findPage(organizationId, after.time(), after.id(), limit + 1).collectList())
                .map(rows -> Page.of(rows, limit, row -> new Page.Cursor(row.createdAt(), row.id())));
    }

    /** {@code subject} and {@code email} as validated by the controller: at least one, the address in lower case. */
    @Transactional
    Mono<Member> add(UUID organizationId, String subject, String email, Role role) {
        return access.access(organizationId, "organization", organizationId)
                .flatMap(actor -> lock(organizationId).flatMap(roster -> members
                        .existsPerson(organizationId, subject, email)
                        .flatMap(exists -> {
                            Member candidate = Member.invite(organizationId, subject, email, role,
                                    actor.caller().subject(), clock.instant());
                            var change = roster.roster().add(actor.role(), candidate, exists);
                            return apply(roster.organization(), change, template::insert);
                        })))
                .map(Applied::member);
    }

    @Transactional
    Mono<Member> changeRole(UUID organizationId, UUID memberId, Role role) {
        return access.access(organizationId, "organization", organizationId)
                .flatMap(actor -> lock(organizationId).flatMap(roster -> member(organizationId, memberId)
                        .flatMap(member -> roster.roster().changeRole(actor.role(), member, role, clock.instant())
                                .map(change -> apply(roster.organization(), change, template::update)
                                        .map(Applied::member))
                                .orElseGet(() -> Mono.just(member)))));
    }

    @Transactional
    Mono<Void> remove(UUID organizationId, UUID memberId) {
        return access.access(organizationId, "organization", organizationId)
                .flatMap(actor -> lock(organizationId).flatMap(roster -> member(organizationId, memberId)
                        .flatMap(member -> apply(roster.organization(),
                                roster.roster().remove(actor.role(), isSelf(actor, member), member),
                                removed -> members.delete(removed).thenReturn(removed)))))
                .then();
    }

    private static boolean isSelf(OrganizationAccess actor, Member member) {
        return actor.isMember(member.id());
    }

    private Mono<Member> member(UUID organizationId, UUID memberId) {
        return members.findInOrganization(memberId, organizationId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("member", memberId)));
    }

    /** The organization under its row lock, with what the rules need to know about its membership. */
    private Mono<Locked> lock(UUID organizationId) {
        return organizations.lockLive(organizationId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("organization", organizationId)))
                .flatMap(organization -> members.countOwners(organizationId)
                        .map(owners -> new Locked(organization,
                                new Roster(organizationId, organization.version(), owners))));
    }

    /** The organization's row first (its version grows by one: the event's), then the member, then the event. */
    private Mono<Applied> apply(Organization organization, Roster.Change change,
                                Function<Member, Mono<Member>> write) {
        return organizations.save(organization)
                .flatMap(saved -> {
                    if (saved.version() != change.event().aggregateVersion()) {
                        return Mono.error(new IllegalStateException("Organization " + saved.id() + " is at version "
                                + saved.version() + ", its membership event at " + change.event().aggregateVersion()));
                    }
                    return write.apply(change.member())
                            .flatMap(written -> outbox.append(change.event()).thenReturn(new Applied(saved, written)));
                });
    }

    private record Locked(Organization organization, Roster roster) {
    }

    private record Applied(Organization organization, Member member) {
    }
}
