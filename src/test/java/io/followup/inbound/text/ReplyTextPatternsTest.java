package io.followup.inbound.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-made replies for the patterns seen on unseen real mail, in several languages. */
class ReplyTextPatternsTest {

    private final ReplyTextExtractor extractor = new ReplyTextExtractor();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "De : Marc Dupont <marc@example.fr>\nEnvoyé : lundi 6 janvier 2025 10:00\nÀ : Ann <ann@example.com>\nObjet : Rendez-vous",
            "    De : Marc Dupont <marc@example.fr>\n    Envoyé : lundi 6 janvier 2025 10:00\n    À : Ann <ann@example.com>\n    Objet : Rendez-vous",
            "Von: Marc Müller <marc@example.de>\nGesendet: Montag, 6. Januar 2025 10:00\nAn: Ann <ann@example.com>\nBetreff: Termin",
            "De: Marc García <marc@example.es>\nEnviado: lunes, 6 de enero de 2025 10:00\nPara: Ann <ann@example.com>\nAsunto: Reunión",
            "Da: Marco Rossi <marco@example.it>\nInviato: lunedì 6 gennaio 2025 10:00\nA: Ann <ann@example.com>\nOggetto: Riunione",
            "Van: Marc de Vries <marc@example.nl>\nVerzonden: maandag 6 januari 2025 10:00\nAan: Ann <ann@example.com>\nOnderwerp: Afspraak",
            "De: Marco Silva <marco@example.pt>\nEnviada em: segunda-feira, 6 de janeiro de 2025 10:00\nPara: Ann <ann@example.com>\nAssunto: Reunião"})
    void anOutlookHeaderBlockInAnyLanguageStartsTheHistory(String headerBlock) {
        String body = "Merci, mardi me convient.\n\n" + headerBlock + "\n\nBonjour, seriez-vous disponible mardi ?\n";

        assertThat(extractor.extract(body)).isEqualTo("Merci, mardi me convient.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Il giorno lun 6 gen 2025 alle ore 10:00 Marco Rossi <marco@example.it>\nha scritto:",
            "Op ma 6 jan. 2025 om 10:00 schreef Marc de Vries <\nmarc@example.nl>:",
            "Le lun. 6 janv. 2025 à 10:00, Marc Dupont <marc@example.fr> a\nécrit :",
            "Am Mo., 6. Jan. 2025 um 10:00 Uhr schrieb Marc Müller <\nmarc@example.de>:"})
    void anAttributionLineWrappedOverTwoLinesStartsTheHistory(String attribution) {
        String body = "Sounds good.\n\n" + attribution + "\n> Would Tuesday work?\n";

        assertThat(extractor.extract(body)).isEqualTo("Sounds good.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Sent from my iPhone", "Gesendet von Outlook für Android", "Envoyé à partir de Outlook pour iOS",
            "Enviado desde mi iPhone", "Inviato da iPhone", "Verzonden vanaf mijn iPhone"})
    void aMobileSignatureFollowedByAnUnquotedCopyOfTheOriginalEndsTheReply(String signature) {
        String body = "Yes, Tuesday at 10 works.\n\n" + signature + "\n\nOn Monday Marc wrote:\n\n"
                + "Hi Ann, would Tuesday work for a call?\nBest, Marc\n";

        assertThat(extractor.extract(body)).isEqualTo("Yes, Tuesday at 10 works.");
    }

    @Test
    void aMobileSignatureFollowedByAnUnquotedOriginalWithoutAttributionEndsTheReply() {
        String body = "Ja, Dienstag passt.\n\nGesendet von Outlook\n\nHallo Ann,\nwürde Dienstag passen?\nGruß, Marc\n";

        assertThat(extractor.extract(body)).isEqualTo("Ja, Dienstag passt.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"> Would Tuesday work?\n> Marc\n",
            "On Mon, Jan 6, 2025 at 10:00 AM Marc <marc@example.com> wrote:\n> Would Tuesday work?\n"})
    void aMessageThatOnlyQuotesGivesNoText(String body) {
        assertThat(extractor.extract(body)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Pada tanggal Sen, 6 Jan 2025 pukul 10.00 Budi <budi@example.id> menulis:",
            "Dana pon, 6. sij 2025. u 10:00 Marko <marko@example.hr> je napisao:",
            "În lun., 6 ian. 2025 la 10:00, Mihai <mihai@example.ro> a scris:",
            "2025-01-06 10:00 GMT+02:00 Jonas <jonas@example.lt> rašė:",
            "pirmd., 2025. g. 6. janv., plkst. 10:00 — lietotājs Jānis (<janis@example.lv>) rakstīja:",
            "E, 6. jaan 2025 kell 10:00 Mari <mari@example.ee> kirjutas:",
            "El dl., 6 de gen. 2025 a les 10:00, Jordi (<jordi@example.cat>) va escriure:",
            "На пн, 6.01.2025 г. в 10:00 ч. Иван <ivan@example.bg> написа:"})
    void anAttributionInMoreLanguagesStartsTheHistoryQuotedOrNot(String attribution) {
        assertThat(extractor.extract("Sounds good.\n\n" + attribution + "\n> Would Tuesday work?\n"))
                .isEqualTo("Sounds good.");
        assertThat(extractor.extract("Sounds good.\n\n" + attribution + "\n\nWould Tuesday work?\n"))
                .isEqualTo("Sounds good.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "De la: Mihai <mihai@example.ro>\nTrimis: luni, 6 ianuarie 2025 10:00\nCătre: Ann <ann@example.com>\nSubiect: Întâlnire",
            "Dari: Budi <budi@example.id>\nDikirim: Senin, 6 Januari 2025 10.00\nKepada: Ann <ann@example.com>\nPerihal: Rapat",
            "Šalje: Marko <marko@example.hr>\nPoslano: ponedjeljak, 6. siječnja 2025. 10:00\nPrima: Ann <ann@example.com>\nPredmet: Sastanak",
            "De: Jordi <jordi@example.cat>\nEnviat: dilluns, 6 de gener de 2025 10:00\nPer a: Ann <ann@example.com>\nAssumpte: Reunió",
            "Nuo: Jonas <jonas@example.lt>\nIšsiųsta: 2025 m. sausio 6 d. 10:00\nKam: Ann <ann@example.com>\nTema: Susitikimas",
            "От: Иван <ivan@example.bg>\nИзпратено: 6 януари 2025 г. 10:00\nДо: Ann <ann@example.com>\nОтносно: Среща",
            "Saatja: Mari <mari@example.ee>\nSaadetud: 6. jaanuar 2025 10:00\nAdressaat: Ann <ann@example.com>\nTeema: Koosolek"})
    void anOutlookHeaderBlockInMoreLanguagesStartsTheHistory(String headerBlock) {
        assertThat(extractor.extract("Sounds good.\n\n" + headerBlock + "\n\nWould Tuesday work?\n"))
                .isEqualTo("Sounds good.");
    }
}
