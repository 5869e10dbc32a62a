package io.missioncontrol.task.organization;

import io.missioncontrol.platform.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

@RestController
@RequestMapping("/api/organizations")
class OrganizationController {

    private final OrganizationService organizations;

    OrganizationController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<OrganizationView> create(@Valid @RequestBody CreateOrganization request) {
        return organizations.create(request.name().strip(), request.description()).map(OrganizationView::of);
    }

    @GetMapping("/{id}")
    Mono<OrganizationView> get(@PathVariable UUID id) {
        return organizations.get(id).map(OrganizationView::of);
    }

    @GetMapping
    Mono<Page<OrganizationView>> list(@RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        int size = Page.limit(limit);
        return organizations.list(size, Page.Cursor.decode(cursor))
                .map(page -> new Page<>(page.items().stream().map(OrganizationView::of).toList(), page.nextCursor()));
    }

    /** Absent fields stay as they are; an empty description clears it. */
    @PatchMapping("/{id}")
    Mono<OrganizationView> update(@PathVariable UUID id, @Valid @RequestBody UpdateOrganization request) {
        return organizations.update(id, request.name() == null ? null : request.name().strip(), request.description())
                .map(OrganizationView::of);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable UUID id) {
        return organizations.delete(id);
    }

    record CreateOrganization(@NotBlank @Size(max = 200) String name, @Size(max = 2000) String description) {
    }

    record UpdateOrganization(@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 200) String name,
                              @Size(max = 2000) String description) {
    }

    record OrganizationView(UUID id, String name, String description, String createdBy, Instant createdAt,
                            Instant updatedAt, long version) {

        static OrganizationView of(Organization organization) {
            return new OrganizationView(organization.id(), organization.name(), organization.description(),
                    organization.createdBy(), organization.createdAt(), organization.updatedAt(),
                    organization.version());
        }
    }
}
