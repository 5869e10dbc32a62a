package io.missioncontrol.task.organization;

import io.missioncontrol.contracts.organization.OrganizationCreated;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A tenant: every board, task and agent belongs to exactly one organization. */
@Table("organization")
record Organization(@Id UUID id, String name, String description, String createdBy, Instant createdAt,
                    Instant updatedAt, @Version Long version) {

    static Organization create(String name, String description, String createdBy, Instant now) {
        return new Organization(UUID.randomUUID(), name, description, createdBy, now, now, null);
    }

    OrganizationCreated created() {
        return new OrganizationCreated(id, name, description, version);
    }
}
