package io.missioncontrol.task.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.organization.OrganizationDeleted;
import io.missioncontrol.contracts.organization.OrganizationUpdated;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrganizationTest {

    private static final Instant THEN = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final Organization acme = withVersion(Organization.create("Acme", "Robots", "admin", THEN), 3);

    @Test
    void editKeepsWhatIsNotGiven() {
        Organization renamed = acme.edited("Acme Robotics", null, NOW).orElseThrow();

        assertThat(renamed.name()).isEqualTo("Acme Robotics");
        assertThat(renamed.description()).isEqualTo("Robots");
        assertThat(renamed.updatedAt()).isEqualTo(NOW);
        assertThat(renamed.updated()).isEqualTo(new OrganizationUpdated(acme.id(), "Acme Robotics", "Robots", 3));
    }

    @Test
    void emptyDescriptionClearsIt() {
        assertThat(acme.edited(null, "", NOW).orElseThrow().description()).isNull();
    }

    @Test
    void editThatChangesNothingIsNoChange() {
        assertThat(acme.edited("Acme", "Robots", NOW)).isEmpty();
        assertThat(acme.edited(null, null, NOW)).isEmpty();
    }

    @Test
    void deletionIsSoft() {
        Organization deleted = acme.deleted(NOW);

        assertThat(deleted.deletedAt()).isEqualTo(NOW);
        assertThat(deleted.name()).isEqualTo("Acme");
        assertThat(deleted.deletion()).isEqualTo(new OrganizationDeleted(acme.id(), "Acme", 3));
    }

    private static Organization withVersion(Organization organization, long version) {
        return new Organization(organization.id(), organization.name(), organization.description(),
                organization.createdBy(), organization.createdAt(), organization.updatedAt(),
                organization.deletedAt(), version);
    }
}
