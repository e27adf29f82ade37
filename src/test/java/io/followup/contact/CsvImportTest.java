package io.followup.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void aValidFileReadsEveryRowWithAllColumnsAndCustomFields() throws IOException {
        Path file = file("""
                email,name,company,tier,goal,time_zone,tags,introduced_by,field:met_at
                Maya@Example.com,Maya Patel,Northwind,1,partner,Europe/Lisbon,vip; lisbon,ann@example.com,"the Lisbon Summit, day 2"
                bob@example.org,Bob Brown,,,,,,,
                """);

        CsvImport.Validation validation = csvImport.validate(file);
        validation.rows().forEach(row -> remember(row.contact(), "csv " + file + ":" + row.line()));

        assertThat(validation.problems()).isEmpty();
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
    void everyBadRowIsReportedWithItsLine() throws IOException {
        Path file = file("""
                email,name,time_zone,tier
                ann@example.com,Ann,Europe/Berlin,2
                not-an-address,Bob,,
                cid@example.com,Cid,Europe/Berln,
                dan@example.com,Dan,,9

                eve@example.com,Eve,UTC
                """);

        CsvImport.Validation validation = csvImport.validate(file);

        assertThat(validation.problems()).extracting(problem -> problem.format("people.csv")).containsExactly(
                "people.csv:3: email: not a valid address: \"not-an-address\"",
                "people.csv:4: time_zone: not an IANA time zone: \"Europe/Berln\"",
                "people.csv:5: tier: expected 1 (most important) to 5, got \"9\"",
                "people.csv:7: expected 4 values (one per column), got 3");
        assertThat(validation.rows()).extracting(CsvImport.Row::line).containsExactly(2);
        assertThat(validation.badRows()).isEqualTo(4);
    }

    @Test
    void aValueLongerThanItsColumnIsAnErrorNamingTheColumn() throws IOException {
        Path file = file("email,company\nann@example.com," + "x".repeat(201) + "\n");

        assertThat(csvImport.validate(file).problems()).extracting(problem -> problem.format("people.csv"))
                .containsExactly("people.csv:2: company: longer than 200 characters");
    }

    @Test
    void aFileThatIsNotUtf8IsOneClearError() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "email,name\nann@example.com,J\u00fcrgen\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> csvImport.validate(file)).isInstanceOf(ContactException.class)
                .hasMessage(file + ": not UTF-8 text; save the CSV file as UTF-8");
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreRead() throws IOException {
        Path file = file("\uFEFFemail,name\r\nann@example.com,Ann\r\nbad,Bob\r\n");

        CsvImport.Validation validation = csvImport.validate(file);

        assertThat(validation.rows()).extracting(CsvImport.Row::line).containsExactly(2);
        assertThat(validation.problems()).extracting(CsvImport.Problem::line).containsExactly(3);
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
    void aMissingOrEmptyFileIsOneClearError() throws IOException {
        assertThatThrownBy(() -> csvImport.validate(dir.resolve("nope.csv")))
                .isInstanceOf(ContactException.class).hasMessage(dir.resolve("nope.csv") + ": no such file");
        Path empty = file("\n\n");
        assertThatThrownBy(() -> csvImport.validate(empty)).isInstanceOf(ContactException.class)
                .hasMessage(empty + ": empty file; expected a header row such as email,name,time_zone");
    }
}
