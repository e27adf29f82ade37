package io.followup.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A position in a parsed YAML file: the value, its key path (e.g. {@code mailboxes[0].smtp})
 * and its line. Validation code walks the tree through nodes, and every error it raises names
 * {@code file:line: path}. Immutable.
 */
public final class Node {

    private static final int MAX_SHOWN = 80;

    private final Source source;
    private final String path;
    private final int line;
    private final YamlNode value;

    private Node(Source source, String path, int line, YamlNode value) {
        this.source = source;
        this.path = path;
        this.line = line;
        this.value = value;
    }

    /** The top of a file. */
    public static Node root(Source source, YamlNode value) {
        return new Node(source, "", value.line(), value);
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public Source source() {
        return source;
    }

    /** An error about this node: {@code file:line: path: what}. */
    public ConfigException fail(String what) {
        return source.error(line, path, what);
    }

    /** An error about a value of the wrong form: {@code ...: expected X, got "value"}. */
    public ConfigException expected(String expectation) {
        return fail("expected " + expectation + ", got " + shown());
    }

    /** Like {@link #expected} but never shows the value (for secrets and URLs). */
    public ConfigException expectedHidden(String expectation) {
        String got = value instanceof YamlNode.Scalar scalar && scalar.text() != null ? "another value" : value.kind();
        return fail("expected " + expectation + ", got " + got);
    }

    /**
     * Checks that this node is a mapping with no keys other than {@code allowed}; an unknown key
     * is reported on its own line.
     */
    public Node mapping(String expectation, String... allowed) {
        if (!(value instanceof YamlNode.Mapping mapping)) {
            throw expected(expectation);
        }
        Set<String> known = Set.of(allowed);
        for (var entry : mapping.keyLines().entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw source.error(entry.getValue(), childPath(entry.getKey()),
                        "unknown key; expected one of " + String.join(", ", Arrays.asList(allowed)));
            }
        }
        return this;
    }

    /** The keys of this mapping, in file order. */
    public List<String> keys() {
        if (!(value instanceof YamlNode.Mapping mapping)) {
            throw fail("expected a mapping, got " + value.kind());
        }
        return List.copyOf(mapping.entries().keySet());
    }

    /** The value of {@code key} in this mapping, absent when missing or null. */
    public Optional<Node> get(String key) {
        if (!(value instanceof YamlNode.Mapping mapping)) {
            throw fail("expected a mapping, got " + value.kind());
        }
        YamlNode child = mapping.entries().get(key);
        if (child == null || child instanceof YamlNode.Scalar scalar && scalar.text() == null) {
            return Optional.empty();
        }
        return Optional.of(new Node(source, childPath(key), mapping.keyLines().get(key), child));
    }

    /** The value of {@code key}; when missing, an error on this node's line naming the key. */
    public Node require(String key, String expectation) {
        return get(key).orElseThrow(() -> source.error(line, childPath(key), "missing; expected " + expectation));
    }

    /** The items of this list; {@code expectation} describes the list in errors. */
    public List<Node> items(String expectation) {
        if (!(value instanceof YamlNode.Sequence sequence)) {
            throw expected(expectation);
        }
        List<Node> items = new ArrayList<>();
        for (YamlNode item : sequence.items()) {
            items.add(new Node(source, path + "[" + items.size() + "]", item.line(), item));
        }
        return items;
    }

    /** Whether this node is a mapping. */
    public boolean isMapping() {
        return value instanceof YamlNode.Mapping;
    }

    /** The text of this scalar; a mapping or a list fails with {@code expectation}. */
    public String text(String expectation) {
        if (value instanceof YamlNode.Scalar scalar && scalar.text() != null) {
            return scalar.text();
        }
        throw expected(expectation);
    }

    /** The text of this scalar, which must not be blank. */
    public String nonBlank(String expectation) {
        String text = text(expectation).strip();
        if (text.isEmpty()) {
            throw expected(expectation);
        }
        return text;
    }

    /**
     * A boolean written {@code true} or {@code false}; YAML 1.1 spellings such as {@code yes}
     * or {@code on} are rejected rather than guessed.
     */
    public boolean bool() {
        if (value instanceof YamlNode.Scalar scalar && scalar.text() != null) {
            String text = scalar.text().strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return text.equals("true");
            }
        }
        throw expected("true or false");
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String shown() {
        if (value instanceof YamlNode.Scalar scalar && scalar.text() != null) {
            String text = scalar.text();
            if (text.length() > MAX_SHOWN) {
                text = text.substring(0, MAX_SHOWN) + "...";
            }
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
        }
        return value.kind();
    }
}
