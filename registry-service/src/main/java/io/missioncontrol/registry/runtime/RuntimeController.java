package io.missioncontrol.registry.runtime;

import io.missioncontrol.platform.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The runtime API, also under {@code /api/gateways} (OpenClaw's word for a runtime, as Mission Control clients call
 * it), where {@code endpoint} is accepted for {@code endpoint_url}; both paths answer alike. The token goes in ({@code auth_token}) and never comes out: answers say {@code has_token}. Every
 * answer that shows one runtime carries its version as the entity tag; writes may be conditional with
 * {@code If-Match}.
 */
@RestController
@RequestMapping({"/api/runtimes", "/api/gateways"})
class RuntimeController {

    private final RuntimeService runtimes;

    RuntimeController(RuntimeService runtimes) {
        this.runtimes = runtimes;
    }

    @PostMapping
    Mono<ResponseEntity<RuntimeView>> register(@Valid @RequestBody RegisterRuntime request,
                                               ServerHttpRequest http) {
        String base = http.getPath().pathWithinApplication().value().replaceAll("/+$", "");
        return Mono.fromCallable(() -> RuntimePatch.endpoint(request.endpointUrl(), request.endpoint()))
                .flatMap(endpoint -> runtimes.register(new RuntimeService.NewRuntime(request.organizationId(),
                        request.name(), endpoint, request.capabilities(), request.authToken())))
                .map(RuntimeView::of)
                .map(view -> ResponseEntity.created(URI.create(base + "/" + view.id())).eTag(etag(view)).body(view));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<RuntimeView>> get(@PathVariable UUID id) {
        return runtimes.get(id).map(RuntimeView::of).map(RuntimeController::ok);
    }

    @GetMapping
    Mono<Page<RuntimeView>> list(@RequestParam("organization_id") UUID organizationId,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        return runtimes.list(organizationId, cursor, limit)
                .map(page -> new Page<>(page.items().stream().map(RuntimeView::of).toList(), page.nextCursor()));
    }

    /** A partial update; {@code auth_token} rotates the token, {@code "auth_token": null} removes it. */
    @PatchMapping("/{id}")
    Mono<ResponseEntity<RuntimeView>> patch(@PathVariable UUID id, @RequestBody JsonNode body,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return runtimes.patch(id, RuntimePatch.parse(body), IfMatch.parse(ifMatch)).map(RuntimeView::of)
                .map(RuntimeController::ok);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return runtimes.delete(id, IfMatch.parse(ifMatch)).thenReturn(ResponseEntity.noContent().build());
    }

    /** The registration; validated further (and without echoing the token) by {@link RuntimeRules}. */
    record RegisterRuntime(@NotNull UUID organizationId, String name, String endpointUrl, String endpoint,
                           List<String> capabilities, String authToken) {

        @Override
        public String toString() {
            return "RegisterRuntime[organizationId=" + organizationId + ", name=" + name + "]";
        }
    }

    private static ResponseEntity<RuntimeView> ok(RuntimeView view) {
        return ResponseEntity.ok().eTag(etag(view)).body(view);
    }

    private static String etag(RuntimeView view) {
        return "\"" + view.version() + "\"";
    }
}
