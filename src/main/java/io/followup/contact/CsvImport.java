package io.followup.contact;

import io.followup.FollowupException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports contacts from a CSV file with a header row. Columns: {@code email} (required), {@code name},
 * {@code first_name}, {@code last_name}, {@code company}, {@code tier} (1-5), {@code goal}, {@code time_zone}
 * (IANA), {@code tags} ({@code ;}-separated), {@code introduced_by} (an address) and custom fields for templates
 * as {@code field:NAME}; any other column is an error. Every row is validated first (address syntax, time zones,
 * tiers, duplicate addresses, the number of values); each problem is one line, {@code people.csv:7: time_zone: not
 * an IANA time zone: "Europe/Berln"}. Nothing is imported from a file with problems unless bad rows are skipped;
 * then each good row is imported on its own (one transaction per row: a failure never loses the others).
 * Stateless and thread-safe.
 */
public final class CsvImport {

    /** Imports one contact; called once per good row, in file order. */
    @FunctionalInterface
    public interface Importer {
        /**
         * @param cause for the event log, e.g. {@code "csv people.csv:4"}
         * @return false when the contact was already enrolled (nothing changed)
         * @throws FollowupException when the row cannot be imported (e.g. the address is suppressed)
         */
        boolean importRow(ContactSpec contact, String cause);
    }

    /** A row that passed validation. */
    public record Row(int line, ContactSpec contact) {
    }

    /** A problem with one line of the file (line 1 is the header). */
    public record Problem(int line, String message) {

        /** {@code people.csv:7: time_zone: not an IANA time zone: "Europe/Berln"}. */
        public String format(String file) {
            return file + ":" + line + ": " + message;
        }
    }

    /** The validated content of a file: the good rows and the problems, sorted by line. */
    public record Validation(List<Row> rows, List<Problem> problems, int badRows) {
    }

    /**
     * What an import did.
     *
     * @param enrolled        rows enrolled
     * @param skipped         bad rows, and rows that failed on import
     * @param alreadyEnrolled rows whose contact was already enrolled
     * @param problems        one line per problem, sorted by line
     * @param imported        false when nothing was imported because the file had errors
     */
    public record Report(int enrolled, int skipped, int alreadyEnrolled, List<String> problems, boolean imported) {

        /** {@code people.csv: 5 enrolled, 2 skipped, 1 already enrolled}. */
        public String summary(String file) {
            return file + ": " + enrolled + " enrolled, " + skipped + " skipped, " + alreadyEnrolled
                    + " already enrolled" + (imported ? "" : " (nothing imported: the file has errors; fix them or"
                    + " use --skip-bad-rows)");
        }
    }

    static final List<String> COLUMNS = List.of("email", "name", "first_name", "last_name", "company", "tier",
            "goal", "time_zone", "tags", "introduced_by");
    private static final String FIELD_PREFIX = "field:";
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Validates the file, then imports its rows (all of them, or only the good ones when skipping bad rows). */
    public Report run(Path file, boolean skipBadRows, Importer importer) {
        String name = file.toString();
        Validation validation = validate(file);
        if (!validation.problems().isEmpty() && !skipBadRows) {
            return new Report(0, validation.badRows(), 0, format(validation.problems(), name), false);
        }
        List<Problem> problems = new ArrayList<>(validation.problems());
        int enrolled = 0;
        int already = 0;
        int skipped = validation.badRows();
        for (Row row : validation.rows()) {
            try {
                if (importer.importRow(row.contact(), "csv " + name + ":" + row.line())) {
                    enrolled++;
                } else {
                    already++;
                }
            } catch (FollowupException failure) {
                problems.add(new Problem(row.line(), oneLine(failure.getMessage())));
                skipped++;
            }
        }
        return new Report(enrolled, skipped, already, format(problems, name), true);
    }

    private static List<String> format(List<Problem> problems, String file) {
        return problems.stream().sorted(Comparator.comparingInt(Problem::line))
                .map(problem -> problem.format(file)).toList();
    }

    /**
     * Reads and validates every row.
     *
     * @throws ContactException when the file cannot be read or has no header row
     */
    public Validation validate(Path file) {
        String name = file.toString();
        String content = read(file);
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        int[] lineStarts = lineStarts(content);
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).build();
        try (CSVParser parser = CSVParser.parse(new StringReader(content), format)) {
            List<String> header = null;
            Map<String, Integer> firstLineOf = new LinkedHashMap<>();
            Map<Integer, String> rowEmails = new LinkedHashMap<>();
            for (CSVRecord record : parser) {
                int line = lineOf(lineStarts, record.getCharacterPosition());
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = header(record, line, problems);
                    if (!problems.isEmpty()) {
                        break;
                    }
                    continue;
                }
                int before = problems.size();
                ContactSpec contact = row(record, header, line, problems);
                if (contact == null || problems.size() > before) {
                    continue;
                }
                Integer first = firstLineOf.putIfAbsent(contact.email(), line);
                if (first != null) {
                    problems.add(new Problem(line, "email: duplicate address \"" + contact.email()
                            + "\" (also on line " + first + ")"));
                    if (rowEmails.containsKey(first)) {
                        problems.add(new Problem(first, "email: duplicate address \"" + contact.email()
                                + "\" (also on line " + line + ")"));
                        rowEmails.remove(first);
                    }
                    continue;
                }
                rowEmails.put(line, contact.email());
                rows.add(new Row(line, contact));
            }
            if (header == null && problems.isEmpty()) {
                throw new ContactException(name + ": empty file; expected a header row such as email,name,time_zone");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ContactException(name + ": not a valid CSV file: " + oneLine(e.getMessage()));
        }
        Set<Integer> badLines = new HashSet<>();
        problems.forEach(problem -> badLines.add(problem.line()));
        List<Row> good = rows.stream().filter(row -> !badLines.contains(row.line())).toList();
        List<Problem> sorted = problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
        return new Validation(good, sorted, badLines.size());
    }

    private static List<String> header(CSVRecord record, int line, List<Problem> problems) {
        List<String> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String column : record) {
            String key = column.strip().toLowerCase(Locale.ROOT);
            if (key.startsWith(FIELD_PREFIX)) {
                key = FIELD_PREFIX + key.substring(FIELD_PREFIX.length()).strip();
                if (!FIELD_NAME.matcher(key.substring(FIELD_PREFIX.length())).matches()) {
                    problems.add(new Problem(line, "column \"" + column + "\": a custom field name is lower-case "
                            + "letters, digits and _ (e.g. field:met_at)"));
                }
            } else if (!COLUMNS.contains(key)) {
                problems.add(new Problem(line, "unknown column \"" + column + "\"; expected "
                        + String.join(", ", COLUMNS) + " or field:NAME"));
            }
            if (!seen.add(key)) {
                problems.add(new Problem(line, "duplicate column \"" + column + "\""));
            }
            header.add(key);
        }
        if (!header.contains("email")) {
            problems.add(new Problem(line, "missing column \"email\" (the header row comes first)"));
        }
        return header;
    }

    private static ContactSpec row(CSVRecord record, List<String> header, int line, List<Problem> problems) {
        if (record.size() != header.size()) {
            problems.add(new Problem(line, "expected " + header.size() + " values (one per column), got "
                    + record.size()));
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int index = 0; index < header.size(); index++) {
            String value = record.get(index);
            if (header.get(index).startsWith(FIELD_PREFIX)) {
                if (!value.isEmpty()) {
                    fields.put(header.get(index).substring(FIELD_PREFIX.length()), value);
                }
            } else {
                values.put(header.get(index), value.isEmpty() ? null : value);
            }
        }
        String email = address(line, problems, "email", values.get("email"));
        String zone = values.get("time_zone");
        if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
            problems.add(new Problem(line, "time_zone: not an IANA time zone: \"" + zone + "\""));
        }
        Integer tier = null;
        String tierText = values.get("tier");
        if (tierText != null) {
            if (tierText.matches("[1-5]")) {
                tier = Integer.parseInt(tierText);
            } else {
                problems.add(new Problem(line, "tier: expected 1 (most important) to 5, got \"" + tierText + "\""));
            }
        }
        String introducer = values.get("introduced_by");
        if (introducer != null) {
            address(line, problems, "introduced_by", introducer);
        }
        List<String> tags = new ArrayList<>();
        String tagText = values.get("tags");
        if (tagText != null) {
            Arrays.stream(tagText.split(";")).map(String::strip).filter(tag -> !tag.isEmpty()).forEach(tags::add);
            if (tags.stream().anyMatch(tag -> tag.contains(","))) {
                problems.add(new Problem(line, "tags: separate tags with ';'; a tag cannot contain ','"));
            }
        }
        if (email == null) {
            return null;
        }
        return new ContactSpec(email, values.get("name"), values.get("first_name"), values.get("last_name"),
                values.get("company"), tier, values.get("goal"), zone, tags, fields, introducer);
    }

    private static String address(int line, List<Problem> problems, String column, String value) {
        if (value == null) {
            problems.add(new Problem(line, column + ": an address is required"));
            return null;
        }
        try {
            return ContactStore.normalizeAddress(value);
        } catch (ContactException invalid) {
            problems.add(new Problem(line, column + ": not a valid address: \"" + value + "\""));
            return null;
        }
    }

    private static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException missing) {
            throw new ContactException(file + ": no such file");
        } catch (CharacterCodingException notUtf8) {
            throw new ContactException(file + ": not UTF-8 text; save the CSV file as UTF-8");
        } catch (IOException unreadable) {
            throw new ContactException(file + ": cannot read: " + unreadable.getClass().getSimpleName());
        }
    }

    private static int[] lineStarts(String content) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int index = 0; index < content.length(); index++) {
            if (content.charAt(index) == '\n') {
                starts.add(index + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, long position) {
        int found = Arrays.binarySearch(lineStarts, (int) position);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
