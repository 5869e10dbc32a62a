package io.missioncontrol.platform.events;

/** A record that is not a CloudEvent of a known type with valid data. Retrying cannot help: it is dead-lettered. */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
