package io.followup.inbound.proof;

import io.followup.inbound.classify.HeaderSegments;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code Authentication-Results} header fields (RFC 8601) and decides what the trusted ones say about a
 * message's {@code From} domain. Only fields whose {@code authserv-id} the mailbox trusts are read: anyone can write
 * such a header into a message, and only the receiving server's own (it removes forged copies carrying its id, as
 * RFC 8601 section 5 requires) means anything. Stateless and thread-safe.
 */
public final class AuthenticationResults {

    /** What the trusted results say about the From domain. */
    public enum State {
        /** DMARC passed, or SPF or DKIM passed for a domain aligned with From. */
        PASS,
        /** DMARC failed, or SPF failed and no DKIM signature passed. */
        FAIL,
        /** No trusted result, or none that decides. */
        NONE
    }

    /** The verdict and, for PASS and FAIL, the results that decided it (e.g. {@code dmarc=fail by mx.example.com}). */
    public record Verdict(State state, String detail) {
    }

    /** One method's result, e.g. {@code dkim=pass header.d=example.com}. */
    record MethodResult(String method, String result, Map<String, String> properties) {
    }

    /** One parsed header field. */
    record Field(String authservId, List<MethodResult> results) {
    }

    private AuthenticationResults() {
    }

    /**
     * The verdict of the fields written by a trusted server about {@code fromAddress}'s domain.
     *
     * @param values     the values of the message's top-level Authentication-Results fields
     * @param trustedIds the trusted authserv-ids, lower case (empty: nothing is trusted, the verdict is NONE)
     */
    public static Verdict evaluate(List<String> values, List<String> trustedIds, String fromAddress) {
        if (trustedIds.isEmpty() || values.isEmpty()) {
            return new Verdict(State.NONE, null);
        }
        List<MethodResult> results = new ArrayList<>();
        String by = null;
        for (String value : values) {
            Field field = parse(value);
            if (field != null && trustedIds.contains(field.authservId())) {
                results.addAll(field.results());
                by = field.authservId();
            }
        }
        if (results.isEmpty()) {
            return new Verdict(State.NONE, null);
        }
        String suffix = " per Authentication-Results of " + by;
        for (MethodResult result : results) {
            if (result.method().equals("dmarc") && result.result().equals("fail")) {
                return new Verdict(State.FAIL, "dmarc=fail" + suffix);
            }
        }
        boolean spfFail = results.stream().anyMatch(r -> r.method().equals("spf") && r.result().equals("fail"));
        boolean dkimPass = results.stream().anyMatch(r -> r.method().equals("dkim") && r.result().equals("pass"));
        if (spfFail && !dkimPass) {
            return new Verdict(State.FAIL, "spf=fail and no dkim=pass" + suffix);
        }
        for (MethodResult result : results) {
            if (!result.result().equals("pass")) {
                continue;
            }
            switch (result.method()) {
                case "dmarc" -> {
                    String domain = result.properties().get("header.from");
                    if (domain == null || OrganizationalDomain.aligned(domain, fromAddress)) {
                        return new Verdict(State.PASS, "dmarc=pass" + suffix);
                    }
                }
                case "dkim" -> {
                    String domain = result.properties().getOrDefault("header.d", result.properties().get("header.i"));
                    if (OrganizationalDomain.aligned(domain, fromAddress)) {
                        return new Verdict(State.PASS, "dkim=pass for " + domain + suffix);
                    }
                }
                case "spf" -> {
                    String domain = result.properties().getOrDefault("smtp.mailfrom",
                            result.properties().get("smtp.helo"));
                    if (OrganizationalDomain.aligned(domain, fromAddress)) {
                        return new Verdict(State.PASS, "spf=pass for " + domain + suffix);
                    }
                }
                default -> {
                }
            }
        }
        return new Verdict(State.NONE, null);
    }

    /** One field value, or null when it has no authserv-id. */
    static Field parse(String value) {
        if (value == null) {
            return null;
        }
        List<String> segments = HeaderSegments.split(stripComments(value));
        if (segments.isEmpty()) {
            return null;
        }
        String[] head = segments.get(0).strip().split("\\s+");
        if (head.length == 0 || head[0].isEmpty()) {
            return null;
        }
        List<MethodResult> results = new ArrayList<>();
        for (String segment : segments.subList(1, segments.size())) {
            String[] tokens = segment.strip().replaceAll("\\s*=\\s*", "=").replaceAll("\\s*\\.\\s*", ".")
                    .split("\\s+");
            if (tokens.length == 0 || !tokens[0].contains("=")) {
                continue;
            }
            String[] method = tokens[0].split("=", 2);
            Map<String, String> properties = new HashMap<>();
            for (int i = 1; i < tokens.length; i++) {
                String[] property = tokens[i].split("=", 2);
                if (property.length == 2) {
                    properties.putIfAbsent(property[0].toLowerCase(Locale.ROOT), unquote(property[1]));
                }
            }
            results.add(new MethodResult(method[0].replaceAll("/.*", "").toLowerCase(Locale.ROOT),
                    unquote(method[1]).toLowerCase(Locale.ROOT), properties));
        }
        return new Field(head[0].toLowerCase(Locale.ROOT), results);
    }

    private static String unquote(String value) {
        String text = value.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        int at = text.lastIndexOf('@');
        return at >= 0 ? text.substring(at + 1).toLowerCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
    }

    private static String stripComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
                continue;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
                continue;
            }
            if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
