package io.missioncontrol.task.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");

    @Test
    void stripsTheNameAndStoresTheColourInLowerCase() {
        Tag tag = Tag.create(ORG, "  Security ", "#D73A4A", "alice", NOW);
        assertThat(tag.name()).isEqualTo("Security");
        assertThat(tag.color()).isEqualTo("#d73a4a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"red", "#fff", "#12345g", "d73a4a", "#d73a4a0", " #d73a4a"})
    void refusesColoursThatAreNotSixHexDigits(String color) {
        assertThatThrownBy(() -> Tag.create(ORG, "bug", color, "alice", NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("validation_failed");
                    assertThat(e.properties().get("errors").toString()).contains("color");
                });
    }

    @Test
    void refusesAMissingColour() {
        assertThatThrownBy(() -> Tag.create(ORG, "bug", null, "alice", NOW)).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "line\nbreak"})
    void refusesBlankOrControlCharacterNames(String name) {
        assertThatThrownBy(() -> Tag.create(ORG, name, "#000000", "alice", NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("validation_failed"));
    }

    @Test
    void acceptsFiftyCharactersButNotFiftyOne() {
        assertThat(Tag.create(ORG, "x".repeat(50), "#000000", "alice", NOW).name()).hasSize(50);
        assertThatThrownBy(() -> Tag.create(ORG, "x".repeat(51), "#000000", "alice", NOW))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        assertThatThrownBy(() -> Tag.create(ORG, " ", "blue", "alice", NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.properties().get("errors").toString())
                        .contains("name").contains("color"));
    }

    @Test
    void anEditThatChangesNothingIsTheSameTag() {
        Tag tag = new Tag(UUID.randomUUID(), ORG, "bug", "#d73a4a", "alice", NOW, NOW, 0L);
        assertThat(tag.edit(null, "#D73A4A", NOW.plusSeconds(1))).isSameAs(tag);
        assertThat(tag.edit("bug ", null, NOW.plusSeconds(1))).isSameAs(tag);
        Tag renamed = tag.edit("defect", null, NOW.plusSeconds(1));
        assertThat(renamed.name()).isEqualTo("defect");
        assertThat(renamed.color()).isEqualTo("#d73a4a");
        assertThat(renamed.updatedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void namesEachUnknownTagByItsPosition() {
        UUID known = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> TagService.refuseUnknown(List.of(known, unknown, unknown), Set.of(known)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown_reference");
                    assertThat(e.properties().get("errors").toString()).contains("tags[1]").contains("tags[2]")
                            .doesNotContain("tags[0]");
                });
    }
}
