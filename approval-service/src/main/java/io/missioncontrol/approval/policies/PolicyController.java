package io.missioncontrol.approval.policies;

import io.missioncontrol.platform.tenancy.Role;
import io.missioncontrol.platform.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Approval policies of an organization (admins and owners manage them, members read them). */
@RestController
@RequestMapping("/api/approvals/policies")
class PolicyController {

    private final PolicyService policies;

    PolicyController(PolicyService policies) {
        this.policies = policies;
    }

    /**
     * Absent fields take the defaults of an organization without a policy: one approver, admins and owners decide,
     * no deadline, no automatic rejection.
     */
    record PolicyRequest(UUID organizationId, UUID boardId,
                         @Pattern(regexp = "[a-z0-9_.:*-]{1,100}") String actionPattern,
                         @Min(1) @Max(20) Integer quorum, List<String> approverRoles,
                         @Positive Long expirySeconds, @Min(1) @Max(100) Integer autoRejectBelow) {

        PolicyService.Terms terms() {
            List<String> roles = approverRoles == null ? ApprovalRules.DEFAULT.roleWords() : approverRoles;
            var words = new LinkedHashSet<String>();
            for (String role : roles) {
                if (role == null || java.util.Arrays.stream(Role.values()).map(Role::wire).noneMatch(role::equals)) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed",
                            "approver_roles are words of " + Role.WIRE_NAMES, Map.of("errors", List.of(Map.of(
                                    "field", "approver_roles", "message", "must be roles: " + Role.WIRE_NAMES))));
                }
                words.add(role);
            }
            if (words.isEmpty()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed",
                        "approver_roles may not be empty", Map.of("errors", List.of(Map.of(
                                "field", "approver_roles", "message", "must name at least one role"))));
            }
            return new PolicyService.Terms(boardId, actionPattern, quorum == null ? 1 : quorum, List.copyOf(words),
                    expirySeconds, autoRejectBelow);
        }
    }

    record PolicyList(List<Policy> items) {
    }

    @PostMapping
    Mono<ResponseEntity<Policy>> create(@Valid @RequestBody PolicyRequest request) {
        if (request.organizationId() == null) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed",
                    "organization_id is required", Map.of("errors", List.of(Map.of(
                            "field", "organization_id", "message", "must not be null")))));
        }
        return Mono.fromCallable(request::terms)
                .flatMap(terms -> policies.create(request.organizationId(), terms))
                .map(policy -> ResponseEntity.created(URI.create("/api/approvals/policies/" + policy.id())).body(policy));
    }

    @GetMapping
    Mono<PolicyList> list(@RequestParam("organization_id") @NotNull UUID organizationId) {
        return policies.list(organizationId).collectList().map(PolicyList::new);
    }

    @GetMapping("/{id}")
    Mono<Policy> get(@PathVariable UUID id) {
        return policies.get(id);
    }

    /** Replaces the policy's terms (its organization stays); requests already made keep their rules. */
    @PutMapping("/{id}")
    Mono<Policy> replace(@PathVariable UUID id, @Valid @RequestBody PolicyRequest request) {
        return Mono.fromCallable(request::terms).flatMap(terms -> policies.replace(id, terms));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id) {
        return policies.delete(id).thenReturn(ResponseEntity.noContent().build());
    }
}
