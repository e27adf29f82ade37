package io.followup.inbound.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds and normalizes e-mail addresses in header values and free text. */
final class Addresses {

    static final Pattern ADDRESS = Pattern.compile(
            "(?<![\\w.+%=-])([\\w.!#$%&'*+/=?^`{|}~-]{1,64}@(?:[\\w-]{1,63}\\.)+[A-Za-z][\\w-]{0,62}|"
                    + "[\\w.!#$%&'*+/=?^`{|}~-]{1,64}@\\[[0-9.]{7,15}\\])");

    private Addresses() {
    }

    /** The first address in a header value such as {@code "Name" <a@b.c>}, lower-cased, or null. */
    static String first(String value) {
        if (value == null) {
            return null;
        }
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        if (open >= 0 && close > open) {
            String inside = find(value.substring(open + 1, close));
            if (inside != null) {
                return inside;
            }
        }
        return find(value);
    }

    static String find(String text) {
        Matcher matcher = ADDRESS.matcher(text);
        return matcher.find() ? clean(matcher.group(1)) : null;
    }

    static List<String> all(String text) {
        List<String> addresses = new ArrayList<>();
        Matcher matcher = ADDRESS.matcher(text);
        while (matcher.find()) {
            addresses.add(clean(matcher.group(1)));
        }
        return addresses;
    }

    /** The address of a DSN field such as {@code rfc822; user@host}. */
    static String fromTypedField(String value) {
        int semicolon = value.indexOf(';');
        String address = semicolon >= 0 ? value.substring(semicolon + 1) : value;
        return first(address);
    }

    private static String clean(String address) {
        String trimmed = address.toLowerCase(Locale.ROOT);
        while (trimmed.startsWith(".") || trimmed.startsWith("'")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith(".") || trimmed.endsWith("-")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** True for the local parts mail systems send reports from. */
    static boolean isMailSystem(String address) {
        if (address == null) {
            return false;
        }
        String local = address.substring(0, Math.max(0, address.indexOf('@'))).toLowerCase(Locale.ROOT);
        return local.equals("mailer-daemon") || local.equals("postmaster") || local.equals("post_master") || local.equals("mail-daemon")
                || local.equals("mailerdaemon") || local.startsWith("bounce") || local.equals("mdaemon")
                || local.equals("root") || local.equals("mail") || local.equals("mailer");
    }
}
