package io.missioncontrol.contracts.task;

import java.util.UUID;

/** Who a comment mentions: {@code type} is {@code agent} (an agent id) or {@code member} (a membership id). */
public record Mention(String type, UUID id) {
}
