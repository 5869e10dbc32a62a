package io.missioncontrol.gateway.auth;

import reactor.core.publisher.Mono;

/**
 * One way to prove who you are with a bearer token. The gateway asks each method in turn: a method answers empty when
 * the token is not one of its own (the next may know it) and a caller when it is and checks out.
 *
 * <p>There are the admin token, agent keys ({@code mc_<id>.<secret>}, looked up by id in the credential cache) and
 * OIDC JWTs (when configured). A method that recognises a token as its own but finds it
 * wrong answers {@code BadCredentialsException} (401); one that cannot check it right now answers
 * {@code AuthenticationServiceException} (503).
 */
interface BearerTokenAuthenticator {

    Mono<GatewayCaller> authenticate(String token);
}
