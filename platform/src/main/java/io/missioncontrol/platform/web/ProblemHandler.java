package io.missioncontrol.platform.web;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import reactor.core.publisher.Mono;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * Every error a service answers is RFC 9457 {@code application/problem+json} with a stable {@code code}; no
 * request can make a service answer a bare 500 or show a stack trace. Field errors name the JSON fields
 * (snake_case), not the Java ones.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> onApiException(ApiException e) {
        ProblemDetail problem = problem(e.status(), e.code(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return respond(problem);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> onStaleWrite(OptimisticLockingFailureException e) {
        return respond(problem(HttpStatus.CONFLICT, "version_conflict",
                "The resource was changed by someone else; read it again and retry"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> onIntegrityViolation(DataIntegrityViolationException e) {
        log.info("Refused a write that breaks a database constraint: {}", e.getMostSpecificCause().getMessage());
        return respond(problem(HttpStatus.CONFLICT, "conflict", "The request conflicts with the current state"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> onUnexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error, incident {}", incident, e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "An unexpected error occurred; quote incident " + incident + " when reporting it");
        problem.setProperty("incident", incident);
        return respond(problem);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException e,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, String>> errors = e.getFieldErrors().stream()
                .sorted(Comparator.comparing(error -> error.getField()))
                .map(error -> Map.of("field", JsonNames.of(error.getField()),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return Mono.just(respondUntyped(invalid("The request has invalid fields", errors)));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status,
            ServerWebExchange exchange) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of("field", JsonNames.of(result.getMethodParameter().getParameterName()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return Mono.just(respondUntyped(invalid("The request has invalid parameters", errors)));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException e,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        return Mono.just(respondUntyped(inputProblem(e)));
    }

    /** Framework errors (404 route, 405, 406, 415, …) keep their status and get a code. */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : e instanceof ErrorResponse response ? response.getBody()
                : ProblemDetail.forStatus(status);
        problem.setProperty("code", codeFor(e, status));
        problem.setType(typeFor(codeFor(e, status)));
        return Mono.just(ResponseEntity.status(status).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem));
    }

    private static ProblemDetail inputProblem(ServerWebInputException e) {
        if (e instanceof MissingRequestValueException missing) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "missing_parameter", missing.getReason());
            problem.setProperty("errors", List.of(Map.of("field", missing.getName(), "message", "is required")));
            return problem;
        }
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof DatabindException) && !(cause instanceof StreamReadException)) {
            cause = cause.getCause();
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("");
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid_field",
                    "Field '" + field + "' has a value of the wrong type or format");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", "has the wrong type or format")));
            return problem;
        }
        if (cause != null || e.getCause() instanceof DecodingException) {
            return problem(HttpStatus.BAD_REQUEST, "malformed_json", "The request body is not valid JSON");
        }
        if (e.getReason() != null && e.getReason().contains("body is missing")) {
            return problem(HttpStatus.BAD_REQUEST, "missing_body", "The request needs a JSON body");
        }
        return problem(HttpStatus.BAD_REQUEST, "bad_request", e.getReason());
    }

    private static String codeFor(Exception e, HttpStatusCode status) {
        if (e instanceof NoResourceFoundException) {
            return "not_found";
        }
        if (e instanceof MethodNotAllowedException) {
            return "method_not_allowed";
        }
        if (e instanceof UnsupportedMediaTypeStatusException) {
            return "unsupported_media_type";
        }
        if (e instanceof NotAcceptableStatusException) {
            return "not_acceptable";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "error" : known.name().toLowerCase();
    }

    static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(typeFor(code));
        problem.setProperty("code", code);
        return problem;
    }

    private static URI typeFor(String code) {
        return URI.create("https://mission-control.dev/problems/" + code.replace('_', '-'));
    }

    private static ProblemDetail invalid(String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The framework's handler methods answer {@code ResponseEntity<Object>}. */
    private static ResponseEntity<Object> respondUntyped(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
