package io.missioncontrol.task.organization;

import io.missioncontrol.contracts.organization.OrganizationCreated;
import io.missioncontrol.contracts.organization.OrganizationDeleted;
import io.missioncontrol.contracts.organization.OrganizationUpdated;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A tenant: every board, task and agent belongs to exactly one organization. Its {@code version} counts every change
 * of the organization <em>and of its membership</em>: both are published under the organization's id, and consumers
 * drop an event whose version is not newer than what they hold. Deleting is soft: {@code deletedAt} hides it.
 */
@Table("organization")
record Organization(@Id UUID id, String name, String description, String createdBy, Instant createdAt,
                    Instant updatedAt, Instant deletedAt, @Version Long version) {

    static Organization create(String name, String description, String createdBy, Instant now) {
        return new Organization(UUID.randomUUID(), name, description, createdBy, now, now, null, null);
    }

    OrganizationCreated created() {
        return new OrganizationCreated(id, name, description, version);
    }

    /**
     * The organization with a new name and/or description; a null argument keeps the current value and an empty
     * description clears it. Empty when nothing would change, so that an idempotent PATCH publishes nothing.
     */
    Optional<Organization> edited(String newName, String newDescription, Instant now) {
        String name = newName == null ? this.name : newName;
        String description = newDescription == null ? this.description
                : newDescription.isEmpty() ? null : newDescription;
        if (name.equals(this.name) && Objects.equals(description, this.description)) {
            return Optional.empty();
        }
        return Optional.of(new Organization(id, name, description, createdBy, createdAt, now, deletedAt, version));
    }

    OrganizationUpdated updated() {
        return new OrganizationUpdated(id, name, description, version);
    }

    Organization deleted(Instant now) {
        return new Organization(id, name, description, createdBy, createdAt, now, now, version);
    }

    OrganizationDeleted deletion() {
        return new OrganizationDeleted(id, name, version);
    }
}
