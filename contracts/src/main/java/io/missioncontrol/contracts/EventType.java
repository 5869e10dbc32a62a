package io.missioncontrol.contracts;

/**
 * A stable, versioned event type. The name is what travels in the CloudEvents {@code type} attribute
 * (e.g. {@code mc.task.created.v1}); it never changes once published. A breaking change is a new type.
 *
 * @param name         the CloudEvents type, {@code mc.<aggregate>.<happening>.v<N>}
 * @param topic        the topic events of this type are published to
 * @param resourceType the kind of aggregate, as the API names it (e.g. {@code task}, {@code board_group})
 * @param dataClass    the record the JSON data decodes into
 */
public record EventType<T extends DomainEvent>(String name, String topic, String resourceType, Class<T> dataClass) {

    public EventType {
        if (!name.matches("mc(\\.[a-z][a-z0-9-]*)+\\.v[0-9]+")) {
            throw new IllegalArgumentException("Event type names look like mc.<aggregate>.<happening>.v<N>: " + name);
        }
    }
}
