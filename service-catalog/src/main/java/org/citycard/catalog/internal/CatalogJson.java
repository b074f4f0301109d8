package org.citycard.catalog.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import org.citycard.catalog.ServiceCode;
import org.citycard.catalog.ServiceDefinition;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON shape of catalog content: stored versions, drafts, import and export all use it, so a file
 * exported today imports tomorrow. Unknown fields are errors, so a typo in an import file is reported.
 */
final class CatalogJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("citycard-catalog")
                    .addSerializer(ServiceCode.class, new ValueSerializer<>() {
                        @Override
                        public void serialize(ServiceCode value, JsonGenerator gen, SerializationContext ctxt) {
                            gen.writeString(value.value());
                        }
                    })
                    .addDeserializer(ServiceCode.class, new ValueDeserializer<>() {
                        @Override
                        public ServiceCode deserialize(JsonParser p, DeserializationContext ctxt) {
                            String text = p.getValueAsString();
                            return ServiceCode.parse(text).orElseThrow(
                                    () -> ctxt.weirdStringException(text, ServiceCode.class, "not a service code"));
                        }
                    }))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private CatalogJson() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static ServiceDefinition readService(String json) {
        return MAPPER.readValue(json, ServiceDefinition.class);
    }

    static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    /** Flattens a value to {@code path -> scalar text}, the unit in which the audit trail records changes. */
    static Map<String, String> flatten(Object value) {
        Map<String, String> out = new TreeMap<>();
        if (value != null) {
            flatten("", MAPPER.valueToTree(value), out);
        }
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            int i = 0;
            for (Iterator<JsonNode> it = node.values().iterator(); it.hasNext(); i++) {
                flatten(path + "[" + i + "]", it.next(), out);
            }
        } else {
            out.put(path, node.asString());
        }
    }

    /** The message of a parse failure, without the input echoed back. */
    static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
