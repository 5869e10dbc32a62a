package io.missioncontrol.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoleTest {

    @Test
    void eachRoleIncludesTheOnesBelowIt() {
        assertThat(Role.OWNER.atLeast(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.atLeast(Role.MEMBER)).isTrue();
        assertThat(Role.MEMBER.atLeast(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.atLeast(Role.MEMBER)).isFalse();
        assertThat(Role.MEMBER.atLeast(Role.ADMIN)).isFalse();
        assertThat(Role.ADMIN.atLeast(Role.OWNER)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleIsAtLeastItself(Role role) {
        assertThat(role.atLeast(role)).isTrue();
        assertThat(role.atLeast(Role.VIEWER)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void wireWordsRoundTrip(Role role) {
        assertThat(Role.fromWire(role.wire())).isEqualTo(role);
        assertThat(Role.WIRE_NAMES).contains(role.wire());
    }
}
