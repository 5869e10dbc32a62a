package io.missioncontrol.registry.agent;

import io.missioncontrol.platform.web.Page;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
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
 * The agent API. Every answer that shows one agent carries its version as the entity tag ({@code ETag: "3"}); a change
 * sent with {@code If-Match} applies only to that version. The lifecycle moves through one endpoint per transition
 * ({@code activate}, {@code pause}, {@code resume}, {@code retire}), so a client says what it means and a refusal can
 * name it; {@code DELETE} retires too, since an agent's history outlives it.
 */
@RestController
@RequestMapping("/api/agents")
class AgentController {

    static final int TEXT_MAX = 200;

    private final AgentService agents;

    AgentController(AgentService agents) {
        this.agents = agents;
    }

    @PostMapping
    Mono<ResponseEntity<AgentView>> create(@RequestBody JsonNode body) {
        return Mono.fromSupplier(() -> AgentPatch.parseCreate(body))
                .flatMap(agents::create)
                .map(view -> ResponseEntity.created(URI.create("/api/agents/" + view.id())).eTag(etag(view))
                        .body(view));
    }

    @GetMapping("/me")
    Mono<ResponseEntity<AgentView>> me() {
        return agents.me().map(AgentController::ok);
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<AgentView>> get(@PathVariable UUID id) {
        return agents.get(id).map(AgentController::ok);
    }

    @GetMapping
    Mono<Page<AgentView>> list(@RequestParam("organization_id") UUID organizationId,
                               @RequestParam(required = false) String status,
                               @RequestParam(required = false) String presence,
                               @RequestParam(required = false) String capability,
                               @RequestParam(required = false) String q,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String cursor) {
        AgentStatus statusFilter = status == null ? null : AgentStatus.parameter(status);
        Boolean online = presence == null ? null : online(presence);
        String capabilityFilter = text("capability", capability);
        String textFilter = text("q", q);
        int size = Page.limit(limit);
        Page.Cursor after = Page.Cursor.decode(cursor);
        return agents.list(new AgentStore.Filter(organizationId, statusFilter, online, capabilityFilter, textFilter),
                after, size);
    }

    /** A partial update: see {@link AgentPatch} for absent and null fields. */
    @PatchMapping("/{id}")
    Mono<ResponseEntity<AgentView>> patch(@PathVariable UUID id, @RequestBody JsonNode body,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return Mono.fromSupplier(() -> AgentPatch.parse(body))
                .flatMap(patch -> agents.patch(id, patch, IfMatch.parse(ifMatch)))
                .map(AgentController::ok);
    }

    /** {@code provisioning → active}. */
    @PostMapping("/{id}/activate")
    Mono<ResponseEntity<AgentView>> activate(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return perform(id, AgentAction.ACTIVATE, ifMatch);
    }

    /** {@code active → paused}. */
    @PostMapping("/{id}/pause")
    Mono<ResponseEntity<AgentView>> pause(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return perform(id, AgentAction.PAUSE, ifMatch);
    }

    /** {@code paused → active}. */
    @PostMapping("/{id}/resume")
    Mono<ResponseEntity<AgentView>> resume(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return perform(id, AgentAction.RESUME, ifMatch);
    }

    @PostMapping("/{id}/retire")
    Mono<ResponseEntity<RetireResponse>> retire(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return agents.retire(id, IfMatch.parse(ifMatch)).map(AgentController::retired);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<RetireResponse>> delete(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return retire(id, ifMatch);
    }

    /**
     * The agent after retiring, the tasks still assigned to it (they keep it as their assignee until someone hands
     * them on) and how many keys stopped working.
     */
    record RetireResponse(AgentView agent, List<AgentWork.OpenTask> openTasks, long revokedKeys) {
    }

    private Mono<ResponseEntity<AgentView>> perform(UUID id, AgentAction action, String ifMatch) {
        return agents.perform(id, action, IfMatch.parse(ifMatch)).map(AgentController::ok);
    }

    private static ResponseEntity<RetireResponse> retired(AgentService.Retirement retirement) {
        return ResponseEntity.ok().eTag(etag(retirement.agent())).body(new RetireResponse(retirement.agent(),
                retirement.openTasks(), retirement.revokedKeys()));
    }

    private static ResponseEntity<AgentView> ok(AgentView view) {
        return ResponseEntity.ok().eTag(etag(view)).body(view);
    }

    static String etag(AgentView view) {
        return "\"" + view.version() + "\"";
    }

    private static Boolean online(String presence) {
        if ("online".equals(presence)) {
            return true;
        }
        if ("offline".equals(presence)) {
            return false;
        }
        throw AgentProblems.invalidParameter("presence", "must be online or offline");
    }

    private static String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > TEXT_MAX) {
            throw AgentProblems.invalidParameter(name, "must be at most " + TEXT_MAX + " characters");
        }
        return value.strip();
    }
}
