package io.missioncontrol.task.board;

import io.missioncontrol.contracts.board.BoardCreated;
import io.missioncontrol.contracts.board.BoardUpdated;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A board of tasks inside a board group; it carries the organization id so that tenancy checks need no join, and its
 * governance flags ({@link BoardRules}) flat, as columns.
 */
@Table("board")
public record Board(@Id UUID id, UUID organizationId, UUID boardGroupId, String name, String description,
                    boolean requireApprovalForDone, boolean requireReviewBeforeDone,
                    boolean commentRequiredForReview, boolean blockStatusChangesWithPendingApproval,
                    boolean onlyLeadCanChangeStatus, UUID leadAgentId, Integer maxAgents,
                    String createdBy, Instant createdAt, Instant updatedAt, @Version Long version) {

    static Board create(BoardGroup group, String name, String description, BoardRules rules, String createdBy,
                        Instant now) {
        return new Board(UUID.randomUUID(), group.organizationId(), group.id(), name, description,
                rules.requireApprovalForDone(), rules.requireReviewBeforeDone(), rules.commentRequiredForReview(),
                rules.blockStatusChangesWithPendingApproval(), rules.onlyLeadCanChangeStatus(), rules.leadAgentId(),
                rules.maxAgents(), createdBy, now, now, null);
    }

    public BoardRules rules() {
        return new BoardRules(requireApprovalForDone, requireReviewBeforeDone, commentRequiredForReview,
                blockStatusChangesWithPendingApproval, onlyLeadCanChangeStatus, leadAgentId, maxAgents);
    }

    /** The board with new name, description and rules; the version is bumped by the repository on save. */
    Board with(String newName, String newDescription, BoardRules r, Instant now) {
        return new Board(id, organizationId, boardGroupId, newName, newDescription, r.requireApprovalForDone(),
                r.requireReviewBeforeDone(), r.commentRequiredForReview(), r.blockStatusChangesWithPendingApproval(),
                r.onlyLeadCanChangeStatus(), r.leadAgentId(), r.maxAgents(), createdBy, createdAt, now, version);
    }

    BoardCreated created() {
        return new BoardCreated(id, boardGroupId, organizationId, name, description, version);
    }

    BoardUpdated updated(List<String> changed) {
        return new BoardUpdated(id, boardGroupId, organizationId, name, description, requireApprovalForDone,
                requireReviewBeforeDone, commentRequiredForReview, blockStatusChangesWithPendingApproval,
                onlyLeadCanChangeStatus, leadAgentId, maxAgents, changed, version);
    }
}
