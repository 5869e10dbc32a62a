package io.missioncontrol.task.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.contracts.organization.MembershipAdded;
import io.missioncontrol.contracts.organization.MembershipRemoved;
import io.missioncontrol.contracts.organization.MembershipRoleChanged;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.tenancy.Role;
import java.time.Instant;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpStatus;

class RosterTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final Roster oneOwner = new Roster(ORG, 7, 1);
    private final Roster twoOwners = new Roster(ORG, 7, 2);

    @Test
    void adminAddsAMemberAtTheOrganizationsNextVersion() {
        Member ada = member("ada", Role.VIEWER);

        var change = oneOwner.add(Role.ADMIN, ada, false);

        assertThat(change.member()).isEqualTo(ada);
        assertThat(change.event()).isEqualTo(new MembershipAdded(ORG, ada.id(), "ada", null, "viewer", 8));
        assertThat(change.event().subject()).as("keyed by the organization").isEqualTo(ORG);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"VIEWER", "MEMBER"})
    void onlyAdminsAndOwnersManageMembers(Role actor) {
        assertForbidden(() -> oneOwner.add(actor, member("ada", Role.VIEWER), false));
        assertForbidden(() -> twoOwners.changeRole(actor, member("ada", Role.VIEWER), Role.MEMBER, NOW));
        assertForbidden(() -> twoOwners.remove(actor, false, member("ada", Role.VIEWER)));
    }

    @Test
    void onlyAnOwnerMakesSomeoneAnOwner() {
        assertForbidden(() -> oneOwner.add(Role.ADMIN, member("ada", Role.OWNER), false));
        assertForbidden(() -> oneOwner.changeRole(Role.ADMIN, member("ada", Role.ADMIN), Role.OWNER, NOW));

        assertThat(oneOwner.add(Role.OWNER, member("ada", Role.OWNER), false).event())
                .isInstanceOf(MembershipAdded.class);
        assertThat(oneOwner.changeRole(Role.OWNER, member("ada", Role.ADMIN), Role.OWNER, NOW)).isPresent();
    }

    @Test
    void onlyAnOwnerTakesOwnershipAway() {
        assertForbidden(() -> twoOwners.changeRole(Role.ADMIN, member("ada", Role.OWNER), Role.ADMIN, NOW));
        assertForbidden(() -> twoOwners.remove(Role.ADMIN, false, member("ada", Role.OWNER)));
    }

    @Test
    void duplicateMemberIsAConflict() {
        assertThatThrownBy(() -> oneOwner.add(Role.OWNER, member("ada", Role.VIEWER), true))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.code()).isEqualTo("already_member");
                });
    }

    @Test
    void changingARoleReportsThePreviousOne() {
        Member ada = member("ada", Role.VIEWER);

        var change = twoOwners.changeRole(Role.ADMIN, ada, Role.MEMBER, NOW).orElseThrow();

        assertThat(change.member().roleValue()).isEqualTo(Role.MEMBER);
        assertThat(change.member().updatedAt()).isEqualTo(NOW);
        assertThat(change.event()).isEqualTo(new MembershipRoleChanged(ORG, ada.id(), "ada", null, "member",
                "viewer", 8));
    }

    @Test
    void theSameRoleAgainChangesNothing() {
        assertThat(oneOwner.changeRole(Role.OWNER, member("ada", Role.OWNER), Role.OWNER, NOW)).isEmpty();
        assertThat(oneOwner.changeRole(Role.ADMIN, member("bob", Role.MEMBER), Role.MEMBER, NOW)).isEmpty();
    }

    @Test
    void lastOwnerCannotBeDemoted() {
        assertLastOwner(() -> oneOwner.changeRole(Role.OWNER, member("ada", Role.OWNER), Role.ADMIN, NOW));
    }

    @Test
    void lastOwnerCannotLeaveOrBeRemoved() {
        Member ada = member("ada", Role.OWNER);

        assertLastOwner(() -> oneOwner.remove(Role.OWNER, true, ada));
        assertLastOwner(() -> oneOwner.remove(Role.OWNER, false, ada));
    }

    @Test
    void oneOfTwoOwnersMayStepDown() {
        assertThat(twoOwners.changeRole(Role.OWNER, member("ada", Role.OWNER), Role.VIEWER, NOW)).isPresent();
        assertThat(twoOwners.remove(Role.OWNER, true, member("ada", Role.OWNER)).event())
                .isInstanceOf(MembershipRemoved.class);
    }

    @Test
    void anyoneMayLeave() {
        Member viewer = member("vic", Role.VIEWER);

        var change = twoOwners.remove(Role.VIEWER, true, viewer);

        assertThat(change.event()).isEqualTo(new MembershipRemoved(ORG, viewer.id(), "vic", null, "viewer", 8));
    }

    @Test
    void adminRemovesAMember() {
        assertThat(oneOwner.remove(Role.ADMIN, false, member("bob", Role.MEMBER)).event())
                .isInstanceOf(MembershipRemoved.class);
    }

    private static Member member(String subject, Role role) {
        return Member.invite(ORG, subject, null, role, "someone", NOW);
    }

    private static void assertForbidden(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(e.code()).isEqualTo("forbidden");
        });
    }

    private static void assertLastOwner(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.code()).isEqualTo("last_owner");
        });
    }
}
