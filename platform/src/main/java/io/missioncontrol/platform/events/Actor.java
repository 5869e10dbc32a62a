package io.missioncontrol.platform.events;

import io.missioncontrol.platform.security.Caller;

/**
 * Who caused an event: the {@code actortype} and {@code actorid} CloudEvents extensions.
 *
 * @param type {@code admin}, {@code user}, {@code agent} or {@code system}
 * @param id   the principal's subject, or the service name for {@code system}
 */
public record Actor(String type, String id) {

    public static Actor of(Caller caller) {
        return new Actor(caller.kind().wireName(), caller.subject());
    }

    /** Work no request caused: listeners reacting to other events, scheduled jobs. */
    public static Actor system(String service) {
        return new Actor("system", service);
    }
}
