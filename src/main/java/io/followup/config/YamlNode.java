package io.followup.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it starts on (1-based), as read by {@link YamlReader}. Immutable.
 */
public sealed interface YamlNode {

    /** The 1-based line where this value starts. */
    int line();

    /** Describes the kind of value for error messages, without showing it. */
    String kind();

    /** A mapping; keys keep their order, each with the line of the key. */
    record Mapping(int line, Map<String, YamlNode> entries, Map<String, Integer> keyLines) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(entries);
            keyLines = Collections.unmodifiableMap(keyLines);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A list. */
    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is null for YAML null (an empty value, {@code ~} or {@code null}). */
    record Scalar(int line, String text) implements YamlNode {
        @Override
        public String kind() {
            return text == null ? "nothing" : "a value";
        }
    }
}
