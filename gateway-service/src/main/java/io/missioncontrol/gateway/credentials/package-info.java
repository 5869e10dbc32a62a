/**
 * The credential cache: the gateway's own table of agent API keys (key id → secret hash, agent, organization,
 * scopes, expiry, revocation), built by reading the compacted {@code mc.credentials} topic from its beginning. Agent
 * keys are checked against it on the request path, so no request waits on registry-service (decision 0017).
 */
@NullMarked
package io.missioncontrol.gateway.credentials;

import org.jspecify.annotations.NullMarked;
