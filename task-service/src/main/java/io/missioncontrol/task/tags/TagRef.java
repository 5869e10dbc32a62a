package io.missioncontrol.task.tags;

import java.util.UUID;

/** A tag as a task shows it. */
public record TagRef(UUID id, String name, String color) {
}
