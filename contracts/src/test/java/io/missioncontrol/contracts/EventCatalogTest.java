package io.missioncontrol.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void namesEveryTypeOnce() {
        var names = new HashSet<String>();
        EventCatalog.ALL.forEach(type -> assertThat(names.add(type.name())).as(type.name()).isTrue());
    }

    @Test
    void publishesOnlyToDomainTopics() {
        EventCatalog.ALL.forEach(type -> assertThat(Topics.DOMAIN).as(type.name()).contains(type.topic()));
    }

    /** Live board streams pick task events by their board: a task event without one would never be streamed. */
    @Test
    void everyTaskEventNamesItsBoard() {
        EventCatalog.ALL.stream().filter(type -> type.topic().equals(Topics.TASKS)).forEach(type ->
                assertThat(BoardScoped.class.isAssignableFrom(type.dataClass())).as(type.name()).isTrue());
    }

    @Test
    void findsATypeByItsWireName() {
        assertThat(EventCatalog.find("mc.task.created.v1")).isPresent();
        assertThat(EventCatalog.find("io.missioncontrol.contracts.task.TaskCreated")).isEmpty();
    }

    @Test
    void summarizesCreationsForPeople() {
        var id = java.util.UUID.randomUUID();
        assertThat(new io.missioncontrol.contracts.organization.OrganizationCreated(id, "Acme", null, 0).summary())
                .isEqualTo("Organization \"Acme\" created");
        assertThat(new io.missioncontrol.contracts.board.BoardCreated(id, id, id, "Release", null, 0).summary())
                .isEqualTo("Board \"Release\" created");
        assertThat(new io.missioncontrol.contracts.task.TaskCreated(id, id, id, "Ship", null, "todo", "high", null, 0)
                .summary()).isEqualTo("Task \"Ship\" created (todo, high priority)");
    }

    @Test
    void summarizesOrganizationAndMembershipChanges() {
        var id = java.util.UUID.randomUUID();
        assertThat(new io.missioncontrol.contracts.organization.OrganizationUpdated(id, "Acme", null, 3).summary())
                .isEqualTo("Organization \"Acme\" updated");
        assertThat(new io.missioncontrol.contracts.organization.OrganizationDeleted(id, "Acme", 4).summary())
                .isEqualTo("Organization \"Acme\" deleted");
        assertThat(new io.missioncontrol.contracts.organization.MembershipAdded(id, id, null, "ada@example.com",
                "viewer", 1).summary()).isEqualTo("Member ada@example.com added as viewer");
        assertThat(new io.missioncontrol.contracts.organization.MembershipRoleChanged(id, id, "auth0|ada", null,
                "admin", "viewer", 2).summary()).isEqualTo("Member auth0|ada is now admin (was viewer)");
        assertThat(new io.missioncontrol.contracts.organization.MembershipRemoved(id, id, "auth0|ada",
                "ada@example.com", "admin", 3).summary()).isEqualTo("Member ada@example.com removed (was admin)");
        assertThat(new io.missioncontrol.contracts.organization.MembershipBound(id, id, "auth0|ada",
                "ada@example.com", "viewer", 2).summary()).isEqualTo("Member ada@example.com signed in for the first time");
    }

    /** Membership events are keyed by their organization, so one organization's changes stay in order. */
    @Test
    void keysMembershipEventsByOrganization() {
        var organization = java.util.UUID.randomUUID();
        var member = java.util.UUID.randomUUID();
        var added = new io.missioncontrol.contracts.organization.MembershipAdded(organization, member, "s", null,
                "member", 5);
        assertThat(added.subject()).isEqualTo(organization);
        assertThat(added.tenant()).isEqualTo(organization);
        assertThat(added.aggregateVersion()).isEqualTo(5);
    }

    /** Outside consumers read docs/events.md: every type and topic must be documented there. */
    @Test
    void everyTypeAndTopicIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "events.md"));
        EventCatalog.ALL.forEach(type -> assertThat(docs).as(type.name())
                .contains("### `" + type.name() + "` — topic `" + type.topic() + "`"));
        Topics.DOMAIN.forEach(topic -> assertThat(docs).contains("`" + Topics.deadLetter(topic) + "`"));
    }
}
