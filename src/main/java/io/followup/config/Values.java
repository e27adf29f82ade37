package io.followup.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts scalar configuration values (durations, ports, addresses, time zones...) and fails
 * with {@code file:line: path: expected ..., got "..."}. Stateless and thread-safe.
 */
public final class Values {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d|w|y)");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private Values() {
    }

    /** A positive duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT30S}. */
    public static Duration duration(Node node) {
        String expectation = "a positive duration such as 500ms, 30s, 5m, 2h, 1d, 2w, 1y or PT30S";
        String text = node.text(expectation).strip();
        Duration duration = null;
        Matcher matcher = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "w" -> Duration.ofDays(7 * amount);
                case "y" -> Duration.ofDays(365 * amount);
                default -> Duration.ofDays(amount);
            };
        } else if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException notIso) {
                duration = null;
            }
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw node.expected(expectation);
        }
        return duration;
    }

    /**
     * One constant of {@code type}, written in lower case in YAML ({@code header} for {@code HEADER}); the match is
     * case-insensitive.
     */
    public static <E extends Enum<E>> E constant(Node node, Class<E> type, String expectation) {
        String text = node.nonBlank(expectation).strip().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw node.expected(expectation);
    }

    /** A whole number between {@code min} and {@code max}. */
    public static int integer(Node node, int min, int max, String expectation) {
        String text = node.text(expectation).strip();
        if (!DIGITS.matcher(text).matches()) {
            throw node.expected(expectation);
        }
        int number = Integer.parseInt(text);
        if (number < min || number > max) {
            throw node.expected(expectation);
        }
        return number;
    }

    /** A TCP port, 1..65535. */
    public static int port(Node node) {
        return integer(node, 1, 65535, "a port number 1-65535");
    }

    /** {@code plain}, {@code starttls} or {@code ssl}, ignoring case. */
    public static Security security(Node node) {
        String expectation = "plain, starttls or ssl";
        String text = node.text(expectation).strip().toLowerCase(Locale.ROOT);
        for (Security security : Security.values()) {
            if (security.configName().equals(text)) {
                return security;
            }
        }
        throw node.expected(expectation);
    }

    /** A bare email address ({@code ada@example.com}), checked with a strict RFC 822 parse. */
    public static String email(Node node) {
        String expectation = "an email address such as ada@example.com";
        String text = node.text(expectation).strip();
        try {
            InternetAddress address = new InternetAddress(text, true);
            address.validate();
            String parsed = address.getAddress();
            int at = parsed.lastIndexOf('@');
            if (address.getPersonal() != null || !parsed.equals(text) || at <= 0 || at == parsed.length() - 1) {
                throw node.expected(expectation);
            }
            return parsed;
        } catch (AddressException invalid) {
            throw node.expected(expectation);
        }
    }

    /** An IANA time zone id such as {@code Europe/London}, or {@code UTC}. */
    public static ZoneId zone(Node node) {
        String expectation = "an IANA time zone such as Europe/London or UTC";
        String text = node.text(expectation).strip();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException unknown) {
            throw node.expected(expectation);
        }
    }
}
