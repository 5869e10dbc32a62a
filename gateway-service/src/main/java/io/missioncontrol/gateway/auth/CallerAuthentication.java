package io.missioncontrol.gateway.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request that proved who it is; the principal is the {@link GatewayCaller}. The presented token is not kept:
 * nothing after authentication may see it, and the services get a token of their own.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final GatewayCaller caller;

    CallerAuthentication(GatewayCaller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.kind().name())));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public GatewayCaller getPrincipal() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return "";
    }
}
