package io.missioncontrol.task.board;

import io.missioncontrol.platform.web.ApiException;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Board-group edits and the deletion of boards and board groups. {@code ?cascade=true} consents to taking the
 * content along; {@code ?purge=true} (owners) destroys instead of archiving.
 */
@RestController
class BoardLifecycleController {

    private final BoardLifecycle lifecycle;

    BoardLifecycleController(BoardLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** {@code name} and {@code description}; an absent field stays, a null description clears it. */
    @PatchMapping("/api/board-groups/{id}")
    Mono<BoardController.BoardGroupView> updateGroup(@PathVariable UUID id, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "The request body must be a JSON object");
        }
        String name = null;
        if (body.has("name")) {
            JsonNode value = body.get("name");
            if (!value.isString() || value.asString().isBlank() || value.asString().strip().length() > 200) {
                throw invalid("name", "must be a non-blank string of at most 200 characters");
            }
            name = value.asString().strip();
        }
        String description = null;
        boolean descriptionGiven = body.has("description");
        if (descriptionGiven && !body.get("description").isNull()) {
            JsonNode value = body.get("description");
            if (!value.isString() || value.asString().length() > 2000) {
                throw invalid("description", "must be a string of at most 2000 characters, or null");
            }
            description = value.asString();
        }
        return lifecycle.updateGroup(id, name, descriptionGiven, description).map(BoardController.BoardGroupView::of);
    }

    @DeleteMapping("/api/board-groups/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteGroup(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean cascade,
                           @RequestParam(defaultValue = "false") boolean purge) {
        return lifecycle.deleteGroup(id, cascade, purge);
    }

    @DeleteMapping("/api/boards/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> deleteBoard(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean cascade,
                           @RequestParam(defaultValue = "false") boolean purge) {
        return lifecycle.deleteBoard(id, cascade, purge);
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", "The request has invalid fields",
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
    }

}
