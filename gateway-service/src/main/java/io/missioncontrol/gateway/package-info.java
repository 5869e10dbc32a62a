/** The gateway-service: authentication of outside callers, the internal token, routing to the services. */
@NullMarked
package io.missioncontrol.gateway;

import org.jspecify.annotations.NullMarked;
