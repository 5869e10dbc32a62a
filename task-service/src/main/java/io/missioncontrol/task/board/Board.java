package io.missioncontrol.task.board;

import io.missioncontrol.contracts.board.BoardCreated;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A board of tasks inside a board group; it carries the organization id so that tenancy checks need no join. */
@Table("board")
public record Board(@Id UUID id, UUID organizationId, UUID boardGroupId, String name, String description,
                    String createdBy, Instant createdAt, Instant updatedAt, @Version Long version) {

    static Board create(BoardGroup group, String name, String description, String createdBy, Instant now) {
        return new Board(UUID.randomUUID(), group.organizationId(), group.id(), name, description, createdBy,
                now, now, null);
    }

    BoardCreated created() {
        return new BoardCreated(id, boardGroupId, organizationId, name, description, version);
    }
}
