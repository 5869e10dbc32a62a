package io.missioncontrol.contracts;

import java.util.UUID;

/**
 * An event about something that lives on a board; its data carries {@code board_id}. A live board stream picks its
 * events by this, so every event published to {@link Topics#TASKS} implements it (a test in this module checks).
 */
public interface BoardScoped {

    /** The board the changed object is on. */
    UUID boardId();
}
