/** What the gateway answers itself: liveness, request ids and problem+json errors. */
@NullMarked
package io.missioncontrol.gateway.web;

import org.jspecify.annotations.NullMarked;
