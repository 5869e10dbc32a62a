package io.missioncontrol.task.tags;

import io.missioncontrol.platform.outbox.Outbox;
import io.missioncontrol.platform.security.Caller;
import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.tenancy.TenantAccess;
import io.missioncontrol.task.organization.OrganizationService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Tags of an organization, and the tag side of tasks: which tags a task carries ({@code task_tag}). Members and up
 * manage tags; every change is announced on {@code mc.tags}.
 */
@Service
public class TagService {

    private final TagRepository tags;
    private final OrganizationService organizations;
    private final TenantAccess access;
    private final Outbox outbox;
    private final Clock clock;
    private final DatabaseClient db;
    // Lazily: the task service needs this service for its views, and this one needs it only to delete a tag.
    private final ObjectProvider<TaggedTasks> tasks;

    TagService(TagRepository tags, OrganizationService organizations, TenantAccess access, Outbox outbox, Clock clock,
               DatabaseClient db, ObjectProvider<TaggedTasks> tasks) {
        this.tags = tags;
        this.organizations = organizations;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
        this.db = db;
        this.tasks = tasks;
    }

    @Transactional
    Mono<Tag> create(UUID organizationId, String name, String color) {
        return organizations.requireWritable(organizationId, "organization_id", Role.MEMBER)
                .map(TagService::refuseAgents)
                .map(caller -> Tag.create(organizationId, name, color, caller.subject(), clock.instant()))
                .flatMap(tag -> tags.save(tag).onErrorMap(DataIntegrityViolationException.class,
                        e -> tagExists(tag.name())))
                .flatMap(saved -> outbox.append(saved.created()).thenReturn(saved));
    }

    Mono<Tag> get(UUID id) {
        return tags.findById(id)
                .flatMap(tag -> access.requireRead(tag.organizationId(), "tag", id).thenReturn(tag))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("tag", id)));
    }

    Mono<Page<Tag>> list(UUID organizationId, int limit, Page.Cursor after) {
        return access.requireRead(organizationId, "organization", organizationId)
                .flatMap(caller -> tags.findPage(organizationId, after.time(), after.id(), limit + 1).collectList())
                .map(rows -> Page.of(rows, limit, row -> new Page.Cursor(row.createdAt(), row.id())));
    }

    @Transactional
    Mono<Tag> update(UUID id, String name, String color) {
        return editable(id).flatMap(tag -> {
            Tag next = tag.edit(name, color, clock.instant());
            if (next == tag) {
                return Mono.just(tag);
            }
            return tags.save(next)
                    .onErrorMap(DataIntegrityViolationException.class, e -> tagExists(next.name()))
                    .flatMap(saved -> outbox.append(saved.updated()).thenReturn(saved));
        });
    }

    /** Deletes the tag; the tasks that carry it lose it first, each with its own event (see {@link TaggedTasks}). */
    @Transactional
    Mono<Void> delete(UUID id) {
        return readable(id).flatMap(found -> access.requireWrite(found.organizationId(), "tag", id)
                .map(TagService::refuseAgents)
                .flatMap(caller -> tasks.getObject().untag(id, caller.subject(), clock.instant())
                        // The tag's row last: a task locked above waits for nothing this transaction holds.
                        .then(tags.lock(id))
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("tag", id)))
                        .flatMap(locked -> tags.delete(locked).then(outbox.append(locked.deleted())))));
    }

    /** The tags of each task, by name (tasks without tags are absent). One query for a whole page. */
    public Mono<Map<UUID, List<TagRef>>> tagsOf(Collection<UUID> taskIds) {
        if (taskIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        SELECT tt.task_id, g.id, g.name, g.color FROM task_tag tt JOIN tag g ON g.id = tt.tag_id
                        WHERE tt.task_id = ANY(:ids) ORDER BY lower(g.name), g.id""")
                .bind("ids", taskIds.toArray(UUID[]::new))
                .map((row, meta) -> Map.entry(row.get("task_id", UUID.class), new TagRef(row.get("id", UUID.class),
                        row.get("name", String.class), row.get("color", String.class))))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The ids of the tags a task carries now. */
    public Mono<List<UUID>> tagIdsOf(UUID taskId) {
        return db.sql("SELECT tag_id FROM task_tag WHERE task_id = :task ORDER BY tag_id")
                .bind("task", taskId)
                .map((row, meta) -> row.get("tag_id", UUID.class))
                .all()
                .collectList();
    }

    /** The ids of the tasks carrying the tag. */
    public Mono<List<UUID>> taskIdsWith(UUID tagId) {
        return db.sql("SELECT task_id FROM task_tag WHERE tag_id = :tag ORDER BY task_id")
                .bind("tag", tagId)
                .map((row, meta) -> row.get("task_id", UUID.class))
                .all()
                .collectList();
    }

    /**
     * {@code requested} without repeats, once every entry is a tag of the organization; otherwise a 422
     * {@code unknown_reference} with one error per unknown entry ({@code tags[i]}), as for any other reference.
     */
    public Mono<List<UUID>> requireKnown(UUID organizationId, List<UUID> requested) {
        List<UUID> wanted = requested == null ? List.of() : List.copyOf(new LinkedHashSet<>(requested));
        if (wanted.isEmpty()) {
            return Mono.just(wanted);
        }
        return db.sql("SELECT id FROM tag WHERE organization_id = :organization AND id = ANY(:ids)")
                .bind("organization", organizationId)
                .bind("ids", wanted.toArray(UUID[]::new))
                .map((row, meta) -> row.get("id", UUID.class))
                .all()
                .collect(Collectors.toSet())
                .map(found -> {
                    refuseUnknown(requested, found);
                    return wanted;
                });
    }

    /** Makes {@code tagIds} the task's whole set of tags. */
    public Mono<Void> replaceTags(UUID taskId, Collection<UUID> tagIds) {
        Mono<Void> clear = db.sql("DELETE FROM task_tag WHERE task_id = :task").bind("task", taskId).then();
        if (tagIds.isEmpty()) {
            return clear;
        }
        return clear.then(db.sql("""
                        INSERT INTO task_tag (task_id, tag_id)
                        SELECT :task, tag FROM unnest(CAST(:tags AS uuid[])) AS tag""")
                .bind("task", taskId)
                .bind("tags", tagIds.toArray(UUID[]::new))
                .then());
    }

    private Mono<Tag> readable(UUID id) {
        return get(id);
    }

    private Mono<Tag> editable(UUID id) {
        return readable(id).flatMap(found -> access.requireWrite(found.organizationId(), "tag", id)
                .map(TagService::refuseAgents)
                .then(tags.lock(id))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("tag", id))));
    }

    /** Tags are the organization's vocabulary, kept by people: an agent only works on the tasks it was given. */
    private static Caller refuseAgents(Caller caller) {
        if (caller.kind() == Caller.Kind.AGENT) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Agents cannot manage tags");
        }
        return caller;
    }

    static void refuseUnknown(List<UUID> requested, Set<UUID> found) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!found.contains(requested.get(i))) {
                errors.add(Map.of("field", "tags[" + i + "]", "message", "tag " + requested.get(i) + " does not exist"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                    errors.size() == 1 ? errors.get(0).get("message") : errors.size() + " tags do not exist",
                    Map.of("errors", errors));
        }
    }

    private static ApiException tagExists(String name) {
        return new ApiException(HttpStatus.CONFLICT, "tag_exists",
                "The organization already has a tag named \"" + name + "\" (names ignore case)", Map.of("name", name));
    }
}
