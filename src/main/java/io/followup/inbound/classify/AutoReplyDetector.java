package io.followup.inbound.classify;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognizes automatic replies: RFC 3834 {@code Auto-Submitted}, {@code X-Autoreply},
 * {@code X-Autorespond}, {@code Precedence: auto_reply} and Microsoft's headers first, then
 * out-of-office subjects and vacation wording in English, German, French, Spanish, Portuguese,
 * Dutch and Italian. Thread-safe (stateless).
 */
final class AutoReplyDetector {

    /** The verdict: {@code autoReply} true with the reason, or false with why it is automated mail. */
    record Verdict(boolean autoReply, boolean automated, String explanation) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern SUBJECT = Pattern.compile(
            "^(auto(matic)?[ _-]?(reply|response|answer)|auto:|autoreply|auto-reply|automatische antwort"
                    + "|r[ée]ponse automatique|respuesta autom[áa]tica|resposta autom[áa]tica|risposta automatica"
                    + "|automatisch antwoord|automatisch bericht|abwesenheitsnotiz|out of (the )?office"
                    + "|ooo\\b|absent|abwesend|afwezig|ausente|assente|fuori sede|fuera de la oficina"
                    + "|fora do escrit[óo]rio|vacation|on vacation|on holiday|away from|urlaub|cong[ée]s"
                    + "|vacaciones|f[ée]rias|vakantie|ferie|absence|abwesenheit|away until|away\\b)"
                    + "|\\b(out of (the )?office|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique"
                    + "|respuesta autom[áa]tica|resposta autom[áa]tica|risposta automatica|automatisch antwoord"
                    + "|auto(matic)?[ -]?reply|autoresponder|abwesend|afwezig|fuori ufficio|out of office)",
            FLAGS);
    private static final Pattern VACATION_TEXT = Pattern.compile(
            "out of (the )?office|on (annual |parental |sick |maternity |paternity )?(vacation|holiday|leave)"
                    + "|i am (currently )?(away|out|travel+ing|absent|not in the office|off)|i'm (currently )?"
                    + "(away|out|travel+ing|off)|(will|shall) be (back|returning|out|away)|i return on|back in the"
                    + " office|(limited|no) access to (my )?e-?mail|returning (to the office )?on|until my return"
                    + "|upon my return|on my return|automatic reply|auto-reply|autoreply"
                    + "|nicht im b[üu]ro|au[ßs]er haus|abwesend|im urlaub|bin ab|wieder (im b[üu]ro|erreichbar|da)"
                    + "|abwesenheit|urlaubsbedingt|je suis (actuellement )?(absent|en cong|en vacances|hors du bureau)"
                    + "|absente? du|en cong[ée]s|de retour le|je serai de retour|hors du bureau|r[ée]ponse automatique"
                    + "|estoy (fuera|de vacaciones|ausente)|estar[ée] (fuera|de vacaciones|ausente)|regreso el"
                    + "|fuera de la oficina|de vacaciones|respuesta autom[áa]tica|estou (fora|de f[ée]rias|ausente)"
                    + "|estarei (fora|ausente|de f[ée]rias)|fora do escrit[óo]rio|de f[ée]rias|resposta autom[áa]tica"
                    + "|ik ben (momenteel |tot en met |t/m )?(afwezig|niet aanwezig|met vakantie|op vakantie|niet op kantoor)"
                    + "|met vakantie|afwezig|weer (aanwezig|op kantoor|terug)|automatisch antwoord"
                    + "|sono (attualmente )?(fuori|assente|in ferie|in vacanza)|fuori (sede|ufficio)|in ferie"
                    + "|sar[òo] (assente|fuori|di ritorno|in ferie)|rientrer[òo]|risposta automatica",
            FLAGS);

    Verdict detect(Headers headers, String subject, String bodyText) {
        String autoSubmitted = headers.lower("auto-submitted");
        String precedence = headers.lower("precedence");
        String suppress = headers.lower("x-auto-response-suppress");
        String subjectText = subject == null ? "" : subject.strip();
        String opening = bodyText.length() > 1500 ? bodyText.substring(0, 1500) : bodyText;
        boolean vacationSubject = SUBJECT.matcher(subjectText).find();
        boolean vacationText = VACATION_TEXT.matcher(opening).find();
        if (autoSubmitted.startsWith("auto-replied")) {
            return yes("Auto-Submitted: " + autoSubmitted);
        }
        if (headers.has("x-autoreply") && !headers.lower("x-autoreply").equals("no")) {
            return yes("X-Autoreply header");
        }
        for (String name : new String[] {"x-autorespond", "x-autoresponder", "x-autoresponse", "x-mail-autoreply"}) {
            if (headers.has(name)) {
                return yes(name.substring(2) + " header");
            }
        }
        if (precedence.equals("auto_reply") || precedence.equals("auto-reply")) {
            return yes("Precedence: " + precedence);
        }
        if (headers.lower("x-apple-action").equals("vacation")) {
            return yes("X-Apple-Action: vacation");
        }
        if (suppress.contains("oof") || suppress.contains("autoreply")) {
            return yes("X-Auto-Response-Suppress: " + suppress);
        }
        boolean inThread = headers.has("in-reply-to") || headers.has("references");
        if (autoSubmitted.startsWith("auto-generated") && inThread) {
            return yes("Auto-Submitted: " + autoSubmitted + " in answer to a message");
        }
        boolean automatedHeader = autoSubmitted.startsWith("auto-") || precedence.equals("bulk")
                || precedence.equals("junk");
        boolean supporting = automatedHeader || !suppress.isEmpty() || headers.has("x-ms-exchange-inbox-rules-loop");
        if (vacationSubject && (vacationText || supporting || !subjectText.toLowerCase(Locale.ROOT)
                .startsWith("re:"))) {
            return yes("out-of-office subject: " + subjectText);
        }
        if (vacationText && supporting) {
            return yes("vacation wording in an automated message");
        }
        if (automatedHeader) {
            return new Verdict(false, true, automatedExplanation(autoSubmitted, precedence));
        }
        return new Verdict(false, false, null);
    }

    private static String automatedExplanation(String autoSubmitted, String precedence) {
        return autoSubmitted.startsWith("auto-") ? "Auto-Submitted: " + autoSubmitted : "Precedence: " + precedence;
    }

    private static Verdict yes(String explanation) {
        return new Verdict(true, true, explanation);
    }
}
