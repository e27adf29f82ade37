package io.followup.inbound.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.followup.inbound.text.ReplyTextExtractor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HTML-only replies (no text/plain part): the quoted history the mail program wrapped in its own
 * element (gmail_quote, blockquote type=cite, moz-cite-prefix) or introduced with an Outlook header
 * block or "-----Original Message-----" is not part of what the person wrote.
 */
class HtmlReplyTextTest {

    private final ReplyTextExtractor extractor = new ReplyTextExtractor();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "gmail, German|<div dir=\"ltr\">Passt, bis Donnerstag.</div><br><div class=\"gmail_quote\">"
                    + "<div class=\"gmail_attr\">Am Mo., 6. Jan. 2025 um 10:00 Uhr schrieb Ana &lt;ana@example.com&gt;:"
                    + "</div><blockquote class=\"gmail_quote\">Hallo Jonas, passt Donnerstag?</blockquote></div>"
                    + "|Passt, bis Donnerstag.",
            "Apple Mail, French|<div>Oui, c'est d'accord.</div><div><br><blockquote type=\"cite\">"
                    + "<div>Le 6 janv. 2025 à 10:00, Ana a écrit :</div><div>On se voit jeudi ?</div></blockquote></div>"
                    + "|Oui, c'est d'accord.",
            "Thunderbird, Dutch|<p>Prima, tot dan.</p><div class=\"moz-cite-prefix\">Op 06-01-2025 om 10:00 schreef Ana:"
                    + "</div><blockquote type=\"cite\">Zien we elkaar donderdag?</blockquote>|Prima, tot dan.",
            "Outlook, Spanish|<div>Perfecto, nos vemos.</div><hr><div id=\"divRplyFwdMsg\"><b>De:</b> Ana "
                    + "&lt;ana@example.com&gt;<br><b>Enviado:</b> lunes, 6 de enero de 2025 10:00<br><b>Para:</b> Luis"
                    + "<br><b>Asunto:</b> Reunión</div><div>¿Nos vemos el jueves?</div>|Perfecto, nos vemos.",
            "Outlook, original message line|<p>Sounds good.</p><p>-----Original Message-----<br>From: Ana<br>"
                    + "Sent: Monday, January 6, 2025 10:00 AM<br>Subject: Meeting</p><p>Thursday?</p>|Sounds good."})
    void theHistoryOfAnHtmlOnlyReplyIsNotItsText(String client, String html, String expected) {
        assertThat(extractor.extract(BodyText.htmlToText(html))).as(client).isEqualTo(expected);
    }
}
