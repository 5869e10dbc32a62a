package io.missioncontrol.task.comments;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.task.Mention;
import io.missioncontrol.contracts.task.TaskCommented;
import io.missioncontrol.contracts.task.TaskMentioned;
import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.task.tasks.TaskService;
import io.missioncontrol.task.tasks.TaskView;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Comments on tasks: a conversation read oldest first. A comment is immutable and does not change its task (no task
 * version bump, no row lock): see {@link TaskCommented} for what that means to consumers.
 */
@Service
class CommentService {

    private final TaskService tasks;
    private final DatabaseClient db;
    private final Outbox outbox;
    private final Clock clock;

    CommentService(TaskService tasks, DatabaseClient db, Outbox outbox, Clock clock) {
        this.tasks = tasks;
        this.db = db;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A stored comment. */
    record Comment(UUID id, UUID taskId, UUID boardId, UUID organizationId, String author, String body,
                   List<Mention> mentions, Instant createdAt) {
    }

    /**
     * Writes a comment (members and up; an agent only on a task assigned to it) and announces it and each mention.
     */
    @Transactional
    Mono<Comment> add(UUID taskId, String body) {
        return tasks.getToWrite(taskId).flatMap(task -> Caller.current()
                .filter(caller -> caller.kind() != Caller.Kind.AGENT
                        || caller.subject().equalsIgnoreCase(String.valueOf(task.assignedAgentId())))
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden",
                        "Agents comment only on the tasks assigned to them")))
                .flatMap(caller -> mentions(task.organizationId(), body)
                        .flatMap(mentions -> {
                            Comment comment = new Comment(UUID.randomUUID(), taskId, task.boardId(),
                                    task.organizationId(), caller.subject(), body, mentions,
                                    clock.instant().truncatedTo(ChronoUnit.MICROS));
                            return insert(comment)
                                    .then(Flux.fromIterable(events(task, comment)).concatMap(outbox::append).then())
                                    .thenReturn(comment);
                        })));
    }

    /** Oldest first; the cursor is the last comment of the previous page. */
    Mono<Page<Comment>> list(UUID taskId, int limit, Page.Cursor after) {
        return tasks.get(taskId).flatMap(task -> {
            Instant afterTime = after == null ? Instant.EPOCH : after.time();
            UUID afterId = after == null ? new UUID(0, 0) : after.id();
            return db.sql("""
                            SELECT * FROM task_comment WHERE task_id = :task AND (created_at, id) > (:after, :afterId)
                            ORDER BY created_at, id LIMIT :limit""")
                    .bind("task", taskId)
                    .bind("after", afterTime)
                    .bind("afterId", afterId)
                    .bind("limit", limit + 1)
                    .map((row, meta) -> new Comment(row.get("id", UUID.class), row.get("task_id", UUID.class),
                            row.get("board_id", UUID.class), row.get("organization_id", UUID.class),
                            row.get("author", String.class), row.get("body", String.class),
                            decode(row.get("mentions", String[].class)), row.get("created_at", Instant.class)))
                    .all()
                    .collectList()
                    .map(rows -> Page.of(rows, limit, row -> new Page.Cursor(row.createdAt(), row.id())));
        });
    }

    private Mono<Void> insert(Comment comment) {
        return db.sql("""
                        INSERT INTO task_comment (id, task_id, board_id, organization_id, author, body, mentions, created_at)
                        VALUES (:id, :task, :board, :organization, :author, :body, :mentions, :at)""")
                .bind("id", comment.id())
                .bind("task", comment.taskId())
                .bind("board", comment.boardId())
                .bind("organization", comment.organizationId())
                .bind("author", comment.author())
                .bind("body", comment.body())
                .bind("mentions", comment.mentions().stream().map(m -> m.type() + ":" + m.id()).toArray(String[]::new))
                .bind("at", comment.createdAt())
                .then();
    }

    /**
     * The mentions of the body that name someone: a member of the task's organization by subject or e-mail address
     * (checked first, since a subject may itself look like a UUID), else an agent by id. Agents are not registered
     * in this service, so any UUID that is not a member's subject is taken as an agent id.
     */
    private Mono<List<Mention>> mentions(UUID organizationId, String body) {
        List<String> tokens = Mentions.tokens(body);
        if (tokens.isEmpty()) {
            return Mono.just(List.of());
        }
        String[] lowered = tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return db.sql("""
                        SELECT id, subject, email FROM membership WHERE organization_id = :organization
                          AND (subject = ANY(:tokens) OR email = ANY(:emails))""")
                .bind("organization", organizationId)
                .bind("tokens", tokens.toArray(String[]::new))
                .bind("emails", lowered)
                .map((row, meta) -> new String[] {row.get("id", UUID.class).toString(), row.get("subject", String.class),
                        row.get("email", String.class)})
                .all()
                .collectList()
                .map(members -> {
                    Map<String, UUID> byName = new HashMap<>();
                    for (String[] member : members) {
                        if (member[1] != null) {
                            byName.put(member[1], UUID.fromString(member[0]));
                        }
                        if (member[2] != null) {
                            byName.putIfAbsent(member[2], UUID.fromString(member[0]));
                        }
                    }
                    List<Mention> found = new ArrayList<>();
                    for (String token : tokens) {
                        UUID member = byName.getOrDefault(token, byName.get(token.toLowerCase(Locale.ROOT)));
                        UUID agent = Mentions.asAgentId(token);
                        Mention mention = member != null ? new Mention("member", member)
                                : agent != null ? new Mention("agent", agent) : null;
                        if (mention != null && !found.contains(mention)) {
                            found.add(mention);
                        }
                    }
                    return List.copyOf(found);
                });
    }

    /** The comment event, then one event per mention; all carry the task's current version, unchanged. */
    private static List<DomainEvent> events(TaskView task, Comment comment) {
        List<DomainEvent> events = new ArrayList<>();
        events.add(new TaskCommented(task.id(), task.boardId(), task.organizationId(), task.title(), comment.id(),
                comment.author(), Mentions.excerpt(comment.body()), comment.mentions(), task.version()));
        for (Mention mention : comment.mentions()) {
            events.add(new TaskMentioned(task.id(), task.boardId(), task.organizationId(), task.title(), comment.id(),
                    comment.author(), mention.type(), mention.id(), task.version()));
        }
        return events;
    }

    private static List<Mention> decode(String[] stored) {
        return stored == null ? List.of() : Arrays.stream(stored)
                .map(word -> word.split(":", 2))
                .map(parts -> new Mention(parts[0], UUID.fromString(parts[1])))
                .toList();
    }
}
