package io.missioncontrol.approval.approvals;

import io.missioncontrol.platform.web.ApiException;
import io.missioncontrol.platform.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Approval requests: ask, read (or wait for) one, list, decide or cancel. */
@RestController
@RequestMapping("/api/approvals")
class ApprovalController {

    static final int MAX_TASKS = 100;
    static final int MAX_RUBRIC = 50;
    static final int MAX_METADATA_BYTES = 16_384;

    private final ApprovalService approvals;
    private final ApprovalProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    ApprovalController(ApprovalService approvals, ApprovalProperties properties, JsonMapper json, Clock clock) {
        this.approvals = approvals;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** {@code task_id} or {@code task_ids} (or both); {@code expires_at} null takes the policy's default. */
    record CreateApproval(UUID taskId, List<UUID> taskIds,
                          @NotBlank @Size(max = 100) @Pattern(regexp = "[a-z][a-z0-9_.:-]*") String action,
                          @NotBlank @Size(max = 4000) String reason,
                          @NotNull @Min(0) @Max(100) Integer confidence,
                          Map<String, Double> rubricScores, Map<String, Object> metadata, Instant expiresAt,
                          Boolean executeOnApproval) {
    }

    /** {@code status}: approved or rejected (approvers), or cancelled (the requester). */
    record Decision(@NotBlank String status, @Size(max = 4000) String comment) {
    }

    @PostMapping
    Mono<ResponseEntity<ApprovalView>> create(@Valid @RequestBody CreateApproval body) {
        return Mono.fromCallable(() -> validated(body))
                .flatMap(approvals::request)
                .map(view -> ResponseEntity.created(URI.create("/api/approvals/" + view.id())).body(view));
    }

    /** With {@code wait} (e.g. {@code 30s}, at most {@code mc.approvals.max-wait}): answers once it is settled. */
    @GetMapping("/{id}")
    Mono<ApprovalView> get(@PathVariable UUID id, @RequestParam(name = "wait", required = false) String wait) {
        return Mono.fromCallable(() -> Waits.parse(wait, properties.maxWait()))
                .flatMap(duration -> approvals.await(id, duration));
    }

    /** Without {@code organization_id}: the approvals of every organization the caller may read. */
    @GetMapping
    Mono<Page<ApprovalView>> list(@RequestParam(name = "organization_id", required = false) UUID organizationId,
                                  @RequestParam(name = "status", required = false) String status,
                                  @RequestParam(name = "board_id", required = false) UUID boardId,
                                  @RequestParam(name = "task_id", required = false) UUID taskId,
                                  @RequestParam(name = "requested_by", required = false) String requestedBy,
                                  @RequestParam(name = "action", required = false) String action,
                                  @RequestParam(name = "cursor", required = false) String cursor,
                                  @RequestParam(name = "limit", required = false) Integer limit) {
        return Mono.fromCallable(() -> {
                    ApprovalStatus wanted = status == null ? null : status(status, "status");
                    ApprovalQuery.Position after = ApprovalQuery.Position.decode(cursor);
                    int size = Page.limit(limit);
                    return (java.util.function.Function<List<UUID>, ApprovalQuery>) organizations -> new ApprovalQuery(
                            organizations, wanted, boardId, taskId, requestedBy, action, after, size);
                })
                .flatMap(query -> approvals.list(organizationId, query));
    }

    @PatchMapping("/{id}")
    Mono<ApprovalView> decide(@PathVariable UUID id, @Valid @RequestBody Decision body) {
        return Mono.fromCallable(() -> {
                    ApprovalStatus to = status(body.status(), "status");
                    if (to == ApprovalStatus.PENDING || to == ApprovalStatus.EXPIRED) {
                        throw invalid("status", "must be approved, rejected or cancelled");
                    }
                    return to;
                })
                .flatMap(to -> approvals.decide(id, to, blankToNull(body.comment())));
    }

    private ApprovalService.NewRequest validated(CreateApproval body) {
        var ids = new LinkedHashSet<UUID>();
        if (body.taskId() != null) {
            ids.add(body.taskId());
        }
        if (body.taskIds() != null) {
            for (UUID id : body.taskIds()) {
                if (id == null) {
                    throw invalid("task_ids", "must not contain null");
                }
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            throw invalid("task_ids", "name at least one task (task_id or task_ids)");
        }
        if (ids.size() > MAX_TASKS) {
            throw invalid("task_ids", "at most " + MAX_TASKS + " tasks");
        }
        Map<String, Double> scores = body.rubricScores() == null ? Map.of() : body.rubricScores();
        if (scores.size() > MAX_RUBRIC) {
            throw invalid("rubric_scores", "at most " + MAX_RUBRIC + " scores");
        }
        for (var score : scores.entrySet()) {
            if (score.getKey().isBlank() || score.getKey().length() > 100 || score.getValue() == null
                    || score.getValue().isNaN() || score.getValue().isInfinite()) {
                throw invalid("rubric_scores", "maps names (1-100 characters) to numbers");
            }
        }
        Map<String, Object> metadata = body.metadata() == null ? Map.of() : new LinkedHashMap<>(body.metadata());
        if (json.writeValueAsBytes(metadata).length > MAX_METADATA_BYTES) {
            throw invalid("metadata", "at most " + MAX_METADATA_BYTES + " bytes of JSON");
        }
        Instant expiresAt = body.expiresAt() == null ? null : body.expiresAt().truncatedTo(ChronoUnit.MICROS);
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw invalid("expires_at", "must be in the future");
        }
        return new ApprovalService.NewRequest(new ArrayList<>(ids), body.action(), body.reason().strip(),
                body.confidence(), scores, metadata, expiresAt, Boolean.TRUE.equals(body.executeOnApproval()));
    }

    private static ApprovalStatus status(String value, String field) {
        try {
            return ApprovalStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be one of pending, approved, rejected, expired, cancelled");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
