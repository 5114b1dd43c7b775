package io.serialgate.docs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serialgate.common.config.OptionDoc;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Renders the Markdown table of one options class from its fields: name from {@link JsonProperty},
 * type and default from the field, meaning from {@link OptionDoc}. A documented class whose field
 * lacks an {@link OptionDoc} fails the build, so every option is explained.
 */
final class OptionsTable {

    private OptionsTable() {}

    static String render(String className) {
        try {
            Class<?> type = Class.forName(className);
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object defaults = constructor.newInstance();
            StringBuilder table = new StringBuilder("| option | type | default | meaning |\n| --- | --- | --- | --- |\n");
            for (Field field : type.getDeclaredFields()) {
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                if (property == null || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                OptionDoc doc = field.getAnnotation(OptionDoc.class);
                if (doc == null) {
                    throw new SiteException(className + "." + field.getName() + " has no @OptionDoc");
                }
                field.setAccessible(true);
                table.append("| `").append(property.value()).append("` | ")
                        .append(typeName(field.getType())).append(" | ")
                        .append(defaultText(doc, field.get(defaults))).append(" | ")
                        .append(doc.value().replace("|", "\\|")).append(" |\n");
            }
            return table.toString();
        } catch (ReflectiveOperationException e) {
            throw new SiteException("cannot document options class " + className + ": " + e);
        }
    }

    private static String typeName(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "bool";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "list";
        }
        return type.getSimpleName();
    }

    private static String defaultText(OptionDoc doc, Object value) {
        if (!doc.defaultText().isEmpty()) {
            return doc.defaultText();
        }
        return value == null ? "none" : "`" + value + "`";
    }
}
