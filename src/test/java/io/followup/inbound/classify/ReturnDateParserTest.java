package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReturnDateParserTest {

    private static final LocalDate MESSAGE_DATE = LocalDate.of(2025, 4, 29);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "I am out of the office and will be back on May 5.|2025-05-05",
            "I'm away, returning Monday 6 January 2025.|2025-01-06",
            "On vacation until 2025-08-15, limited access to email.|2025-08-15",
            "Out of office until June 3rd, 2025|2025-06-03",
            "Ich bin bis zum 12. August nicht im Büro.|2025-08-12",
            "Ich bin bis 31.07. abwesend und ab 1.8. wieder erreichbar.|2025-08-01",
            "Je suis absent du 10 au 31 juillet.|2025-07-31",
            "Je serai de retour le 2 juin 2025.|2025-06-02",
            "Estoy fuera de la oficina hasta el 3 de mayo.|2025-05-03",
            "Estou de férias até 20 de maio.|2025-05-20",
            "Ik ben afwezig tot en met 9 mei.|2025-05-09",
            "Sono fuori ufficio fino al 14 maggio.|2025-05-14",
            "Back on 02/05/2025.|2025-05-02"
    })
    void returnDatesAreFoundInSevenLanguages(String text, String expected) {
        assertThat(ReturnDateParser.parse(text, MESSAGE_DATE)).isEqualTo(LocalDate.parse(expected));
    }

    @Test
    void aDateWithoutYearBeforeTheMessageDateIsNextYear() {
        assertThat(ReturnDateParser.parse("Back on January 7.", MESSAGE_DATE)).isEqualTo(LocalDate.of(2026, 1, 7));
    }

    @Test
    void aDateWithoutYearOnTheMessageDayIsThatDay() {
        assertThat(ReturnDateParser.parse("back on 29 April", MESSAGE_DATE)).isEqualTo(MESSAGE_DATE);
    }

    @Test
    void textWithoutADateGivesNull() {
        assertThat(ReturnDateParser.parse("I am out of the office with limited access to email, "
                + "see you at 10.30 soon. Version 1.2 out of 3", MESSAGE_DATE)).isNull();
    }

    @Test
    void datesInTheQuotedOriginalAreIgnored() {
        String text = "I am out of the office with limited access to email.\n\n-----Original Message-----\n"
                + "From: me@example.com\nSent: Tuesday, 20 May 2025 10:00\nSubject: meeting on June 3\n";

        assertThat(ReturnDateParser.parse(text, MESSAGE_DATE)).isNull();
    }

    @Test
    void impossibleDatesAreIgnored() {
        assertThat(ReturnDateParser.parse("back on 31 February", MESSAGE_DATE)).isNull();
    }
}
