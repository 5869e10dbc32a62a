/** Per-caller request rate limits at the door: 429 {@code rate_limited} with {@code Retry-After}. */
@NullMarked
package io.missioncontrol.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
