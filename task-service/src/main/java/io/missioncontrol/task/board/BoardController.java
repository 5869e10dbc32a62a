package io.missioncontrol.task.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.task.tasks.TaskService;
import io.missioncontrol.task.tasks.TaskView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

@RestController
class BoardController {

    private final BoardService boards;
    private final TaskService tasks;

    BoardController(BoardService boards, TaskService tasks) {
        this.boards = boards;
        this.tasks = tasks;
    }

    @PostMapping("/api/board-groups")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<BoardGroupView> createGroup(@Valid @RequestBody CreateBoardGroup request) {
        return boards.createGroup(request.organizationId(), request.name().strip(), request.description())
                .map(BoardGroupView::of);
    }

    @GetMapping("/api/board-groups/{id}")
    Mono<BoardGroupView> getGroup(@PathVariable UUID id) {
        return boards.getGroup(id).map(BoardGroupView::of);
    }

    @GetMapping("/api/board-groups")
    Mono<Page<BoardGroupView>> listGroups(@RequestParam("organization_id") UUID organizationId,
                                          @RequestParam(required = false) Integer limit,
                                          @RequestParam(required = false) String cursor) {
        return boards.listGroups(organizationId, Page.limit(limit), Page.Cursor.decode(cursor))
                .map(page -> new Page<>(page.items().stream().map(BoardGroupView::of).toList(), page.nextCursor()));
    }

    @PostMapping("/api/boards")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<BoardView> createBoard(@Valid @RequestBody CreateBoard request) {
        return boards.createBoard(request.boardGroupId(), request.name().strip(), request.description(),
                        request.rules())
                .map(board -> BoardView.of(board, null));
    }

    /** The board with its tasks (newest first, up to the first page); the ETag is its version. */
    @GetMapping("/api/boards/{id}")
    Mono<ResponseEntity<BoardView>> getBoard(@PathVariable UUID id) {
        return boards.getBoard(id)
                .flatMap(board -> tasks.firstPageOfBoard(board).map(page -> BoardView.of(board, page.items())))
                .map(BoardController::tagged);
    }

    /** Name, description and governance flags; see {@link BoardPatch}. If-Match as for tasks. */
    @PatchMapping("/api/boards/{id}")
    Mono<ResponseEntity<BoardView>> patchBoard(@PathVariable UUID id, @RequestBody JsonNode body,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                               String ifMatch) {
        return boards.updateBoard(id, BoardPatch.parse(body), ifMatchVersion(ifMatch))
                .map(board -> tagged(BoardView.of(board, null)));
    }

    private static ResponseEntity<BoardView> tagged(BoardView view) {
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    /** The version of an If-Match header ({@code "3"} or {@code W/"3"}), or null for none or {@code *}. */
    static Long ifMatchVersion(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\s*(?:W/)?\"([0-9]{1,18})\"\\s*")
                .matcher(header);
        if (!matcher.matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_if_match",
                    "If-Match must be * or the quoted version from an ETag, e.g. \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }

    @GetMapping("/api/boards")
    Mono<Page<BoardView>> listBoards(@RequestParam("organization_id") UUID organizationId,
                                     @RequestParam(name = "board_group_id", required = false) UUID boardGroupId,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) String cursor) {
        return boards.listBoards(organizationId, boardGroupId, Page.limit(limit), Page.Cursor.decode(cursor))
                .map(page -> new Page<>(page.items().stream().map(board -> BoardView.of(board, null)).toList(),
                        page.nextCursor()));
    }

    record CreateBoardGroup(@NotNull UUID organizationId, @NotBlank @Size(max = 200) String name,
                            @Size(max = 2000) String description) {
    }

    /** The governance flags are optional; absent ones are off (see {@link BoardRules}). */
    record CreateBoard(@NotNull UUID boardGroupId, @NotBlank @Size(max = 200) String name,
                       @Size(max = 2000) String description, Boolean requireApprovalForDone,
                       Boolean requireReviewBeforeDone, Boolean commentRequiredForReview,
                       Boolean blockStatusChangesWithPendingApproval, Boolean onlyLeadCanChangeStatus,
                       UUID leadAgentId, @Min(1) Integer maxAgents) {

        BoardRules rules() {
            return new BoardRules(Boolean.TRUE.equals(requireApprovalForDone),
                    Boolean.TRUE.equals(requireReviewBeforeDone), Boolean.TRUE.equals(commentRequiredForReview),
                    Boolean.TRUE.equals(blockStatusChangesWithPendingApproval),
                    Boolean.TRUE.equals(onlyLeadCanChangeStatus), leadAgentId, maxAgents);
        }
    }

    record BoardGroupView(UUID id, UUID organizationId, String name, String description, String createdBy,
                          Instant createdAt, Instant updatedAt, long version) {

        static BoardGroupView of(BoardGroup group) {
            return new BoardGroupView(group.id(), group.organizationId(), group.name(), group.description(),
                    group.createdBy(), group.createdAt(), group.updatedAt(), group.version());
        }
    }

    /** {@code tasks} is present only where the board is read on its own. */
    record BoardView(UUID id, UUID organizationId, UUID boardGroupId, String name, String description,
                     boolean requireApprovalForDone, boolean requireReviewBeforeDone,
                     boolean commentRequiredForReview, boolean blockStatusChangesWithPendingApproval,
                     boolean onlyLeadCanChangeStatus, UUID leadAgentId, Integer maxAgents,
                     String createdBy, Instant createdAt, Instant updatedAt, long version,
                     @JsonInclude(JsonInclude.Include.NON_NULL) List<TaskView> tasks) {

        static BoardView of(Board board, List<TaskView> tasks) {
            return new BoardView(board.id(), board.organizationId(), board.boardGroupId(), board.name(),
                    board.description(), board.requireApprovalForDone(), board.requireReviewBeforeDone(),
                    board.commentRequiredForReview(), board.blockStatusChangesWithPendingApproval(),
                    board.onlyLeadCanChangeStatus(), board.leadAgentId(), board.maxAgents(), board.createdBy(),
                    board.createdAt(), board.updatedAt(), board.version(), tasks);
        }
    }
}
