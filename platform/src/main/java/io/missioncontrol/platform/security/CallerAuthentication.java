package io.missioncontrol.platform.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request the gateway vouched for. The principal is the {@link Caller} ({@link Caller#current()} relies on that);
 * the authority {@code ROLE_ADMIN}, {@code ROLE_USER} or {@code ROLE_AGENT} mirrors its kind for method security.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.kind().name())));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    /** The token has done its job; nothing after authentication needs it. */
    @Override
    public Object getCredentials() {
        return "";
    }
}
