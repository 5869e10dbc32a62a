package io.missioncontrol.task.comments;

import io.missioncontrol.contracts.task.Mention;
import io.missioncontrol.platform.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class CommentController {

    private final CommentService comments;

    CommentController(CommentService comments) {
        this.comments = comments;
    }

    @PostMapping("/api/tasks/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CommentView> add(@PathVariable UUID id, @Valid @RequestBody NewComment request) {
        return comments.add(id, request.body()).map(CommentView::of);
    }

    /** The conversation, oldest first. */
    @GetMapping("/api/tasks/{id}/comments")
    Mono<Page<CommentView>> list(@PathVariable UUID id, @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        Page.Cursor after = cursor == null || cursor.isBlank() ? null : Page.Cursor.decode(cursor);
        return comments.list(id, Page.limit(limit), after)
                .map(page -> new Page<>(page.items().stream().map(CommentView::of).toList(), page.nextCursor()));
    }

    record NewComment(@NotNull @NotBlank @Size(min = 1, max = 10000) String body) {
    }

    record CommentView(UUID id, UUID taskId, UUID boardId, UUID organizationId, String author, String body,
                       List<Mention> mentions, Instant createdAt) {

        static CommentView of(CommentService.Comment comment) {
            return new CommentView(comment.id(), comment.taskId(), comment.boardId(), comment.organizationId(),
                    comment.author(), comment.body(), comment.mentions(), comment.createdAt());
        }
    }
}
