package io.missioncontrol.registry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missioncontrol.platform.web.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AgentPatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ORG = "\"organization_id\": \"0e9d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b\"";

    @Test
    void readsANewAgentWithDefaults() {
        AgentFields fields = AgentPatch.parseCreate(json("{" + ORG + ", \"name\": \"  welder \"}"));

        assertThat(fields.name()).isEqualTo("welder");
        assertThat(fields.capabilities()).isEmpty();
        assertThat(fields.modelSettings()).isEqualTo("{}");
        assertThat(fields.config()).isNull();
        assertThat(fields.runtimeId()).isNull();
    }

    @Test
    void keepsEachCapabilityOnceInTheOrderGiven() {
        AgentFields fields = AgentPatch.parseCreate(json("{" + ORG
                + ", \"name\": \"w\", \"capabilities\": [\"weld\", \" paint \", \"weld\"]}"));

        assertThat(fields.capabilities()).containsExactly("weld", "paint");
    }

    @Test
    void tellsLeftOutFromNull() {
        AgentPatch patch = AgentPatch.parse(json("{\"description\": null, \"config\": null}"));

        assertThat(patch.name()).isNull();
        assertThat(patch.description()).isEqualTo(new AgentPatch.Field<>(null));
        assertThat(patch.config()).isEqualTo(new AgentPatch.Field<>(null));
        assertThat(AgentPatch.parse(json("{}")).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"model_settings\": {\"temperature\": 2.5}}",
            "{\"model_settings\": {\"max_tokens\": 0}}",
            "{\"model_settings\": {\"max_tokens\": 1.5}}",
            "{\"model_settings\": {\"model\": 7}}",
            "{\"name\": \" \"}",
            "{\"name\": null}",
            "{\"capabilities\": [\"\"]}",
            "{\"status\": \"active\"}"})
    void refusesBrokenRulesWith422(String body) {
        assertThatThrownBy(() -> AgentPatch.parse(json(body))).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.code()).isEqualTo("validation_failed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\": 7}",
            "{\"capabilities\": \"weld\"}",
            "{\"capabilities\": [1]}",
            "{\"runtime_id\": \"not-a-uuid\"}",
            "{\"model_settings\": []}",
            "{\"config\": 42}"})
    void refusesWrongTypesWith400(String body) {
        assertThatThrownBy(() -> AgentPatch.parse(json(body))).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.code()).isEqualTo("invalid_field"));
    }

    @Test
    void acceptsAConfigObjectAsItsJsonText() {
        AgentPatch patch = AgentPatch.parse(json("{\"config\": {\"model\": \"m\", \"temperature\": 0.5}}"));

        assertThat(patch.config().value().source()).isEqualTo("{\"model\":\"m\",\"temperature\":0.5}");
        assertThat(patch.config().value().tree()).isEqualTo(json("{\"model\": \"m\", \"temperature\": 0.5}"));
    }

    @Test
    void namesEveryMissingFieldOfANewAgent() {
        assertThatThrownBy(() -> AgentPatch.parseCreate(json("{}"))).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.properties().get("errors")).asList()
                        .extracting(error -> (Object) ((Map<?, ?>) error).get("field"))
                        .containsExactlyInAnyOrder("organization_id", "name"));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
