package io.missioncontrol.task.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void findsAgentIdsSubjectsAndEmailAddressesInOrderWithoutRepeats() {
        UUID agent = UUID.randomUUID();
        String body = "@" + agent + ", please ask @alice and @Bob@Example.com. Thanks @alice!";
        assertThat(Mentions.tokens(body)).containsExactly(agent.toString(), "alice", "Bob@Example.com");
    }

    @Test
    void ignoresTheAtSignInsideAnEmailAddressAndTrailingPunctuation() {
        assertThat(Mentions.tokens("mail carol@example.com or ping @dave.")).containsExactly("dave");
        assertThat(Mentions.tokens("no mentions @ all")).isEmpty();
    }

    @Test
    void takesOnlyUuidsAsAgentIds() {
        UUID agent = UUID.randomUUID();
        assertThat(Mentions.asAgentId(agent.toString())).isEqualTo(agent);
        assertThat(Mentions.asAgentId("alice")).isNull();
    }

    @Test
    void excerptsAreAtMostTwoHundredCharacters() {
        assertThat(Mentions.excerpt("short")).isEqualTo("short");
        assertThat(Mentions.excerpt("x".repeat(500))).hasSize(200).endsWith("…");
    }
}
