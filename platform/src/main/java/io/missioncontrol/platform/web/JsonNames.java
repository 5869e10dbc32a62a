package io.missioncontrol.platform.web;

/** Java property paths as the snake_case JSON names clients send ({@code boardId} → {@code board_id}). */
final class JsonNames {

    static String of(String javaPath) {
        if (javaPath == null) {
            return "";
        }
        return javaPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private JsonNames() {
    }
}
