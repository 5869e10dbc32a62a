/**
 * Who is calling: every request under {@code /api/**} proves it with a bearer token. Today that is the local admin
 * token; OIDC JWTs and agent keys join as further {@link io.missioncontrol.gateway.auth.BearerTokenAuthenticator}s.
 */
@NullMarked
package io.missioncontrol.gateway.auth;

import org.jspecify.annotations.NullMarked;
