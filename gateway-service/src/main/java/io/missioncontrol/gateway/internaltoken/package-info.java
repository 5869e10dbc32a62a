/** The short-lived token the gateway signs for each routed request: the only identity the services trust. */
@NullMarked
package io.missioncontrol.gateway.internaltoken;

import org.jspecify.annotations.NullMarked;
