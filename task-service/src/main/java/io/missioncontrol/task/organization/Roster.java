package io.missioncontrol.task.organization;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.organization.MembershipAdded;
import io.missioncontrol.contracts.organization.MembershipRemoved;
import io.missioncontrol.contracts.organization.MembershipRoleChanged;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.tenancy.Role;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * An organization's membership as its rules need it — its version and how many owners it has — read under the
 * organization's row lock, so that two concurrent changes cannot both see "two owners" and leave none. Transitions
 * say who may do what and return the member to store with the event to publish (at the organization's next version),
 * or refuse with the error the client gets:
 * <ul>
 *   <li>admins and owners manage members; only an owner may make someone an owner or take ownership away;</li>
 *   <li>anyone may leave;</li>
 *   <li>an organization that has owners keeps at least one: the last owner can be neither demoted nor removed.</li>
 * </ul>
 *
 * @param organizationId the organization
 * @param version        its current version; the change's event carries {@code version + 1}
 * @param owners         how many owners it has now
 */
record Roster(UUID organizationId, long version, long owners) {

    /** A member to write (inserted, updated or deleted, by the transition's kind) and the event announcing it. */
    record Change(Member member, DomainEvent event) {
    }

    Change add(Role actor, Member candidate, boolean alreadyMember) {
        requireManager(actor);
        if (candidate.roleValue() == Role.OWNER && actor != Role.OWNER) {
            throw onlyOwners(actor, "make someone an owner");
        }
        if (alreadyMember) {
            throw ApiException.conflict("already_member", "This person is already a member of the organization");
        }
        return new Change(candidate, new MembershipAdded(organizationId, candidate.id(), candidate.subject(),
                candidate.email(), candidate.role(), version + 1));
    }

    /** Empty when the member already has the role: nothing changes and nothing is published. */
    Optional<Change> changeRole(Role actor, Member member, Role role, Instant now) {
        requireManager(actor);
        Role previous = member.roleValue();
        if ((role == Role.OWNER || previous == Role.OWNER) && actor != Role.OWNER) {
            throw onlyOwners(actor, role == Role.OWNER ? "make someone an owner" : "take ownership away");
        }
        if (previous == role) {
            return Optional.empty();
        }
        if (previous == Role.OWNER) {
            requireAnotherOwner("demoted");
        }
        Member changed = member.withRole(role, now);
        return Optional.of(new Change(changed, new MembershipRoleChanged(organizationId, member.id(),
                member.subject(), member.email(), role.wire(), previous.wire(), version + 1)));
    }

    /** {@code self}: the member is the caller, leaving; anyone may. */
    Change remove(Role actor, boolean self, Member member) {
        if (!self) {
            requireManager(actor);
            if (member.roleValue() == Role.OWNER && actor != Role.OWNER) {
                throw onlyOwners(actor, "remove an owner");
            }
        }
        if (member.roleValue() == Role.OWNER) {
            requireAnotherOwner("removed");
        }
        return new Change(member, new MembershipRemoved(organizationId, member.id(), member.subject(),
                member.email(), member.role(), version + 1));
    }

    private void requireAnotherOwner(String what) {
        if (owners <= 1) {
            throw ApiException.conflict("last_owner", "The last owner of an organization cannot be " + what
                    + "; make someone else an owner first");
        }
    }

    private static void requireManager(Role actor) {
        if (!actor.atLeast(Role.ADMIN)) {
            throw forbidden("Only admins and owners manage the members of an organization", actor, Role.ADMIN);
        }
    }

    private static ApiException onlyOwners(Role actor, String what) {
        return forbidden("Only an owner may " + what, actor, Role.OWNER);
    }

    private static ApiException forbidden(String detail, Role role, Role required) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", detail,
                Map.of("role", role.wire(), "required_role", required.wire()));
    }
}
