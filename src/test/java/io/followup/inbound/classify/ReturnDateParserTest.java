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

    /** 2025-04-29 is a Tuesday. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "I am out of the office and will be back next Monday.|2025-05-05",
            "Ich bin ab kommendem Montag wieder im Büro.|2025-05-05",
            "Ich bin am kommenden Montag zurück.|2025-05-05",
            "Absent, je serai de retour lundi.|2025-05-05",
            "Ik ben afwezig, terug op maandag.|2025-05-05",
            "Estoy fuera, regreso el viernes.|2025-05-02",
            "Sono in ferie, di ritorno giovedì.|2025-05-01",
            "Back on Tuesday.|2025-05-06",
            "Back tomorrow.|2025-04-30",
            "Je serai de retour la semaine prochaine.|2025-05-05"
    })
    void relativeReturnDaysCountFromTheMessageDate(String text, String expected) {
        ReturnDateParser.ReturnDate found = ReturnDateParser.find(text, MESSAGE_DATE, ReturnDateParser.SlashOrder.DAY_FIRST);

        assertThat(found.date()).isEqualTo(LocalDate.parse(expected));
        assertThat(found.rule()).startsWith("relative");
    }

    /** 2025-04-29 is a Tuesday. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "I am out of the office and will be back at the end of the month.|2025-04-30",
            "Ich bin bis Ende des Monats im Urlaub.|2025-04-30",
            "Je serai absent jusqu'à la fin du mois.|2025-04-30",
            "Estaré fuera de la oficina hasta final de mes.|2025-04-30",
            "Ik ben terug aan het eind van de maand.|2025-04-30",
            "Sono fuori ufficio fino alla fine del mese.|2025-04-30",
            "Back at the end of next month.|2025-05-31",
            "Ich bin bis Ende nächsten Monats nicht im Büro.|2025-05-31",
            "I'll be back in two weeks.|2025-05-13",
            "Ich bin in zwei Wochen wieder im Büro.|2025-05-13",
            "Je serai de retour dans deux semaines.|2025-05-13",
            "Estaré de vuelta en dos semanas.|2025-05-13",
            "Estarei de volta em 10 dias.|2025-05-09",
            "Ik ben over een week terug.|2025-05-06",
            "Sarò di ritorno tra tre giorni.|2025-05-02",
            "I am on vacation for two weeks.|2025-05-13",
            "Ich bin für drei Wochen im Urlaub.|2025-05-20",
            "Je suis en congé pendant une semaine.|2025-05-06",
            "Ich bin ab Anfang nächsten Monats wieder da.|2025-05-01",
            "Je serai de retour début juillet.|2025-07-01",
            "Ich bin bis Ende Mai im Urlaub.|2025-05-31",
            "Estoy de vacaciones hasta fin de junio.|2025-06-30",
            "Back at the end of the week.|2025-05-02",
            "Ich bin ab KW 20 wieder im Büro.|2025-05-12",
            "Ich bin bis einschließlich KW 19 im Urlaub.|2025-05-12",
            "I'll be back in week 20.|2025-05-12",
            "Je serai de retour la semaine 20.|2025-05-12",
            "Estaré de vuelta la semana 2.|2026-01-05"
    })
    void relativeSpansCountFromTheMessageDate(String text, String expected) {
        ReturnDateParser.ReturnDate found = ReturnDateParser.find(text, MESSAGE_DATE, ReturnDateParser.SlashOrder.DAY_FIRST);

        assertThat(found).as(text).isNotNull();
        assertThat(found.date()).as(found.rule()).isEqualTo(LocalDate.parse(expected));
        assertThat(found.rule()).contains("\"");
    }

    @Test
    void anAbsenceSpanSaysWhichWordsItRead() {
        ReturnDateParser.ReturnDate found = ReturnDateParser.find("Ich bin für zwei Wochen im Urlaub.", MESSAGE_DATE,
                ReturnDateParser.SlashOrder.DAY_FIRST);

        assertThat(found.rule()).isEqualTo("relative span of absence \"für zwei Wochen\" from the message date"
                + " next to an absence word");
    }

    @Test
    void aWeek53IsReadOnlyInAYearThatHasOne() {
        assertThat(ReturnDateParser.parse("Ich bin ab KW 53 wieder im Büro.", MESSAGE_DATE))
                .isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(ReturnDateParser.parse("Ich bin ab KW 53 wieder im Büro.", LocalDate.of(2027, 4, 29))).isNull();
    }

    @Test
    void aSpanWithoutReturnOrAbsenceWordsIsNotAReturnDate() {
        assertThat(ReturnDateParser.parse("We ship every order in two days.", MESSAGE_DATE)).isNull();
        assertThat(ReturnDateParser.parse("Our sale ends at the end of the month.", MESSAGE_DATE)).isNull();
        assertThat(ReturnDateParser.parse("The project ran for two weeks.", MESSAGE_DATE)).isNull();
    }

    @Test
    void aWeekdayInThePastOrWithoutReturnWordsIsNotAReturnDate() {
        assertThat(ReturnDateParser.parse("I wrote to you last Monday about the invoice.", MESSAGE_DATE)).isNull();
        assertThat(ReturnDateParser.parse("Our office is closed on Friday afternoons.", MESSAGE_DATE)).isNull();
    }

    @Test
    void anExplicitDateOutranksALaterRelativeOne() {
        assertThat(ReturnDateParser.parse("Back on May 12. If urgent, call me tomorrow.", MESSAGE_DATE))
                .isEqualTo(LocalDate.of(2025, 5, 12));
    }

    @Test
    void ambiguousSlashDatesFollowTheMessagesLocaleAndSayWhy() {
        ReturnDateParser.ReturnDate us = ReturnDateParser.find("Back on 05/06/2025.", MESSAGE_DATE,
                ReturnDateParser.SlashOrder.MONTH_FIRST);
        ReturnDateParser.ReturnDate elsewhere = ReturnDateParser.find("De retour le 05/06/2025.", MESSAGE_DATE,
                ReturnDateParser.SlashOrder.DAY_FIRST);

        assertThat(us.date()).isEqualTo(LocalDate.of(2025, 5, 6));
        assertThat(us.rule()).contains("month first");
        assertThat(elsewhere.date()).isEqualTo(LocalDate.of(2025, 6, 5));
        assertThat(elsewhere.rule()).contains("day first");
        assertThat(ReturnDateParser.find("Back on 05/25/2025.", MESSAGE_DATE, ReturnDateParser.SlashOrder.DAY_FIRST)
                .date()).isEqualTo(LocalDate.of(2025, 5, 25));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "en-US|+00:00|MONTH_FIRST",
            "en-GB|-05:00|DAY_FIRST",
            "de-DE|-05:00|DAY_FIRST",
            "|-05:00|MONTH_FIRST",
            "|+01:00|DAY_FIRST"})
    void theSlashOrderComesFromContentLanguageElseAnEnglishTextFromAUsTimeZone(String language, String offset,
                                                                               String order) {
        assertThat(ReturnDateParser.slashOrder(language, java.time.ZoneOffset.of(offset),
                "I am out of the office until 05/06.")).isEqualTo(ReturnDateParser.SlashOrder.valueOf(order));
    }

    @Test
    void anAutoReplyFromTheUsReadsSlashDatesMonthFirstAndExplainsIt() {
        String raw = """
                From: dana@example.com
                To: me@example.org
                Subject: Automatic reply: Proposal
                Auto-Submitted: auto-replied
                Date: Tue, 29 Apr 2025 09:00:00 -0500

                I am out of the office until 05/06/2025 with limited access to email.
                """;
        InboundAnalysis analysis = new MessageClassifier().classify(
                raw.replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(analysis.kind()).isEqualTo(MessageKind.AUTO_REPLY);
        assertThat(analysis.autoReplyUntil()).isEqualTo(LocalDate.of(2025, 5, 6));
        assertThat(analysis.explanation()).contains("return date: numeric date read month first");
    }
}
