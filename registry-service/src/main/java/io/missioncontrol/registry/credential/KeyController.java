package io.missioncontrol.registry.credential;

import io.missioncontrol.platform.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * An agent's API keys. The key itself is in the answer to its issue or rotation and nowhere else; those answers are
 * marked {@code Cache-Control: no-store} so no cache on the way keeps it.
 */
@RestController
@RequestMapping("/api/agents/{agentId}/keys")
class KeyController {

    private final KeyService keys;

    KeyController(KeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    Mono<ResponseEntity<KeyViews.Issued>> issue(@PathVariable UUID agentId, @Valid @RequestBody IssueKey request) {
        return keys.issue(agentId, request.scopes(), micros(request.expiresAt())).map(KeyController::created);
    }

    @GetMapping
    Mono<Page<KeyViews.Metadata>> list(@PathVariable UUID agentId, @RequestParam(required = false) Integer limit,
                                       @RequestParam(required = false) String cursor) {
        int size = Page.limit(limit);
        return keys.list(agentId, Page.Cursor.decode(cursor), size);
    }

    /** The body is optional: {@code expires_at} replaces the old key's expiry. */
    @PostMapping("/{keyId}/rotate")
    Mono<ResponseEntity<KeyViews.Issued>> rotate(@PathVariable UUID agentId, @PathVariable UUID keyId,
                                                 @RequestBody(required = false) RotateKey request) {
        return keys.rotate(agentId, keyId, request == null ? null : micros(request.expiresAt()))
                .map(KeyController::created);
    }

    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@PathVariable UUID agentId, @PathVariable UUID keyId) {
        return keys.revoke(agentId, keyId);
    }

    record IssueKey(@NotNull @Size(min = 1, max = 10) List<@NotNull String> scopes, Instant expiresAt) {
    }

    record RotateKey(Instant expiresAt) {
    }

    private static ResponseEntity<KeyViews.Issued> created(KeyViews.Issued issued) {
        return ResponseEntity.created(URI.create("/api/agents/" + issued.agentId() + "/keys/" + issued.keyId()))
                .cacheControl(CacheControl.noStore())
                .body(issued);
    }

    /** Microseconds: what PostgreSQL keeps, so the answer and every later read agree. */
    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
