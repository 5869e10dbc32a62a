package io.missioncontrol.task.organization;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import io.missioncontrol.platform.tenancy.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/** The members of an organization: people known by subject, or invited by e-mail address until they first sign in. */
@RestController
@RequestMapping("/api/organizations/{organizationId}/members")
class MembershipController {

    /** The role words, checked as a field so that a wrong one is a 422 naming {@code role}, like any invalid field. */
    private static final String ROLE = "owner|admin|member|viewer";
    private static final String ROLE_MESSAGE = "must be one of " + Role.WIRE_NAMES;

    private final MembershipService memberships;

    MembershipController(MembershipService memberships) {
        this.memberships = memberships;
    }

    @GetMapping
    Mono<Page<MemberView>> list(@PathVariable UUID organizationId,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor) {
        return memberships.list(organizationId, Page.limit(limit), Page.Cursor.decode(cursor))
                .map(page -> new Page<>(page.items().stream().map(MemberView::of).toList(), page.nextCursor()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<MemberView> add(@PathVariable UUID organizationId, @Valid @RequestBody AddMember request) {
        String subject = request.subject() == null ? null : request.subject().strip();
        String email = request.email() == null ? null : request.email().strip().toLowerCase(Locale.ROOT);
        if (subject == null && email == null) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed",
                    "A member needs a subject or an e-mail address",
                    Map.of("errors", List.of(
                            Map.of("field", "email", "message", "subject or email is required"),
                            Map.of("field", "subject", "message", "subject or email is required")))));
        }
        return memberships.add(organizationId, subject, email, Role.fromWire(request.role())).map(MemberView::of);
    }

    @PatchMapping("/{memberId}")
    Mono<MemberView> changeRole(@PathVariable UUID organizationId, @PathVariable UUID memberId,
                                @Valid @RequestBody ChangeRole request) {
        return memberships.changeRole(organizationId, memberId, Role.fromWire(request.role())).map(MemberView::of);
    }

    @DeleteMapping("/{memberId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> remove(@PathVariable UUID organizationId, @PathVariable UUID memberId) {
        return memberships.remove(organizationId, memberId);
    }

    record AddMember(@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 255) String subject,
                     @Email @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 320) String email,
                     @NotNull @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role) {
    }

    record ChangeRole(@NotNull @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role) {
    }

    /** {@code subject} is null while the member is an invitation to {@code email} that nobody has claimed yet. */
    record MemberView(UUID id, UUID organizationId, String subject, String email, Role role, String createdBy,
                      Instant createdAt, Instant updatedAt) {

        static MemberView of(Member member) {
            return new MemberView(member.id(), member.organizationId(), member.subject(), member.email(),
                    member.roleValue(), member.createdBy(), member.createdAt(), member.updatedAt());
        }
    }
}
