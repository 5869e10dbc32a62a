package io.missioncontrol.telemetry.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.missioncontrol.contracts.board.BoardCreated;
import io.missioncontrol.contracts.board.BoardGroupCreated;
import io.missioncontrol.contracts.organization.OrganizationCreated;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActivityTest {

    @Test
    void summarizesEachKindOfCreation() {
        UUID id = UUID.randomUUID();
        assertThat(Activity.summarize(new OrganizationCreated(id, "Acme", null, 0)))
                .isEqualTo("Organization \"Acme\" created");
        assertThat(Activity.summarize(new BoardGroupCreated(id, id, "Platform", null, 0)))
                .isEqualTo("Board group \"Platform\" created");
        assertThat(Activity.summarize(new BoardCreated(id, id, id, "Release", null, 0)))
                .isEqualTo("Board \"Release\" created");
    }
}
