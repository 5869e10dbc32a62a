package io.missioncontrol.gateway.auth;

import io.missioncontrol.gateway.web.Problem;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenClaw Watch agent's reports ({@code POST /api/report/status}, {@code POST /api/report/error}) carry their
 * agent key in the JSON body as {@code api_key}, not in a header: hosts already deployed cannot change that. For
 * exactly these two paths the gateway reads the body (at most {@link #MAX_BODY_BYTES}), takes the key out of it,
 * and checks it with the same {@link AgentKeyAuthenticator} as a header key, so it is as strict. The key never
 * reaches the service: the body is forwarded without it, with the internal token like any agent request.
 *
 * <p>Three pieces, because the body can be read only once and a security converter cannot hand a new request down
 * the chain: a web filter in the security chain that reads and rewrites the body (and keeps the key in an exchange
 * attribute), a converter that offers that key, and an authentication manager that knows agent keys only (an admin
 * token or a person's JWT in a body is no way to sign in).
 */
final class WatchReportKeys {

    /** A Watch status report is a few hundred bytes, an error report at most about 700. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    static final ServerWebExchangeMatcher PATHS = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
            "/api/report/status", "/api/report/error");

    private static final String KEY_ATTRIBUTE = WatchReportKeys.class.getName() + ".key";
    private static final String KEY_FIELD = "api_key";
    private static final JsonMapper JSON = JsonMapper.shared();

    private WatchReportKeys() {
    }

    /** Reads the report's body once, keeps its key aside, and passes the body on without it. */
    static WebFilter bodyKeyFilter() {
        return (exchange, chain) -> PATHS.matches(exchange)
                .flatMap(match -> match.isMatch() ? stripKey(exchange, chain) : chain.filter(exchange));
    }

    private static Mono<Void> stripKey(ServerWebExchange exchange, WebFilterChain chain) {
        return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY_BYTES)
                .map(WatchReportKeys::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    byte[] forwarded = body;
                    JsonNode json = parse(body);
                    if (json instanceof ObjectNode report) {
                        JsonNode key = report.remove(KEY_FIELD);
                        if (key != null && key.isString()) {
                            exchange.getAttributes().put(KEY_ATTRIBUTE, key.asString());
                        }
                        // Dropped whatever it held: a key of the wrong JSON type must not travel on either.
                        forwarded = key == null ? body : JSON.writeValueAsBytes(report);
                    }
                    return chain.filter(exchange.mutate().request(withBody(exchange.getRequest(), forwarded)).build());
                })
                .onErrorResume(DataBufferLimitException.class, tooLarge -> Problem.of(HttpStatus.CONTENT_TOO_LARGE,
                        "payload_too_large", "A report may have at most " + MAX_BODY_BYTES + " bytes")
                        .writeTo(exchange.getResponse()));
    }

    /** The key the report carried, for the security filter of these paths; none means 401. */
    static ServerAuthenticationConverter converter() {
        return exchange -> Mono.justOrEmpty(exchange.<String>getAttribute(KEY_ATTRIBUTE))
                .map(BearerTokenAuthenticationToken::new);
    }

    /** Agent keys only: anything else in {@code api_key} is refused like a bad key. */
    static ReactiveAuthenticationManager agentKeysOnly(AgentKeyAuthenticator agentKeys) {
        return authentication -> {
            if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
                return Mono.empty();
            }
            return agentKeys.authenticate(bearer.getToken())
                    .<Authentication>map(CallerAuthentication::new)
                    .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Not an agent key")));
        };
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            // Not JSON: forwarded as it came (the service answers 400); without a key it never gets that far.
            return null;
        }
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static ServerHttpRequest withBody(ServerHttpRequest request, byte[] body) {
        ServerHttpRequest sized = request.mutate()
                .headers(headers -> {
                    headers.remove("Transfer-Encoding");
                    headers.setContentLength(body.length);
                })
                .build();
        return new ServerHttpRequestDecorator(sized) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }
}
