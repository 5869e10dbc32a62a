package io.missioncontrol.task.tags;

import io.missioncontrol.platform.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Tags of an organization. Names and colours are checked by {@link Tag} (422 {@code validation_failed}). */
@RestController
@RequestMapping("/api/tags")
class TagController {

    private final TagService tags;

    TagController(TagService tags) {
        this.tags = tags;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<TagView> create(@Valid @RequestBody CreateTag request) {
        return tags.create(request.organizationId(), request.name(), request.color()).map(TagView::of);
    }

    @GetMapping
    Mono<Page<TagView>> list(@RequestParam("organization_id") UUID organizationId,
                             @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor) {
        return tags.list(organizationId, Page.limit(limit), Page.Cursor.decode(cursor))
                .map(page -> new Page<>(page.items().stream().map(TagView::of).toList(), page.nextCursor()));
    }

    @GetMapping("/{id}")
    Mono<TagView> get(@PathVariable UUID id) {
        return tags.get(id).map(TagView::of);
    }

    /** Renames or recolours; an absent or null field stays as it is. */
    @PatchMapping("/{id}")
    Mono<TagView> update(@PathVariable UUID id, @RequestBody UpdateTag request) {
        return tags.update(id, request.name(), request.color()).map(TagView::of);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable UUID id) {
        return tags.delete(id);
    }

    record CreateTag(@NotNull UUID organizationId, String name, String color) {
    }

    record UpdateTag(String name, String color) {
    }

    record TagView(UUID id, UUID organizationId, String name, String color, String createdBy, Instant createdAt,
                   Instant updatedAt, long version) {

        static TagView of(Tag tag) {
            return new TagView(tag.id(), tag.organizationId(), tag.name(), tag.color(), tag.createdBy(),
                    tag.createdAt(), tag.updatedAt(), tag.version());
        }
    }
}
