package io.followup.contact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
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
 * Reads contacts from a CSV file with a header row, one row at a time (the file is never held in memory). Columns:
 * {@code email} (required), {@code name}, {@code first_name}, {@code last_name}, {@code company}, {@code tier} (1-5),
 * {@code goal}, {@code time_zone} (IANA), {@code tags} ({@code ;}-separated), {@code introduced_by} (an address) and
 * custom fields for templates as {@code field:NAME}; any other column is an error. Each row is checked on its own
 * (address syntax, time zones, tiers, lengths, the number of values); each problem is one line, {@code
 * people.csv:7: time_zone: not an IANA time zone: "Europe/Berln"}. What needs the whole file or the database
 * (duplicate addresses, suppression, introducers) is checked by the import ({@code BulkEnrollment}) in its staging
 * table. Stateless and thread-safe.
 */
public final class CsvImport {

    /** A row that passed the checks of its own line. */
    public record Row(int line, ContactSpec contact) {
    }

    /** A problem with one line of the file (line 1 is the header). */
    public record Problem(int line, String message) {

        /** {@code people.csv:7: time_zone: not an IANA time zone: "Europe/Berln"}. */
        public String format(String file) {
            return file + ":" + line + ": " + message;
        }
    }

    /** Receives what {@link #read} finds, in file order. */
    public interface Sink {
        /** A good row. */
        void row(Row row);

        /** A problem; a line may have several. */
        void problem(Problem problem);
    }

    /** The validated content of a (small) file: the good rows and the problems, sorted by line. */
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
    /** The longest value each column may hold (the sizes of the contact table's columns). */
    private static final Map<String, Integer> MAX_LENGTH = Map.of("email", 320, "name", 200, "first_name", 100,
            "last_name", 100, "company", 200, "goal", 50, "time_zone", 64, "tags", 1000, "introduced_by", 320);
    private static final String FIELD_PREFIX = "field:";
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    /**
     * Reads the file row by row and hands each good row and each problem to {@code sink}, in file order. A header
     * with problems ends the reading. Memory does not grow with the file.
     *
     * @return the number of bad lines (lines with at least one problem)
     * @throws ContactException when the file cannot be read, is not UTF-8, or has no header row
     */
    public int read(Path file, Sink sink) {
        String name = file.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).build();
        int badLines = 0;
        try (Reader reader = open(file); CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = null;
            long nextLine = 1;
            for (CSVRecord record : parser) {
                int line = (int) nextLine;
                nextLine = parser.getCurrentLineNumber() + 1;
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                List<Problem> problems = new ArrayList<>(0);
                if (header == null) {
                    header = header(record, line, problems);
                    problems.forEach(sink::problem);
                    if (!problems.isEmpty()) {
                        return 1;
                    }
                    continue;
                }
                ContactSpec contact = row(record, header, line, problems);
                if (problems.isEmpty() && contact != null) {
                    sink.row(new Row(line, contact));
                } else {
                    badLines++;
                    problems.forEach(sink::problem);
                }
            }
            if (header == null) {
                throw new ContactException(name + ": empty file; expected a header row such as email,name,time_zone");
            }
        } catch (NoSuchFileException missing) {
            throw new ContactException(name + ": no such file");
        } catch (CharacterCodingException notUtf8) {
            throw new ContactException(name + ": not UTF-8 text; save the CSV file as UTF-8");
        } catch (IOException | UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new ContactException(name + ": not UTF-8 text; save the CSV file as UTF-8");
            }
            throw new ContactException(name + ": not a valid CSV file: " + oneLine(e.getMessage()));
        }
        return badLines;
    }

    /**
     * Reads and checks a whole file in memory, duplicate addresses included: for small files (previews, tests).
     * The import itself streams ({@link #read}) and finds duplicates in its staging table.
     *
     * @throws ContactException when the file cannot be read or has no header row
     */
    public Validation validate(Path file) {
        List<Problem> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        read(file, new Sink() {
            @Override
            public void row(Row row) {
                rows.add(row);
            }

            @Override
            public void problem(Problem problem) {
                problems.add(problem);
            }
        });
        Map<String, List<Integer>> linesOf = new LinkedHashMap<>();
        rows.forEach(row -> linesOf.computeIfAbsent(row.contact().email(), email -> new ArrayList<>()).add(row.line()));
        linesOf.forEach((email, lines) -> problems.addAll(duplicates(email, lines)));
        Set<Integer> badLines = new HashSet<>();
        problems.forEach(problem -> badLines.add(problem.line()));
        List<Row> good = rows.stream().filter(row -> !badLines.contains(row.line())).toList();
        List<Problem> sorted = problems.stream().sorted(Comparator.comparingInt(Problem::line)).toList();
        return new Validation(good, sorted, badLines.size());
    }

    /**
     * The problems of an address found on several lines (in ascending order): each later line names the first,
     * the first names the second.
     */
    public static List<Problem> duplicates(String email, List<Integer> lines) {
        if (lines.size() < 2) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        problems.add(duplicate(lines.get(0), email, lines.get(1)));
        lines.subList(1, lines.size()).forEach(line -> problems.add(duplicate(line, email, lines.get(0))));
        return problems;
    }

    private static Problem duplicate(int line, String email, int other) {
        return new Problem(line, "email: duplicate address \"" + email + "\" (also on line " + other + ")");
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
        values.forEach((column, value) -> {
            Integer max = MAX_LENGTH.get(column);
            if (value != null && max != null && value.length() > max) {
                problems.add(new Problem(line, column + ": longer than " + max + " characters"));
            }
        });
        String email = address(line, problems, "email", values.get("email"));
        String zone = values.get("time_zone");
        if (zone != null && !ZONES.contains(zone)) {
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

    private static Reader open(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
