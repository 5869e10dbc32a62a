package io.missioncontrol.telemetry.activity;

import io.missioncontrol.contracts.DomainEvent;
import io.missioncontrol.contracts.EventType;
import io.missioncontrol.platform.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON example docs/events.md gives for each event type: one real instance of every type, kept by the docs. */
final class DocumentedEvents {

    private static final String DOCS = read();

    private DocumentedEvents() {
    }

    static DomainEvent example(EventType<?> type) {
        int heading = DOCS.indexOf("### `" + type.name() + "`");
        if (heading < 0) {
            throw new AssertionError("docs/events.md has no section for " + type.name());
        }
        Matcher json = Pattern.compile("```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(DOCS);
        if (!json.find(heading)) {
            throw new AssertionError("docs/events.md has no JSON example for " + type.name());
        }
        return EventCodec.fromJson(json.group(1).getBytes(StandardCharsets.UTF_8), type.dataClass());
    }

    private static String read() {
        try {
            return Files.readString(Path.of("..", "docs", "events.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
