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

    /** Decodes with the declared charset; an unknown or wrong one falls back to UTF-8, then ISO-8859-1. */
    static String decodeText(byte[] bytes, String charsetName) {
        Charset declared = charset(charsetName);
        if (declared != null && !declared.equals(StandardCharsets.US_ASCII)) {
            return new String(bytes, declared);
        }
        return utf8OrLatin1(bytes);
    }

    static String utf8OrLatin1(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
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
