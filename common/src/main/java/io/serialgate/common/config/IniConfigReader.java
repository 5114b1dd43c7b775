package io.serialgate.common.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.Profile;

/**
 * Reads a Nova-style INI file ({@code [serial_console]} and friends) into the same tree a YAML
 * file gives, so one loader and one set of checks serve both. A dotted section name
 * ({@code [server.applicationConnectors]} is not supported; {@code [database]} is) nests.
 */
public final class IniConfigReader {

    private IniConfigReader() {}

    public static boolean isIniPath(String path) {
        String lower = path.toLowerCase();
        return lower.endsWith(".ini") || lower.endsWith(".conf") || lower.endsWith(".cfg");
    }

    public static ObjectNode read(InputStream in) throws IOException {
        Config config = new Config();
        config.setEscape(false);
        config.setMultiOption(false);
        config.setGlobalSection(false);
        Ini ini = new Ini();
        ini.setConfig(config);
        ini.load(in);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Profile.Section> section : ini.entrySet()) {
            ObjectNode target = root;
            for (String part : section.getKey().split("\\.")) {
                target = target.has(part) && target.get(part).isObject()
                        ? (ObjectNode) target.get(part)
                        : target.putObject(part);
            }
            for (Map.Entry<String, String> option : section.getValue().entrySet()) {
                target.put(option.getKey(), stripQuotes(option.getValue()));
            }
        }
        return root;
    }

    private static String stripQuotes(String value) {
        if (value != null && value.length() >= 2
                && ((value.startsWith("\"") && value.endsWith("\"")) || (value.startsWith("'") && value.endsWith("'")))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
