package io.followup.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.followup.sequence.EnrollmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvImportTest {

    @TempDir
    Path dir;

    private final CsvImport csvImport = new CsvImport();
    private final List<ContactSpec> imported = new ArrayList<>();
    private final List<String> causes = new ArrayList<>();

    private Path file(String content) throws IOException {
        Path file = dir.resolve("people.csv");
        Files.writeString(file, content);
        return file;
    }

    private boolean remember(ContactSpec contact, String cause) {
        imported.add(contact);
        causes.add(cause);
        return true;
    }

    @Test
    void aValidFileImportsEveryRowWithAllColumnsAndCustomFields() throws IOException {
        Path file = file("""
                email,name,company,tier,goal,time_zone,tags,introduced_by,field:met_at
                Maya@Example.com,Maya Patel,Northwind,1,partner,Europe/Lisbon,vip; lisbon,ann@example.com,"the Lisbon Summit, day 2"
                bob@example.org,Bob Brown,,,,,,,
                """);

        CsvImport.Report report = csvImport.run(file, false, this::remember);

        assertThat(report.problems()).isEmpty();
        assertThat(report.summary("people.csv")).isEqualTo("people.csv: 2 enrolled, 0 skipped, 0 already enrolled");
        ContactSpec maya = imported.get(0);
        assertThat(maya.email()).isEqualTo("maya@example.com");
        assertThat(maya.name()).isEqualTo("Maya Patel");
        assertThat(maya.tier()).isEqualTo(1);
        assertThat(maya.goal()).isEqualTo("partner");
        assertThat(maya.timeZone()).isEqualTo("Europe/Lisbon");
        assertThat(maya.tags()).containsExactly("vip", "lisbon");
        assertThat(maya.introducedBy()).isEqualTo("ann@example.com");
        assertThat(maya.fields()).containsEntry("met_at", "the Lisbon Summit, day 2");
        ContactSpec bob = imported.get(1);
        assertThat(bob.company()).isNull();
        assertThat(bob.tier()).isNull();
        assertThat(bob.fields()).isEmpty();
        assertThat(causes).containsExactly("csv " + file + ":2", "csv " + file + ":3");
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndNothingIsImported() throws IOException {
        Path file = file("""
                email,name,time_zone,tier
                ann@example.com,Ann,Europe/Berlin,2
                not-an-address,Bob,,
                cid@example.com,Cid,Europe/Berln,
                dan@example.com,Dan,,9

                eve@example.com,Eve,UTC
                """);

        CsvImport.Report report = csvImport.run(file, false, this::remember);

        String name = file.toString();
        assertThat(report.problems()).containsExactly(
                name + ":3: email: not a valid address: \"not-an-address\"",
                name + ":4: time_zone: not an IANA time zone: \"Europe/Berln\"",
                name + ":5: tier: expected 1 (most important) to 5, got \"9\"",
                name + ":7: expected 4 values (one per column), got 3");
        assertThat(imported).isEmpty();
        assertThat(report.imported()).isFalse();
        assertThat(report.skipped()).isEqualTo(4);
    }

    @Test
    void withSkipBadRowsTheGoodRowsAreImportedAndTheBadOnesListed() throws IOException {
        Path file = file("""
                email,name,time_zone
                ann@example.com,Ann,Europe/Berlin
                cid@example.com,Cid,Europe/Berln
                eve@example.com,Eve,UTC
                """);

        CsvImport.Report report = csvImport.run(file, true, this::remember);

        assertThat(imported).extracting(ContactSpec::email).containsExactly("ann@example.com", "eve@example.com");
        assertThat(report.problems()).containsExactly(file + ":3: time_zone: not an IANA time zone: \"Europe/Berln\"");
        assertThat(report.summary("people.csv")).isEqualTo("people.csv: 2 enrolled, 1 skipped, 0 already enrolled");
    }

    @Test
    void aDuplicateAddressReportsBothLines() throws IOException {
        Path file = file("""
                email,name
                ann@example.com,Ann
                bob@example.com,Bob
                ANN@example.com,Ann again
                """);

        CsvImport.Validation validation = csvImport.validate(file);

        assertThat(validation.problems()).extracting(problem -> problem.format("people.csv")).containsExactly(
                "people.csv:2: email: duplicate address \"ann@example.com\" (also on line 4)",
                "people.csv:4: email: duplicate address \"ann@example.com\" (also on line 2)");
        assertThat(validation.rows()).extracting(CsvImport.Row::line).containsExactly(3);
    }

    @Test
    void unknownColumnsAreErrorsOfTheHeaderLine() throws IOException {
        Path file = file("""
                email,nmae,field:Met At
                ann@example.com,Ann,x
                """);

        CsvImport.Validation validation = csvImport.validate(file);

        assertThat(validation.problems()).extracting(problem -> problem.format("people.csv")).containsExactly(
                "people.csv:1: unknown column \"nmae\"; expected email, name, first_name, last_name, company, tier,"
                        + " goal, time_zone, tags, introduced_by or field:NAME",
                "people.csv:1: column \"field:Met At\": a custom field name is lower-case letters, digits and _"
                        + " (e.g. field:met_at)");
        assertThat(validation.rows()).isEmpty();
    }

    @Test
    void aHeaderWithoutEmailIsAnError() throws IOException {
        CsvImport.Validation validation = csvImport.validate(file("name\nAnn\n"));

        assertThat(validation.problems()).extracting(CsvImport.Problem::message)
                .containsExactly("missing column \"email\" (the header row comes first)");
    }

    @Test
    void lineNumbersCountTheLinesOfQuotedMultiLineValues() throws IOException {
        Path file = file("email,field:topic\nann@example.com,\"one\ntwo\"\nbad,x\n");

        assertThat(csvImport.validate(file).problems()).extracting(CsvImport.Problem::line).containsExactly(4);
    }

    @Test
    void aRowThatFailsOnImportIsSkippedWithItsLineAndTheOthersAreKept() throws IOException {
        Path file = file("email\nann@example.com\nbob@example.com\ncid@example.com\n");

        CsvImport.Report report = csvImport.run(file, false, (contact, cause) -> {
            if (contact.email().startsWith("bob")) {
                throw new EnrollmentException("bob@example.com is suppressed (address, reason unsubscribed)");
            }
            return !contact.email().startsWith("cid");
        });

        assertThat(report.problems())
                .containsExactly(file + ":3: bob@example.com is suppressed (address, reason unsubscribed)");
        assertThat(report.summary("people.csv")).isEqualTo("people.csv: 1 enrolled, 1 skipped, 1 already enrolled");
    }

    @Test
    void aMissingOrEmptyFileIsOneClearError() throws IOException {
        assertThatThrownBy(() -> csvImport.validate(dir.resolve("nope.csv")))
                .isInstanceOf(ContactException.class).hasMessage(dir.resolve("nope.csv") + ": no such file");
        Path empty = file("\n\n");
        assertThatThrownBy(() -> csvImport.validate(empty)).isInstanceOf(ContactException.class)
                .hasMessage(empty + ": empty file; expected a header row such as email,name,time_zone");
    }
}
