package io.missioncontrol.registry.agent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code PATCH /api/agents/{id}}: each field the request names changes, each it leaves out stays, and an
 * explicit {@code null} clears the fields that may be empty (description, config, runtime). As for tasks (decision
 * 0008) the body is read as a JSON tree, since a record cannot tell "left out" from "null". Creation reads its body
 * with the same rules ({@link #parseCreate}).
 *
 * <p>{@code config} is the runtime configuration document: a string of JSON5 text, kept as written. A JSON object is
 * accepted too (clients of the older API send their settings that way) and kept as its JSON text. {@code status} is
 * refused: the lifecycle moves through its own endpoints, and an ignored field would look like success.
 */
record AgentPatch(Field<String> name, Field<String> description, Field<List<String>> capabilities,
                  Field<String> modelSettings, Field<AgentConfig> config, Field<UUID> runtimeId) {

    static final int NAME_MAX = 200;
    static final int DESCRIPTION_MAX = 5_000;
    static final int CAPABILITIES_MAX = 50;
    static final int CAPABILITY_MAX = 100;
    static final int MODEL_SETTINGS_MAX = 16 * 1024;
    static final double TEMPERATURE_MAX = 2.0;
    static final long MAX_TOKENS_MAX = 10_000_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A field the request names; {@code value} is null when the request sets it to null. */
    record Field<T>(T value) {
    }

    static final AgentPatch EMPTY = new AgentPatch(null, null, null, null, null, null);

    boolean isEmpty() {
        return equals(EMPTY);
    }

    static AgentPatch parse(JsonNode body) {
        Reader reader = new Reader(body);
        if (body.has("status")) {
            reader.invalid.add(AgentProblems.error("status",
                    "changes with POST /api/agents/{id}/activate, /pause, /resume or /retire, not with PATCH"));
        }
        if (body.has("organization_id")) {
            reader.invalid.add(AgentProblems.error("organization_id", "an agent cannot move to another organization"));
        }
        AgentPatch patch = reader.patch();
        if (patch.name() != null && patch.name().value() == null) {
            reader.invalid.add(AgentProblems.error("name", "must not be null"));
        }
        if (patch.capabilities() != null && patch.capabilities().value() == null) {
            reader.invalid.add(AgentProblems.error("capabilities", "must not be null; [] clears them"));
        }
        if (patch.modelSettings() != null && patch.modelSettings().value() == null) {
            reader.invalid.add(AgentProblems.error("model_settings", "must not be null; {} clears them"));
        }
        reader.refuse();
        return patch;
    }

    static AgentFields parseCreate(JsonNode body) {
        Reader reader = new Reader(body);
        Field<UUID> organizationField = reader.uuid("organization_id");
        UUID organization = organizationField == null ? null : organizationField.value();
        if (organization == null && !reader.failed("organization_id")) {
            reader.invalid.add(AgentProblems.error("organization_id", "must not be null"));
        }
        if (body.has("status")) {
            reader.invalid.add(AgentProblems.error("status", "a new agent is always provisioning"));
        }
        AgentPatch patch = reader.patch();
        if ((patch.name() == null || patch.name().value() == null) && !reader.failed("name")) {
            reader.invalid.add(AgentProblems.error("name", "must not be blank"));
        }
        reader.refuse();
        return new AgentFields(organization, patch.name().value(), value(patch.description()),
                patch.capabilities() == null || patch.capabilities().value() == null ? List.of()
                        : patch.capabilities().value(),
                patch.modelSettings() == null || patch.modelSettings().value() == null ? "{}"
                        : patch.modelSettings().value(),
                value(patch.config()), value(patch.runtimeId()));
    }

    private static <T> T value(Field<T> field) {
        return field == null ? null : field.value();
    }

    private static final class Reader {

        private final JsonNode body;
        private final List<Map<String, String>> wrongType = new ArrayList<>();
        private final List<Map<String, String>> invalid = new ArrayList<>();

        Reader(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw AgentProblems.notAnObject();
            }
            this.body = body;
        }

        AgentPatch patch() {
            return new AgentPatch(name(), text("description", DESCRIPTION_MAX), capabilities(), modelSettings(),
                    config(), uuid("runtime_id"));
        }

        boolean failed(String field) {
            return wrongType.stream().anyMatch(e -> field.equals(e.get("field")))
                    || invalid.stream().anyMatch(e -> field.equals(e.get("field")));
        }

        void refuse() {
            if (!wrongType.isEmpty()) {
                throw AgentProblems.invalidFields(wrongType);
            }
            if (!invalid.isEmpty()) {
                throw AgentProblems.validationFailed(invalid);
            }
        }

        Field<String> name() {
            Field<String> name = text("name", NAME_MAX);
            if (name == null || name.value() == null) {
                return name;
            }
            if (name.value().isBlank()) {
                invalid.add(AgentProblems.error("name", "must not be blank"));
                return null;
            }
            return new Field<>(name.value().strip());
        }

        Field<String> text(String field, int max) {
            JsonNode node = body.get(field);
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return new Field<>(null);
            }
            if (!node.isString()) {
                wrongType(field);
                return null;
            }
            if (node.stringValue().length() > max) {
                invalid.add(AgentProblems.error(field, "size must be between 0 and " + max));
                return null;
            }
            return new Field<>(node.stringValue());
        }

        Field<UUID> uuid(String field) {
            JsonNode node = body.get(field);
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return new Field<>(null);
            }
            if (node.isString()) {
                try {
                    return new Field<>(UUID.fromString(node.stringValue()));
                } catch (IllegalArgumentException e) {
                    // falls through to the refusal
                }
            }
            wrongType(field);
            return null;
        }

        /** Distinct, stripped, in the order given: a capability named twice is one capability. */
        Field<List<String>> capabilities() {
            JsonNode node = body.get("capabilities");
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return new Field<>(null);
            }
            if (!node.isArray()) {
                wrongType("capabilities");
                return null;
            }
            LinkedHashSet<String> capabilities = new LinkedHashSet<>();
            for (JsonNode item : node) {
                if (!item.isString()) {
                    wrongType("capabilities");
                    return null;
                }
                String capability = item.stringValue().strip();
                if (capability.isEmpty() || capability.length() > CAPABILITY_MAX) {
                    invalid.add(AgentProblems.error("capabilities",
                            "each capability must have 1 to " + CAPABILITY_MAX + " characters"));
                    return null;
                }
                capabilities.add(capability);
            }
            if (capabilities.size() > CAPABILITIES_MAX) {
                invalid.add(AgentProblems.error("capabilities", "at most " + CAPABILITIES_MAX + " capabilities"));
                return null;
            }
            return new Field<>(List.copyOf(capabilities));
        }

        /**
         * An object of the agent's model settings, free-form except for the settings every runtime shares:
         * {@code model} (text), {@code temperature} (0 to 2) and {@code max_tokens} (a positive whole number).
         */
        Field<String> modelSettings() {
            JsonNode node = body.get("model_settings");
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return new Field<>(null);
            }
            if (!node.isObject()) {
                wrongType("model_settings");
                return null;
            }
            int before = invalid.size();
            JsonNode model = node.get("model");
            if (model != null && !model.isNull() && !model.isString()) {
                invalid.add(AgentProblems.error("model_settings.model", "must be text"));
            }
            JsonNode temperature = node.get("temperature");
            if (temperature != null && !temperature.isNull() && (!temperature.isNumber()
                    || temperature.doubleValue() < 0 || temperature.doubleValue() > TEMPERATURE_MAX)) {
                invalid.add(AgentProblems.error("model_settings.temperature",
                        "must be a number from 0 to " + TEMPERATURE_MAX));
            }
            JsonNode maxTokens = node.get("max_tokens");
            if (maxTokens != null && !maxTokens.isNull() && (!maxTokens.isIntegralNumber()
                    || !maxTokens.canConvertToLong() || maxTokens.longValue() < 1
                    || maxTokens.longValue() > MAX_TOKENS_MAX)) {
                invalid.add(AgentProblems.error("model_settings.max_tokens",
                        "must be a whole number from 1 to " + MAX_TOKENS_MAX));
            }
            String json = JSON.writeValueAsString(node);
            if (json.length() > MODEL_SETTINGS_MAX) {
                invalid.add(AgentProblems.error("model_settings", "must be at most " + MODEL_SETTINGS_MAX
                        + " characters as JSON"));
            }
            return invalid.size() == before ? new Field<>(json) : null;
        }

        Field<AgentConfig> config() {
            JsonNode node = body.get("config");
            if (node == null) {
                return null;
            }
            if (node.isNull()) {
                return new Field<>(null);
            }
            if (node.isString()) {
                return new Field<>(AgentConfig.parse(node.stringValue()));
            }
            if (node.isObject()) {
                return new Field<>(AgentConfig.parse(JSON.writeValueAsString(node)));
            }
            wrongType("config");
            return null;
        }

        private void wrongType(String field) {
            wrongType.add(AgentProblems.error(field, "has the wrong type or format"));
        }
    }
}
