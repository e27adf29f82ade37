package io.followup.inbound.classify;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A parsed Content-Type (or Content-Disposition) value: lower-case type and parameters. */
record ContentType(String mimeType, Map<String, String> parameters) {

    static final ContentType TEXT_PLAIN = new ContentType("text/plain", Map.of());

    static ContentType parse(String value, ContentType fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String[] pieces = HeaderSegments.split(value).toArray(String[]::new);
        String type = pieces[0].trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        if (type.indexOf('/') < 1) {
            type = fallback.mimeType();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int index = 1; index < pieces.length; index++) {
            String piece = pieces[index];
            int equals = piece.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = piece.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String parameterValue = piece.substring(equals + 1).trim();
            if (parameterValue.length() >= 2 && parameterValue.startsWith("\"") && parameterValue.endsWith("\"")) {
                parameterValue = parameterValue.substring(1, parameterValue.length() - 1).replace("\\\"", "\"");
            } else if (parameterValue.startsWith("\"")) {
                parameterValue = parameterValue.substring(1);
            }
            name = name.replaceAll("\\*\\d*\\*?$", "");
            parameters.putIfAbsent(name, parameterValue);
        }
        return new ContentType(type, Map.copyOf(parameters));
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    boolean is(String type) {
        return mimeType.equals(type);
    }

    boolean isMultipart() {
        return mimeType.startsWith("multipart/");
    }
}
