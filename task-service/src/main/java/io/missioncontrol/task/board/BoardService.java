package io.missioncontrol.task.board;

import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.task.organization.OrganizationService;
import java.time.Clock;
import java.util.Map;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** Board groups and boards: plain creation and reads, every creation announced on Kafka. */
@Service
public class BoardService {

    private final BoardGroupRepository groups;
    private final BoardRepository boards;
    private final OrganizationService organizations;
    private final TenantAccess access;
    private final Outbox outbox;
    private final Clock clock;

    BoardService(BoardGroupRepository groups, BoardRepository boards, OrganizationService organizations,
                 TenantAccess access, Outbox outbox, Clock clock) {
        this.clock = clock;
        this.groups = groups;
        this.boards = boards;
        this.organizations = organizations;
        this.access = access;
        this.outbox = outbox;
    }

    @Transactional
    Mono<BoardGroup> createGroup(UUID organizationId, String name, String description) {
        return organizations.requireWritable(organizationId, "organization_id", Role.ADMIN)
                .flatMap(caller -> groups.save(BoardGroup.create(organizationId, name, description, caller.subject(),
                        clock.instant())))
                .flatMap(saved -> outbox.append(saved.created()).thenReturn(saved));
    }

    Mono<BoardGroup> getGroup(UUID id) {
        return groups.findLive(id)
                .flatMap(group -> access.requireRead(group.organizationId(), "board_group", id).thenReturn(group))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("board_group", id)));
    }

    Mono<Page<BoardGroup>> listGroups(UUID organizationId, int limit, Page.Cursor after) {
        return access.requireRead(organizationId, "organization", organizationId)
                .flatMap(caller -> groups.findPage(organizationId, after.time(), after.id(), limit + 1).collectList())
                .map(rows -> Page.of(rows, limit, row -> new Page.Cursor(row.createdAt(), row.id())));
    }

    @Transactional
    Mono<Board> createBoard(UUID boardGroupId, String name, String description, BoardRules rules) {
        // Boards are managed by admins. A member with a smaller role learns 403; anyone else learns only that the
        // group they named does not exist.
        return groups.findLive(boardGroupId)
                .switchIfEmpty(Mono.error(() -> unknownGroup(boardGroupId)))
                .flatMap(group -> organizations.requireWritable(group.organizationId(), "board_group_id", Role.ADMIN)
                        .onErrorMap(e -> e instanceof ApiException api && "unknown_reference".equals(api.code()),
                                e -> unknownGroup(boardGroupId))
                        .flatMap(caller -> boards.save(Board.create(group, name, description, rules, caller.subject(),
                                clock.instant()))))
                .flatMap(saved -> outbox.append(saved.created()).thenReturn(saved));
    }

    /**
     * Changes the board's name, description or governance flags (admin and up). {@code ifMatch} is the version the
     * client last saw, or null for any; the save itself is version-checked, so a concurrent change is a 409 either way.
     */
    @Transactional
    Mono<Board> updateBoard(UUID id, BoardPatch patch, Long ifMatch) {
        return getBoard(id)
                .flatMap(board -> access.requireRole(board.organizationId(), Role.ADMIN, "board", id).thenReturn(board))
                .flatMap(board -> {
                    if (ifMatch != null && ifMatch.longValue() != board.version()) {
                        return Mono.error(versionConflict(id, board.version()));
                    }
                    BoardPatch.Applied applied = patch.applyTo(board);
                    if (applied.changed().isEmpty()) {
                        return Mono.just(board);
                    }
                    return boards.save(board.with(applied.name(), applied.description(), applied.rules(),
                                    clock.instant()))
                            .onErrorMap(OptimisticLockingFailureException.class,
                                    e -> versionConflict(id, board.version() + 1))
                            .flatMap(saved -> outbox.append(saved.updated(applied.changed())).thenReturn(saved));
                });
    }

    static ApiException versionConflict(UUID board, long currentVersion) {
        return new ApiException(HttpStatus.CONFLICT, "version_conflict",
                "Board " + board + " was changed by someone else (it is at version " + currentVersion
                        + "); read it again and retry",
                Map.of("current_version", currentVersion));
    }

    private static ApiException unknownGroup(UUID id) {
        return OrganizationService.unknownReference("board_group_id", "board_group", id);
    }

    /**
     * The board, when the caller may change its tasks (member and up, or an agent of the organization whose key may
     * write); 404 when they have no place there. Writes look the board up this way rather than by {@link #getBoard}:
     * an agent key that may write tasks need not be one that may read the organization's boards.
     */
    public Mono<Board> getBoardToWrite(UUID id) {
        return boards.findLive(id)
                .flatMap(board -> access.requireWrite(board.organizationId(), "board", id).thenReturn(board))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("board", id)));
    }

    /** The board, when the caller may read it; 404 otherwise. */
    public Mono<Board> getBoard(UUID id) {
        return boards.findLive(id)
                .flatMap(board -> access.requireRead(board.organizationId(), "board", id).thenReturn(board))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("board", id)));
    }

    Mono<Page<Board>> listBoards(UUID organizationId, UUID boardGroupId, int limit, Page.Cursor after) {
        return access.requireRead(organizationId, "organization", organizationId)
                .flatMap(caller -> boards.findPage(organizationId, boardGroupId, after.time(), after.id(), limit + 1)
                        .collectList())
                .map(rows -> Page.of(rows, limit, row -> new Page.Cursor(row.createdAt(), row.id())));
    }
}
