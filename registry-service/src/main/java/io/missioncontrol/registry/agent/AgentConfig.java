package io.missioncontrol.registry.agent;

import de.marhali.json5.Json5Array;
import de.marhali.json5.Json5Element;
import de.marhali.json5.Json5Object;
import de.marhali.json5.Json5Options;
import de.marhali.json5.Json5Primitive;
import de.marhali.json5.stream.Json5Lexer;
import de.marhali.json5.stream.Json5Parser;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An agent's full runtime configuration document (OpenClaw's {@code openclaw.json}), which people write by hand as
 * JSON5: comments, trailing commas, single quotes, unquoted names, hex numbers. It is kept twice: {@code source}
 * exactly as written (so the comments survive a round trip through the API) and {@code json}, the same document as
 * plain JSON, for programs.
 *
 * <p>Refused, as 422 {@code invalid_config}: anything that is not JSON5, a document that is not an object, duplicate
 * names (JSON5 leaves them undefined; a runtime would silently take one), {@code NaN} and {@code Infinity} (valid
 * JSON5 but with no JSON form), more than {@link #MAX_CHARS} characters or {@link #MAX_DEPTH} levels of nesting.
 * The depth is checked before parsing, since the parser recurses once per level.
 */
record AgentConfig(String source, String json) {

    static final int MAX_CHARS = 256 * 1024;
    static final int MAX_DEPTH = 64;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static AgentConfig parse(String source) {
        if (source.length() > MAX_CHARS) {
            throw AgentProblems.invalidConfig("must be at most " + MAX_CHARS + " characters");
        }
        if (Nesting.depth(source) > MAX_DEPTH) {
            throw AgentProblems.invalidConfig("must not nest deeper than " + MAX_DEPTH + " levels");
        }
        Json5Element document = read(source);
        if (document == null || !document.isJson5Object()) {
            throw AgentProblems.invalidConfig("must be an object ({ ... })");
        }
        return new AgentConfig(source, JSON.writeValueAsString(toJson(document, "$")));
    }

    /** The normalised document as a tree, for answers. */
    JsonNode tree() {
        return JSON.readTree(json);
    }

    static JsonNode tree(String json) {
        return json == null ? null : JSON.readTree(json);
    }

    private static Json5Element read(String source) {
        var lexer = new Json5Lexer(new StringReader(source), Json5Options.DEFAULT);
        Json5Element document;
        try {
            document = Json5Parser.parse(lexer);
        } catch (RuntimeException e) {
            throw AgentProblems.invalidConfig(message(e));
        }
        // The parser stops after the document; anything but whitespace and comments after it is a mistake
        // (a second document, a stray brace) that must not be dropped silently. The lexer reports the end of the
        // text as an error, which here is the good outcome.
        char next;
        try {
            next = lexer.nextClean();
        } catch (RuntimeException endOfText) {
            return document;
        }
        if (next == 0) {
            return document;
        }
        throw AgentProblems.invalidConfig("unexpected '" + next + "' after the end of the document");
    }

    private static JsonNode toJson(Json5Element element, String path) {
        if (element == null || element.isJson5Null()) {
            return NODES.nullNode();
        }
        if (element.isJson5Object()) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<String, Json5Element> member : ((Json5Object) element).entrySet()) {
                object.set(member.getKey(), toJson(member.getValue(), path + "." + member.getKey()));
            }
            return object;
        }
        if (element.isJson5Array()) {
            ArrayNode array = NODES.arrayNode();
            int index = 0;
            for (Json5Element item : (Json5Array) element) {
                array.add(toJson(item, path + "[" + index++ + "]"));
            }
            return array;
        }
        Json5Primitive primitive = (Json5Primitive) element;
        if (primitive.isBoolean()) {
            return NODES.booleanNode(primitive.getAsBoolean());
        }
        if (primitive.isString()) {
            return NODES.stringNode(primitive.getAsString());
        }
        return number(primitive.getAsNumber(), path);
    }

    private static JsonNode number(Number number, String path) {
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw AgentProblems.invalidConfig(path + " is " + value + ", which JSON cannot express");
            }
            return NODES.numberNode(value);
        }
        if (number instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        BigDecimal decimal = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
        if (decimal.scale() <= 0) {
            return NODES.numberNode(decimal.toBigIntegerExact());
        }
        return NODES.numberNode(decimal);
    }

    private static String message(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "it is not valid JSON5" : message;
    }

    /** The deepest nesting of objects and arrays, skipping strings and comments: a cheap pre-check, no parse. */
    static final class Nesting {

        static int depth(String text) {
            int depth = 0;
            int max = 0;
            int i = 0;
            int n = text.length();
            while (i < n) {
                char c = text.charAt(i);
                if (c == '"' || c == '\'') {
                    i = skipString(text, i + 1, c);
                    continue;
                }
                if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                    int end = text.indexOf('\n', i);
                    i = end < 0 ? n : end + 1;
                    continue;
                }
                if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                    int end = text.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                    continue;
                }
                if (c == '{' || c == '[') {
                    max = Math.max(max, ++depth);
                } else if (c == '}' || c == ']') {
                    depth--;
                }
                i++;
            }
            return max;
        }

        private static int skipString(String text, int from, char quote) {
            int i = from;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    return i + 1;
                } else {
                    i++;
                }
            }
            return i;
        }

        private Nesting() {
        }
    }
}
