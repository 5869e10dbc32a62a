package io.missioncontrol.gateway.auth;

import reactor.core.publisher.Mono;

/**
 * One way to prove who you are with a bearer token. The gateway asks each method in turn: a method answers empty when
 * the token is not one of its own (the next may know it) and a caller when it is and checks out.
 *
 * <p>Today there is the admin token. OIDC JWTs (a {@code ReactiveJwtDecoder} with a configurable JWKS location) and
 * agent keys ({@code mc_<id>.<secret>}, looked up by id) are further implementations; nothing else changes.
 */
interface BearerTokenAuthenticator {

    Mono<GatewayCaller> authenticate(String token);
}
