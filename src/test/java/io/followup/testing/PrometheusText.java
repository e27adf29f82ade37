package io.followup.testing;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4: every line must be a {@code # HELP}, a
 * {@code # TYPE} or a sample of a family whose TYPE came first, with valid metric and label names, quoted and
 * escaped label values, and a float value; anything else fails with the line number. Series are keyed
 * {@code name{a="1",b="2"}} with labels sorted by name. Immutable after {@link #parse}.
 */
public final class PrometheusText {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private final Map<String, Double> series;
    private final Map<String, String> types;

    private PrometheusText(Map<String, Double> series, Map<String, String> types) {
        this.series = series;
        this.types = types;
    }

    /** @throws IllegalArgumentException naming the line that breaks the format */
    public static PrometheusText parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        for (int index = 0; index < lines.length - 1; index++) {
            String line = lines[index];
            int number = index + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                require(NAME.matcher(parts[0]).matches(), number, "bad metric name " + parts[0]);
                if (line.startsWith("# TYPE ")) {
                    require(parts.length == 2 && TYPES.contains(parts[1]), number, "bad type");
                    require(types.put(parts[0], parts[1]) == null, number, "second TYPE for " + parts[0]);
                } else {
                    require(helped.add(parts[0]), number, "second HELP for " + parts[0]);
                }
                continue;
            }
            require(!line.startsWith("#"), number, "unknown comment form");
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            require(space > 0, number, "no value");
            String name = brace > 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            require(NAME.matcher(name).matches(), number, "bad metric name " + name);
            Map<String, String> labels = new TreeMap<>();
            String rest;
            if (brace > 0 && brace < space) {
                int close = closingBrace(line, brace, number);
                String inside = line.substring(brace + 1, close);
                Matcher matcher = LABEL.matcher(inside);
                int at = 0;
                while (at < inside.length()) {
                    require(matcher.find(at) && matcher.start() == at, number, "bad label at " + inside.substring(at));
                    require(labels.put(matcher.group(1), matcher.group(2)) == null, number, "label twice");
                    at = matcher.end();
                    if (at < inside.length()) {
                        require(inside.charAt(at) == ',', number, "labels must be separated by ','");
                        at++;
                    }
                }
                rest = line.substring(close + 1);
            } else {
                rest = line.substring(space);
            }
            require(rest.startsWith(" "), number, "no space before the value");
            String[] value = rest.substring(1).split(" ");
            require(value.length == 1 || value.length == 2, number, "value [timestamp] expected");
            require(family(name, types).isPresent(), number, "sample of " + name + " before its TYPE");
            double parsed = switch (value[0]) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(value[0]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("line " + number + ": bad value " + value[0]);
                    }
                }
            };
            String key = key(name, labels);
            require(series.put(key, parsed) == null, number, "series twice: " + key);
        }
        return new PrometheusText(series, types);
    }

    private static int closingBrace(String line, int open, int number) {
        boolean quoted = false;
        for (int at = open + 1; at < line.length(); at++) {
            char c = line.charAt(at);
            if (c == '\\' && quoted) {
                at++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return at;
            }
        }
        throw new IllegalArgumentException("line " + number + ": no closing brace");
    }

    private static Optional<String> family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return Optional.of(name);
        }
        for (String suffix : new String[] {"_total", "_count", "_sum", "_bucket", "_created", "_max"}) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return Optional.of(name.substring(0, name.length() - suffix.length()));
            }
        }
        return Optional.empty();
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder key = new StringBuilder(name);
        if (!labels.isEmpty()) {
            key.append('{');
            labels.forEach((label, value) -> key.append(label).append("=\"").append(value).append("\","));
            key.setLength(key.length() - 1);
            key.append('}');
        }
        return key.toString();
    }

    private static void require(boolean condition, int line, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("line " + line + ": " + problem);
        }
    }

    /**
     * The value of a series, e.g. {@code value("followup_messages", "state", "sent")}; empty when not exposed.
     *
     * @param labels label names and values, alternating, in any order
     */
    public Optional<Double> value(String name, String... labels) {
        Map<String, String> sorted = new TreeMap<>();
        for (int index = 0; index < labels.length; index += 2) {
            sorted.put(labels[index], labels[index + 1]);
        }
        return Optional.ofNullable(series.get(key(name, sorted)));
    }

    /** The declared type of a family, e.g. {@code counter}. */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** Every series key. */
    public Set<String> series() {
        return series.keySet();
    }
}
