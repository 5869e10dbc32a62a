package io.missioncontrol.registry.dispatch;

import io.missioncontrol.platform.web.ApiException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Running a task on one chosen runtime, as the Mission Control API asks it of a gateway:
 * {@code POST /api/gateways/{id}/execute} (and {@code /api/runtimes/{id}/execute}) with {@code {task_id, parameters}}.
 * Answers 202 with the execution id; the outcome is the execution's ({@code GET /api/executions/{id}}).
 */
@RestController
class RuntimeExecutionController {

    private final Dispatcher dispatcher;

    RuntimeExecutionController(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping({"/api/gateways/{id}/execute", "/api/runtimes/{id}/execute"})
    Mono<ResponseEntity<Accepted>> execute(@PathVariable UUID id, @RequestBody JsonNode body) {
        return Mono.fromCallable(() -> ExecuteRequest.parse(body))
                .flatMap(request -> dispatcher.executeOn(id, request.taskId(), request.parameters()))
                .map(execution -> ResponseEntity.accepted()
                        .location(URI.create("/api/executions/" + execution.id()))
                        .body(new Accepted(execution.id())));
    }

    record Accepted(UUID executionId) {
    }

    /** {@code task_id} (required) and {@code parameters} (an object, passed on to the runtime as given; optional). */
    record ExecuteRequest(UUID taskId, String parameters) {

        static ExecuteRequest parse(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json",
                        "The request body must be a JSON object");
            }
            JsonNode task = body.get("task_id");
            if (task == null || task.isNull()) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed",
                        "task_id: must not be null", errors("task_id", "must not be null"));
            }
            UUID taskId = task.isString() ? uuid(task.asString()) : null;
            if (taskId == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field",
                        "The request has fields of the wrong type", errors("task_id", "must be a UUID"));
            }
            JsonNode parameters = body.get("parameters");
            if (parameters == null || parameters.isNull()) {
                return new ExecuteRequest(taskId, null);
            }
            if (!parameters.isObject()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_field",
                        "The request has fields of the wrong type", errors("parameters", "must be an object"));
            }
            String text = parameters.toString();
            if (text.length() > Dispatcher.PARAMETERS_MAX) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed",
                        "parameters: at most " + Dispatcher.PARAMETERS_MAX + " characters of JSON",
                        errors("parameters", "at most " + Dispatcher.PARAMETERS_MAX + " characters of JSON"));
            }
            return new ExecuteRequest(taskId, text);
        }

        private static UUID uuid(String value) {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static Map<String, Object> errors(String field, String message) {
            return Map.of("errors", List.of(Map.of("field", field, "message", message)));
        }
    }
}
