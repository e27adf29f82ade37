package io.followup.inbound.text;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The single-line patterns that recognise separators, client footers, embedded-message
 * banners, header lines and quotes, in the languages followup's users write in.
 * Immutable and thread-safe (compiled patterns only).
 */
final class LineMarkers {

    private static final int MAX_FOOTER_LENGTH = 120;

    private static final Pattern DELIMITER = Pattern.compile("^[ \\t]*[-_,=+~#*\u1427\u2014\u2013]+[ \\t]*$");

    private static final Pattern QUOTE = Pattern.compile("^[ \\t]*(?:>|[A-Za-z]{1,12}>(?=[ \\t>]|$))");

    private static final Pattern CODE_FENCE = Pattern.compile("^[ \\t]*(?:```|~~~)");

    private static final List<Pattern> FOOTERS = compileAll(
            // English mail clients and devices
            "^(?:sent|envoy[ée]|enviado|inviato|verzonden|verstuurd|skickat|sendt|gesendet|wys[lł]ane|wys[lł]ano)"
                    + " (?:from|with|via|using|by|depuis|de|à partir de|a partir de|desde|do|da|con|met|vanaf|van"
                    + "|fr[åa]n|fra|von|mit|z|przez) ",
            "^(?:get|download) \\[?outlook for ",
            "^(?:von|gesendet von|diese nachricht wurde von) (?:meinem|meiner|mein) .*gesendet",
            "^(?:gesendet von meinem|gesendet mit der) ",
            "^(?:envoy[ée] (?:de|depuis|à partir de) mon|enviado desde mi|enviado do meu|enviado de meu|inviato dal mio|inviato da)\\b",
            "^(?:sendt fra min|skickat fr[åa]n min|verzonden vanaf mijn|verstuurd vanaf mijn|verzonden met)\\b",
            "^(?:отправлено с|отправлено из)\\b",
            "^(?:从我的|從我的|发自我的|發自我的).*(?:发送|傳送|iphone|ipad)",
            "(?:iphone|ipad|android|スマートフォン)から送信$");

    /** A few words that only say where the mail was written: "Someone from mobile", "From my iPhone 6". */
    private static final Pattern SHORT_DEVICE_FOOTER = Pattern.compile(
            "\\b(?:from|via) (?:my |a )?(?:mobile|phone|cell|cellphone|smartphone|iphone|ipad|android|blackberry|galaxy|tablet)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final int MAX_SHORT_FOOTER_WORDS = 6;

    private static final Pattern FOOTER_PREFIX = Pattern.compile("^[ \\t]*[(<\\[]*[ \\t]*");

    private static final List<Pattern> BANNERS = compileAll(
            // "-----Original Message-----", "---------- Forwarded message ---------" in any language
            "^[ \\t>*_]*-{2,}[ \\t*_]*[\\p{L}][\\p{L}\\p{N} .'’]{2,60}?[ \\t*_]*-{2,}[ \\t*_]*$",
            "^[ \\t>*_]*(?:original message|forwarded message|begin forwarded message|message d'origine"
                    + "|message transf[ée]r[ée]|d[ée]but du message r[ée]exp[ée]di[ée]|ursprüngliche nachricht"
                    + "|weitergeleitete nachricht|anfang der weitergeleiteten nachricht|mensaje original|mensaje reenviado"
                    + "|inicio del mensaje reenviado|messaggio originale|messaggio inoltrato|oorspronkelijk bericht"
                    + "|doorgestuurd bericht|begin doorgestuurd bericht|mensagem original|mensagem encaminhada"
                    + "|ursprungligt meddelande|vidarebefordrat meddelande|opprinnelig melding|videresendt melding"
                    + "|oprindelig meddelelse|videresendt meddelelse|wiadomo[śs][ćc] oryginalna|исходное сообщение"
                    + "|пересылаемое сообщение)[ \\t*_]*:?[ \\t*_]*$",
            // Outlook's one-line header: "From: x Sent: y To: z Subject: w"
            "^[ \\t*_]*(?:from|von|de|da|van|fr[åa]n|fra|od)[ \\t*_]*:.{1,200}?\\b(?:sent|date|gesendet|datum|envoy[ée]|enviado|inviato|verzonden|skickat|sendt|wys[lł]ano)[ \\t*_]*:.{1,200}?\\b(?:to|an|[àa]|para|aan|till|til|do)[ \\t*_]*:",
            // help-desk markers: "##- Please type your reply above this line -##"
            "(?:reply|write|type|respond)(?: your reply| your response)? above this line",
                        // Horde / webmail "Quoting Someone <x@y>:"
            "^[ \\t>]*(?:quoting|zitat von|citando|citation de|cytowanie)\\s.{1,200}:[ \\t]*$");

    private static final Pattern HEADER = Pattern.compile(
            "^[ \\t]*[*_]*(?:from|sent|to|cc|bcc|subject|date|reply-to|sender"
                    + "|von|gesendet|an|kopie|betreff|datum|antwort an"
                    + "|de|envoy[ée]|[àa]|objet|r[ée]pondre [àa]"
                    + "|enviado|enviada|para|asunto|fecha|responder a|assunto|data"
                    + "|da|inviato|oggetto|rispondi a"
                    + "|van|verzonden|aan|onderwerp|beantwoorden"
                    + "|fr[åa]n|skickat|till|[äa]mne|kopia|fra|sendt|til|emne|dato|kopi"
                    + "|od|wys[lł]ano|wys[lł]ane|do|temat|dw"
                    + "|от|отправлено|кому|тема|дата|копия"
                    + "|kimden|g[öo]nderildi|kime|konu|od|odesl[áa]no|komu|p[řr]edm[ěe]t"
                    + "|felad[óo]|elk[üu]ldve|c[íi]mzett|t[áa]rgy|l[äa]hett[äa]j[äa]|l[äa]hetetty|vastaanottaja|aihe"
                    + "|από|στάλθηκε|προς|θέμα|від|надіслано|보낸 사람|받는 사람|제목|날짜"
                    + "|发件人|发送时间|收件人|主题|抄送|日期|寄件者|收件者|主旨|差出人|送信日時|宛先|件名"
                    + "|de la|trimis|c[ăa]tre|subiect|dari|dikirim|kepada|perihal|tanggal|[šs]alje|poslano|prima|predmet"
                    + "|zadeva|za|enviat|per a|assumpte|nuo|i[šs]si[ųu]sta|kam|изпратено|до|относно|no|nos[ūu]t[īi]ts"
                    + "|t[ēe]ma|saatja|saadetud|adressaat|teema|odoslan[ée]|보낸 날짜|寄件日期)"
                    + "[*_]*[ \\t]*[:：][*_]*(?:[ \\t].*)?$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private LineMarkers() {
    }

    static boolean isEmpty(String line) {
        return line.isBlank();
    }

    static boolean isDelimiter(String line) {
        return DELIMITER.matcher(line).matches();
    }

    static boolean isQuote(String line) {
        return QUOTE.matcher(line).lookingAt();
    }

    static boolean isCodeFence(String line) {
        return CODE_FENCE.matcher(line).lookingAt();
    }

    static boolean isFooter(String line) {
        String trimmed = line.strip();
        if (trimmed.length() > MAX_FOOTER_LENGTH) {
            return false;
        }
        String candidate = FOOTER_PREFIX.matcher(trimmed).replaceFirst("");
        if (FOOTERS.stream().anyMatch(pattern -> pattern.matcher(candidate).find())) {
            return true;
        }
        return candidate.split("\\s+").length <= MAX_SHORT_FOOTER_WORDS
                && SHORT_DEVICE_FOOTER.matcher(candidate).find();
    }

    static boolean isBanner(String line) {
        if (line.length() > 1000) {
            return false;
        }
        return BANNERS.stream().anyMatch(pattern -> pattern.matcher(line).find());
    }

    static boolean isHeader(String line) {
        return line.length() <= 1000 && HEADER.matcher(line).matches();
    }

    private static List<Pattern> compileAll(String... regexes) {
        return Arrays.stream(regexes)
                .map(regex -> Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }
}
