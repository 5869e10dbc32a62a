package io.missioncontrol.task.board;

import io.missioncontrol.platform.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * A partial update of a board: a field absent from the body keeps its value; {@code description},
 * {@code lead_agent_id} and {@code max_agents} may be set to null (no description, no lead, no limit).
 */
record BoardPatch(JsonNode body) {

    static final Set<String> FIELDS = Set.of("name", "description", "require_approval_for_done",
            "require_review_before_done", "comment_required_for_review", "block_status_changes_with_pending_approval",
            "only_lead_can_change_status", "lead_agent_id", "max_agents");

    /** The board after the patch and the names of the fields that changed (none: no change). */
    record Applied(String name, String description, BoardRules rules, List<String> changed) {
    }

    static BoardPatch parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "The request body must be a JSON object");
        }
        return new BoardPatch(body);
    }

    Applied applyTo(Board board) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                errors.add(error(field, "is not a field of a board"));
            }
        }
        String name = board.name();
        if (body.has("name")) {
            JsonNode node = body.get("name");
            if (!node.isString() || node.stringValue().isBlank() || node.stringValue().strip().length() > 200) {
                errors.add(error("name", "must be a non-blank string of at most 200 characters"));
            } else {
                name = node.stringValue().strip();
            }
        }
        String description = board.description();
        if (body.has("description")) {
            JsonNode node = body.get("description");
            if (node.isNull()) {
                description = null;
            } else if (!node.isString() || node.stringValue().length() > 2000) {
                errors.add(error("description", "must be null or a string of at most 2000 characters"));
            } else {
                description = node.stringValue();
            }
        }
        BoardRules old = board.rules();
        boolean approval = flag("require_approval_for_done", old.requireApprovalForDone(), errors);
        boolean review = flag("require_review_before_done", old.requireReviewBeforeDone(), errors);
        boolean comment = flag("comment_required_for_review", old.commentRequiredForReview(), errors);
        boolean block = flag("block_status_changes_with_pending_approval",
                old.blockStatusChangesWithPendingApproval(), errors);
        boolean lead = flag("only_lead_can_change_status", old.onlyLeadCanChangeStatus(), errors);
        UUID leadAgent = old.leadAgentId();
        if (body.has("lead_agent_id")) {
            JsonNode node = body.get("lead_agent_id");
            try {
                leadAgent = node.isNull() ? null : UUID.fromString(node.stringValue());
            } catch (RuntimeException e) {
                errors.add(error("lead_agent_id", "must be null or an agent id (UUID)"));
            }
        }
        Integer maxAgents = old.maxAgents();
        if (body.has("max_agents")) {
            JsonNode node = body.get("max_agents");
            if (node.isNull()) {
                maxAgents = null;
            } else if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
                errors.add(error("max_agents", "must be null or an integer of at least 1"));
            } else {
                maxAgents = node.intValue();
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed",
                    "The request has invalid fields", Map.of("errors", errors));
        }
        BoardRules rules = new BoardRules(approval, review, comment, block, lead, leadAgent, maxAgents);
        Set<String> changed = new LinkedHashSet<>();
        if (!name.equals(board.name())) {
            changed.add("name");
        }
        if (!Objects.equals(description, board.description())) {
            changed.add("description");
        }
        compare(changed, "require_approval_for_done", old.requireApprovalForDone(), approval);
        compare(changed, "require_review_before_done", old.requireReviewBeforeDone(), review);
        compare(changed, "comment_required_for_review", old.commentRequiredForReview(), comment);
        compare(changed, "block_status_changes_with_pending_approval", old.blockStatusChangesWithPendingApproval(),
                block);
        compare(changed, "only_lead_can_change_status", old.onlyLeadCanChangeStatus(), lead);
        compare(changed, "lead_agent_id", old.leadAgentId(), leadAgent);
        compare(changed, "max_agents", old.maxAgents(), maxAgents);
        return new Applied(name, description, rules, List.copyOf(changed));
    }

    private boolean flag(String field, boolean current, List<Map<String, String>> errors) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode node = body.get(field);
        if (!node.isBoolean()) {
            errors.add(error(field, "must be true or false"));
            return current;
        }
        return node.booleanValue();
    }

    private static void compare(Set<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
