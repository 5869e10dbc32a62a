/** Which service owns which path, and what a client sees when that service is down or slow. */
@NullMarked
package io.missioncontrol.gateway.routing;

import org.jspecify.annotations.NullMarked;
