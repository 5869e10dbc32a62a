package io.missioncontrol.task.organization;

import io.missioncontrol.platform.tenancy.Role;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A person's membership of an organization. Known by the identity provider's {@code subject}, or — until that person
 * first signs in — only by the {@code email} address they were invited with (stored in lower case). No version of its
 * own: membership changes are versioned, locked and published as changes of the organization (see {@link Roster}).
 */
@Table("membership")
record Member(@Id UUID id, UUID organizationId, String subject, String email, String role, String createdBy,
              Instant createdAt, Instant updatedAt) {

    static Member invite(UUID organizationId, String subject, String email, Role role, String createdBy, Instant now) {
        return new Member(UUID.randomUUID(), organizationId, subject, email, role.wire(), createdBy, now, now);
    }

    Role roleValue() {
        return Role.fromWire(role);
    }

    Member withRole(Role newRole, Instant now) {
        return new Member(id, organizationId, subject, email, newRole.wire(), createdBy, createdAt, now);
    }
}
