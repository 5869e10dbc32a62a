package io.missioncontrol.gateway.auth;

import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tries the gateway's authentication methods in order; a token none of them recognises is rejected. */
final class BearerAuthenticationManager implements ReactiveAuthenticationManager {

    private final List<BearerTokenAuthenticator> methods;

    BearerAuthenticationManager(List<BearerTokenAuthenticator> methods) {
        this.methods = List.copyOf(methods);
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return Mono.empty();
        }
        return Flux.fromIterable(methods)
                .concatMap(method -> method.authenticate(bearer.getToken()))
                .next()
                .<Authentication>map(CallerAuthentication::new)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown bearer token")));
    }
}
