/**
 * Who is calling: every request under {@code /api/**} proves it with a bearer token. It is the local admin token, an
 * agent's API key (checked against the credential cache) or, when an identity provider is configured, a person's
 * OIDC JWT; each is a {@link io.missioncontrol.gateway.auth.BearerTokenAuthenticator}.
 */
@NullMarked
package io.missioncontrol.gateway.auth;

import org.jspecify.annotations.NullMarked;
