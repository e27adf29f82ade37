package io.followup.inbound.classify;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Lenient transfer-encoding and charset decoding: bad input degrades, it never throws. */
final class TextDecoding {

    private TextDecoding() {
    }

    static byte[] decodeTransfer(byte[] body, String encoding) {
        String name = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
        if (name.equals("base64")) {
            return decodeBase64(body);
        }
        if (name.equals("quoted-printable")) {
            return decodeQuotedPrintable(body);
        }
        return body;
    }

    static byte[] decodeBase64(byte[] body) {
        byte[] clean = new byte[body.length];
        int length = 0;
        for (byte value : body) {
            if ((value >= 'A' && value <= 'Z') || (value >= 'a' && value <= 'z') || (value >= '0' && value <= '9')
                    || value == '+' || value == '/') {
                clean[length++] = value;
            }
        }
        length -= length % 4 == 1 ? 1 : 0;
        try {
            return Base64.getDecoder().decode(ByteBuffer.wrap(padded(clean, length))).array();
        } catch (IllegalArgumentException invalid) {
            return new byte[0];
        }
    }

    private static byte[] padded(byte[] clean, int length) {
        int padding = (4 - length % 4) % 4;
        byte[] result = new byte[length + padding];
        System.arraycopy(clean, 0, result, 0, length);
        for (int index = length; index < result.length; index++) {
            result[index] = '=';
        }
        return result;
    }

    static byte[] decodeQuotedPrintable(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        for (int index = 0; index < body.length; index++) {
            byte value = body[index];
            if (value != '=') {
                out.write(value);
                continue;
            }
            if (index + 1 < body.length && body[index + 1] == '\n') {
                index++;
            } else if (index + 2 < body.length && body[index + 1] == '\r' && body[index + 2] == '\n') {
                index += 2;
            } else if (index + 2 < body.length && hex(body[index + 1]) >= 0 && hex(body[index + 2]) >= 0) {
                out.write(hex(body[index + 1]) * 16 + hex(body[index + 2]));
                index += 2;
            } else {
                out.write(value);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte value) {
        return Character.digit(value, 16);
    }

    /**
     * Decodes with the declared charset; an unknown or wrong one falls back to UTF-8, then Japanese
     * (see {@link #utf8OrLatin1}), then ISO-8859-1. Japanese mail is often labelled wrongly: 7-bit
     * ISO-2022-JP escapes under a Latin label, or 8-bit Shift_JIS under an ISO-2022-JP label; the
     * bytes decide then.
     */
    static String decodeText(byte[] bytes, String charsetName) {
        Charset declared = charset(charsetName);
        if (declared == null || declared.equals(StandardCharsets.US_ASCII)) {
            return utf8OrLatin1(bytes);
        }
        if (hasIso2022JpEscape(bytes) && !declared.name().toLowerCase(Locale.ROOT).contains("2022")) {
            return new String(bytes, ISO_2022_JP);
        }
        String strict = strict(bytes, declared.equals(SHIFT_JIS) ? WINDOWS_31J : declared);
        if (strict != null) {
            return strict;
        }
        String japanese = japanese(bytes);
        return japanese != null ? japanese : new String(bytes, declared);
    }

    /**
     * Text without a usable charset label: ISO-2022-JP when it has that charset's escapes, else UTF-8
     * when the bytes are valid UTF-8, else Shift_JIS or EUC-JP when one of them reads as Japanese
     * (kana, which ISO-8859-1 text does not produce), else ISO-8859-1.
     */
    static String utf8OrLatin1(byte[] bytes) {
        if (hasIso2022JpEscape(bytes)) {
            return new String(bytes, ISO_2022_JP);
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return utf8;
        }
        String japanese = japanese(bytes);
        return japanese != null ? japanese : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static final Charset ISO_2022_JP = Charset.forName("ISO-2022-JP");
    private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Charset EUC_JP = Charset.forName("EUC-JP");
    private static final int MIN_KANA = 2;

    /** True when the bytes hold an ISO-2022-JP switch to JIS X 0208 (ESC $ B or ESC $ @). */
    private static boolean hasIso2022JpEscape(byte[] bytes) {
        for (int index = 0; index + 2 < bytes.length; index++) {
            if (bytes[index] == 0x1B && bytes[index + 1] == '$' && (bytes[index + 2] == 'B' || bytes[index + 2] == '@')) {
                return true;
            }
        }
        return false;
    }

    /** The 8-bit Japanese reading (Shift_JIS as Windows writes it, or EUC-JP) with the most kana; null when none has any. */
    private static String japanese(byte[] bytes) {
        String best = null;
        int bestKana = MIN_KANA - 1;
        for (Charset candidate : new Charset[] {WINDOWS_31J, EUC_JP}) {
            String decoded = strict(bytes, candidate);
            int kana = decoded == null ? 0 : kana(decoded);
            if (kana > bestKana) {
                best = decoded;
                bestKana = kana;
            }
        }
        return best;
    }

    private static int kana(String text) {
        int count = 0;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character >= '\u3041' && character <= '\u30FF') {
                count++;
            }
        }
        return count;
    }

    /** The text when every byte decodes in this charset, else null. */
    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException wrongCharset) {
            return null;
        }
    }

    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String cleaned = name.trim().replace("\"", "").toLowerCase(Locale.ROOT);
        if (cleaned.equals("utf8")) {
            cleaned = "utf-8";
        }
        try {
            return Charset.isSupported(cleaned) ? Charset.forName(cleaned) : null;
        } catch (IllegalArgumentException badName) {
            return null;
        }
    }
}
