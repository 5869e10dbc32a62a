package io.missioncontrol.task.board;

import io.missioncontrol.contracts.board.BoardGroupCreated;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A set of related boards inside an organization (a product, a team, a program of work). */
@Table("board_group")
record BoardGroup(@Id UUID id, UUID organizationId, String name, String description, String createdBy,
                  Instant createdAt, Instant updatedAt, @Version Long version) {

    static BoardGroup create(UUID organizationId, String name, String description, String createdBy, Instant now) {
        return new BoardGroup(UUID.randomUUID(), organizationId, name, description, createdBy, now, now, null);
    }

    BoardGroupCreated created() {
        return new BoardGroupCreated(id, organizationId, name, description, version);
    }
}
