package io.missioncontrol.registry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentConfigTest {

    static final String OPENCLAW = """
            // openclaw.json, written by hand
            {
              agent: {
                model: 'anthropic/claude-sonnet-4', /* the default */
                temperature: .7,
                maxTokens: 0x1000,
                tools: ['browser', 'shell',],
              },
              "gateway": { port: 18789, bind: "loopback", },
              retries: +3,
              ratio: 1.5e2,
              note: 'line one \\
            continued',
            }
            """;

    @Test
    void keepsTheSourceAsWrittenAndNormalisesToJson() {
        AgentConfig config = AgentConfig.parse(OPENCLAW);

        assertThat(config.source()).isEqualTo(OPENCLAW);
        assertThat(config.json()).isEqualTo("{\"agent\":{\"model\":\"anthropic/claude-sonnet-4\",\"temperature\":0.7,"
                + "\"maxTokens\":4096,\"tools\":[\"browser\",\"shell\"]},\"gateway\":{\"port\":18789,"
                + "\"bind\":\"loopback\"},\"retries\":3,\"ratio\":150,\"note\":\"line one continued\"}");
        assertThat(config.tree().path("agent").path("tools").size()).isEqualTo(2);
    }

    @Test
    void readsPlainJsonUnchangedInMeaning() {
        AgentConfig config = AgentConfig.parse("{\"a\": [1, 2.5, true, null, \"x\"], \"b\": {}}");

        assertThat(config.json()).isEqualTo("{\"a\":[1,2.5,true,null,\"x\"],\"b\":{}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[1, 2]",
            "{a: 1} {b: 2}",
            "{a: 1}}",
            "{a: 1, a: 2}",
            "{a: NaN}",
            "{a: -Infinity}",
            "{a: }",
            "{a: 'unterminated}",
            "not json at all",
            ""})
    void refusesWhatIsNotOneUsableObject(String source) {
        assertThatThrownBy(() -> AgentConfig.parse(source)).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.code()).isEqualTo("invalid_config"));
    }

    @Test
    void refusesDeepNestingBeforeParsing() {
        String deep = "{a:" + "[".repeat(AgentConfig.MAX_DEPTH) + "]".repeat(AgentConfig.MAX_DEPTH) + "}";

        assertThatThrownBy(() -> AgentConfig.parse(deep)).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.getMessage()).contains("nest"));
        assertThat(AgentConfig.Nesting.depth("{a: '[[[[', // [[[\n b: [/* { */]}")).isEqualTo(2);
    }

    @Test
    void refusesAnOversizedDocument() {
        String big = "{a: '" + "x".repeat(AgentConfig.MAX_CHARS) + "'}";

        assertThatThrownBy(() -> AgentConfig.parse(big)).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.getMessage()).contains("characters"));
    }
}
