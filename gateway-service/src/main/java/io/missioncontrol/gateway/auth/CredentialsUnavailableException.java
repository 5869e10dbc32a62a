package io.missioncontrol.gateway.auth;

import org.springframework.security.authentication.AuthenticationServiceException;

/** The gateway cannot check an agent key yet: its credential table is still loading. 503, not 401. */
final class CredentialsUnavailableException extends AuthenticationServiceException {

    CredentialsUnavailableException(String message) {
        super(message);
    }
}
