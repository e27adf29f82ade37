package io.followup.inbound.proof;

import java.util.Locale;
import java.util.Set;

/**
 * The organisational domain of a host name (the registrable domain: {@code mail.eu.example.co.uk} →
 * {@code example.co.uk}), as DMARC alignment uses it, and alignment of two domains by it.
 *
 * <p>Limits: this is not the Public Suffix List. It knows the generic rule (the last two labels) and a short list
 * of two-label public suffixes in common use ({@code co.uk}, {@code com.au}, {@code co.jp}...); it does not know
 * private suffixes such as {@code github.io} or {@code blogspot.com}, so two different customers of such a host
 * count as aligned, and a country whose second-level suffixes are missing here counts every sub-domain of that
 * suffix as one organisation. Both errors make alignment more lenient, never stricter. Stateless and thread-safe.
 */
public final class OrganizationalDomain {

    private static final Set<String> TWO_LABEL_SUFFIXES = Set.of(
            "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "sch.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "net.nz", "govt.nz",
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr", "com.br", "net.br", "org.br", "gov.br",
            "com.cn", "net.cn", "org.cn", "gov.cn", "com.hk", "com.tw", "com.sg", "com.my", "co.in", "net.in",
            "org.in", "gov.in", "co.za", "org.za", "com.mx", "com.ar", "com.tr", "com.pl", "co.il", "org.il",
            "com.ua", "co.id", "co.th", "com.vn", "com.ph", "com.pk", "com.eg", "com.sa", "com.co", "com.pe",
            "co.at", "or.at", "gv.at", "com.es", "com.pt", "com.gr", "co.hu", "com.ru", "com.de");

    private OrganizationalDomain() {
    }

    /** The organisational domain of a host name or of an address's domain, lower case; null for null/blank. */
    public static String of(String hostOrAddress) {
        if (hostOrAddress == null) {
            return null;
        }
        String host = hostOrAddress.strip().toLowerCase(Locale.ROOT);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        String[] labels = host.split("\\.");
        if (labels.length <= 2) {
            return host;
        }
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        int keep = TWO_LABEL_SUFFIXES.contains(lastTwo) ? 3 : 2;
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }

    /** True when both (hosts or addresses) have the same organisational domain; false when either is missing. */
    public static boolean aligned(String first, String second) {
        String a = of(first);
        return a != null && a.equals(of(second));
    }
}
