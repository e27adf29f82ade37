package io.followup.inbound.classify;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes RFC 2047 encoded words in header values, leniently (bad words stay as they are). */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,40})\\?([bBqQ])\\?([^?\\s]{0,2000})\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("(\\?=)\\s+(=\\?)");

    private EncodedWords() {
    }

    static String decode(String value) {
        if (value == null || !value.contains("=?")) {
            return value;
        }
        String joined = BETWEEN_WORDS.matcher(value).replaceAll("$1$2");
        Matcher matcher = WORD.matcher(joined);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(decodeWord(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String decodeWord(Matcher matcher) {
        String charsetName = matcher.group(1);
        int language = charsetName.indexOf('*');
        if (language >= 0) {
            charsetName = charsetName.substring(0, language);
        }
        byte[] text = matcher.group(3).getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = matcher.group(2).equalsIgnoreCase("b")
                ? TextDecoding.decodeBase64(text)
                : TextDecoding.decodeQuotedPrintable(new String(text, StandardCharsets.ISO_8859_1)
                        .replace('_', ' ').getBytes(StandardCharsets.ISO_8859_1));
        return TextDecoding.decodeText(bytes, charsetName);
    }
}
