package io.followup.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML document into a {@link YamlNode} tree that remembers the line of every key
 * and value, so that later validation can name {@code file:line}. Syntax errors, duplicate
 * keys, empty files and several documents become one-line {@link ConfigException}s.
 * Thread-safe (holds only an immutable factory).
 */
public final class YamlReader {

    private final YAMLFactory factory = new YAMLFactory();

    /** Reads {@code file}; {@code source} names it in errors. */
    public YamlNode read(Path file, Source source) {
        String content;
        try {
            if (Files.isDirectory(file)) {
                throw source.error(0, "", "is a directory, expected a YAML file");
            }
            content = Files.readString(file);
        } catch (NoSuchFileException missing) {
            throw source.error(0, "", "file not found");
        } catch (AccessDeniedException denied) {
            throw source.error(0, "", "cannot read the file: permission denied");
        } catch (CharacterCodingException encoding) {
            throw source.error(0, "", "cannot read the file: it is not UTF-8 text");
        } catch (IOException unreadable) {
            throw source.error(0, "", "cannot read the file (" + unreadable.getClass().getSimpleName() + ")");
        }
        return parse(content, source);
    }

    /** Parses {@code content}; {@code source} names it in errors. */
    public YamlNode parse(String content, Source source) {
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser parser = factory.createParser(new StringReader(content))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw source.error(0, "", "the file is empty; expected a YAML mapping");
            }
            YamlNode root = value(parser, source, path);
            if (parser.nextToken() != null) {
                throw source.error(line(parser.currentTokenLocation()), "",
                        "expected one YAML document, found more than one");
            }
            return root;
        } catch (JsonProcessingException syntax) {
            throw syntaxError(syntax, source, path);
        } catch (IOException unexpected) {
            throw source.error(0, "", "cannot parse the file (" + unexpected.getClass().getSimpleName() + ")");
        }
    }

    private YamlNode value(JsonParser parser, Source source, Deque<String> path) throws IOException {
        JsonToken token = parser.currentToken();
        int line = line(parser.currentTokenLocation());
        return switch (token) {
            case START_OBJECT -> mapping(parser, source, path, line);
            case START_ARRAY -> sequence(parser, source, path, line);
            case VALUE_NULL -> new YamlNode.Scalar(line, null);
            default -> new YamlNode.Scalar(line, parser.getText());
        };
    }

    private YamlNode mapping(JsonParser parser, Source source, Deque<String> path, int line) throws IOException {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser.currentTokenLocation());
            path.addLast(path.isEmpty() ? key : "." + key);
            if (entries.containsKey(key)) {
                throw source.error(keyLine, String.join("", path),
                        "duplicate key (first given on line " + keyLines.get(key) + ")");
            }
            parser.nextToken();
            entries.put(key, value(parser, source, path));
            keyLines.put(key, keyLine);
            path.removeLast();
        }
        return new YamlNode.Mapping(line, entries, keyLines);
    }

    private YamlNode sequence(JsonParser parser, Source source, Deque<String> path, int line) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            path.addLast("[" + items.size() + "]");
            items.add(value(parser, source, path));
            path.removeLast();
        }
        return new YamlNode.Sequence(line, items);
    }

    private static ConfigException syntaxError(JsonProcessingException syntax, Source source, Deque<String> path) {
        int line = line(syntax.getLocation());
        String problem = syntax.getOriginalMessage();
        for (Throwable cause = syntax; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                problem = marked.getProblem();
                if (marked.getProblemMark() != null) {
                    line = marked.getProblemMark().getLine() + 1;
                }
                break;
            }
        }
        String near = path.isEmpty() ? "" : " in " + String.join("", path);
        return source.error(line, "", "invalid YAML" + near + ": " + firstLine(problem));
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "syntax error";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }
}
