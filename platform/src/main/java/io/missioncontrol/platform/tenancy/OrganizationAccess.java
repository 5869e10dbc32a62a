package io.missioncontrol.platform.tenancy;

import io.missioncontrol.platform.security.Caller;
import java.util.UUID;

/**
 * What the caller may do in one organization.
 *
 * @param caller   who is calling
 * @param role     their role there: a member's own, {@code owner} for the admin token, {@code member} for the
 *                 organization's own agents
 * @param memberId the caller's membership, or null when their rights do not come from one (admin token, agents)
 */
public record OrganizationAccess(Caller caller, Role role, UUID memberId) {

    /** Whether the caller is the member with this id: people may always leave an organization themselves. */
    public boolean isMember(UUID id) {
        return memberId != null && memberId.equals(id);
    }
}
