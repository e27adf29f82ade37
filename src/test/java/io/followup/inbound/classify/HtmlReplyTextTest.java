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
                    + "Sent: Monday, January 6, 2025 10:00 AM<br>Subject: Meeting</p><p>Thursday?</p>|Sounds good.",
            "Yandex, Russian|<div>Хорошо, до четверга.</div><div>06.01.2025, 10:00, \"Анна\" &lt;anna@example.ru&gt;:"
                    + "</div><blockquote><div>Встретимся в четверг?</div></blockquote>|Хорошо, до четверга.",
            "Mail.ru, Ukrainian|<div>Добре, до четверга.</div><blockquote style=\"border-left:1px solid #0857A6;"
                    + " margin:10px; padding:0 0 0 10px;\"><div>Зустрінемось у четвер?</div></blockquote>|Добре, до четверга.",
            "ProtonMail, English|<div>Works for me.</div><div class=\"protonmail_quote\">Ann wrote:<br><div>Thursday?"
                    + "</div></div>|Works for me.",
            "Gmail through Outlook, Portuguese|<div>Combinado, até quinta.</div><div class=\"x_gmail_quote\"><div>"
                    + "Podemos falar na quinta?</div></div>|Combinado, até quinta.",
            "Zimbra, Polish|<div>Dobrze, do czwartku.</div><hr id=\"zwchr\"><div><b>Od: </b>Anna</div><div>Czwartek?"
                    + "</div>|Dobrze, do czwartku."})
    void theHistoryOfAnHtmlOnlyReplyIsNotItsText(String client, String html, String expected) {
        assertThat(extractor.extract(BodyText.htmlToText(html))).as(client).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Outlook for Windows, English, empty separator|<div class=WordSection1><p class=MsoNormal>Thanks, Thursday"
                    + " works.</p><p class=MsoNormal>&nbsp;</p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt;"
                    + "padding:3.0pt 0in 0in 0in\"><p class=MsoNormal>&nbsp;</p></div><p class=MsoNormal>Hi Luis, does"
                    + " Thursday work for you?</p></div>|Thanks, Thursday works.",
            "Outlook for Mac, German, header block in an unknown language|<p>Danke, Donnerstag passt.</p><div style="
                    + "\"border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p><b>差出人:</b> Ana<br>"
                    + "<b>件名:</b> Termin</p></div><p>Hallo Jonas, passt Donnerstag?</p>|Danke, Donnerstag passt.",
            "Outlook on the web, French|<div>Parfait, à jeudi.</div><div id=\"appendonsend\"></div><hr tabindex=\"-1\""
                    + " style=\"display:inline-block;width:98%\"><div>Bonjour Luc, jeudi vous convient ?</div>"
                    + "|Parfait, à jeudi.",
            "Italian, border-top paragraph|<p>Va bene, a giovedì.</p><p style=\"border-top: 1px solid #cccccc;"
                    + " padding-top: 4px\">Ciao Marco, giovedì va bene?</p>|Va bene, a giovedì.",
            "Spanish, no separator drawn|<p>Perfecto.</p><div style=\"border-top:none\">Nos vemos el jueves.</div>"
                    + "|Perfecto.\\n\\nNos vemos el jueves.",
            "Dutch, separator before any text|<hr><p>Prima, tot donderdag.</p>|Prima, tot donderdag."})
    void outlooksDrawnSeparatorEndsTheReplyWithOrWithoutAHeaderBlock(String client, String html, String expected) {
        assertThat(extractor.extract(BodyText.htmlToText(html))).as(client).isEqualTo(expected.replace("\\n", "\n"));
    }
}
