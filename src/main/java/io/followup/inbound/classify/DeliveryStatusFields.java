package io.followup.inbound.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-recipient fields of an RFC 3464 {@code message/delivery-status} body.
 *
 * @param finalRecipient    the Final-Recipient address (lower case), or null
 * @param originalRecipient the Original-Recipient address (lower case), or null
 * @param action            the Action value in lower case ({@code failed}, {@code delayed}, ...), or empty
 * @param status            the Status value, or empty
 * @param diagnostic        the Diagnostic-Code text, or empty
 */
record DeliveryStatusFields(String finalRecipient, String originalRecipient, String action, String status,
                            String diagnostic) {

    /** True unless the report says the message was delivered, relayed or expanded (RFC 3464 actions). */
    boolean isFailure() {
        if (action.startsWith("delivered") || action.startsWith("relayed") || action.startsWith("expanded")) {
            return false;
        }
        return !status.startsWith("2");
    }

    /** The address the sender used (Original-Recipient, as in RCPT TO), else the Final-Recipient. */
    String address() {
        return originalRecipient != null ? originalRecipient : finalRecipient;
    }

    /** Parses the recipient groups of a delivery-status body; the per-message group is skipped. */
    static List<DeliveryStatusFields> parse(String body) {
        List<DeliveryStatusFields> recipients = new ArrayList<>();
        Builder current = null;
        String lastName = null;
        for (String line : body.split("\n", -1)) {
            if (line.isBlank()) {
                current = finish(current, recipients);
                lastName = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && current != null && lastName != null) {
                current.append(lastName, line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("final-recipient") || name.equals("original-recipient")) {
                if (current != null && current.has(name)) {
                    current = finish(current, recipients);
                }
                if (current == null) {
                    current = new Builder();
                }
            }
            if (current != null) {
                current.set(name, value);
                lastName = name;
            }
        }
        finish(current, recipients);
        return recipients;
    }

    private static Builder finish(Builder builder, List<DeliveryStatusFields> into) {
        if (builder != null && (builder.finalRecipient != null || builder.originalRecipient != null
                || !builder.status.isEmpty())) {
            into.add(builder.build());
        }
        return null;
    }

    private static final class Builder {
        private String finalRecipient;
        private String originalRecipient;
        private String action = "";
        private String status = "";
        private String statusComment = "";
        private final StringBuilder diagnostic = new StringBuilder();
        private String actualRecipient;
        private boolean recipientField;

        boolean has(String name) {
            return name.equals("final-recipient") ? finalRecipient != null : originalRecipient != null;
        }

        void set(String name, String value) {
            if (name.endsWith("-recipient")) {
                recipientField = true;
            }
            switch (name) {
                case "final-recipient" -> finalRecipient = Addresses.fromTypedField(value);
                case "original-recipient" -> originalRecipient = Addresses.fromTypedField(value);
                case "action" -> action = value.toLowerCase(Locale.ROOT);
                case "status" -> {
                    status = value;
                    int comment = value.indexOf('(');
                    if (comment > 0) {
                        statusComment = value.substring(comment);
                    }
                }
                case "diagnostic-code" -> diagnostic.append(stripType(value));
                case "x-actual-recipient" -> actualRecipient = value.toLowerCase(Locale.ROOT).startsWith("rfc822")
                        ? Addresses.fromTypedField(value) : null;
                default -> {
                }
            }
        }

        void append(String name, String continuation) {
            if (name.equals("diagnostic-code")) {
                if (diagnostic.length() > 0 && diagnostic.charAt(diagnostic.length() - 1) == '=') {
                    // A quoted-printable soft line break left in an undecoded part: the line goes on.
                    diagnostic.setLength(diagnostic.length() - 1);
                    diagnostic.append(continuation);
                } else {
                    diagnostic.append(' ').append(continuation);
                }
            }
        }

        /**
         * Final-Recipient, else (procmail or a program named as Final-Recipient) the rfc822
         * X-Actual-Recipient, else, for a group whose recipient field names no address at all, the
         * address the Diagnostic-Code quotes.
         */
        DeliveryStatusFields build() {
            String diagnosticText = diagnostic.toString().trim();
            String finalAddress = finalRecipient;
            if (finalAddress == null && originalRecipient == null) {
                finalAddress = actualRecipient != null ? actualRecipient
                        : recipientField ? Addresses.first(diagnosticText) : null;
            }
            return new DeliveryStatusFields(finalAddress, originalRecipient, action,
                    StatusCodes.find(status) == null ? "" : StatusCodes.find(status),
                    diagnosticText.isEmpty() ? statusComment : diagnosticText);
        }

        private static String stripType(String value) {
            int semicolon = value.indexOf(';');
            return semicolon >= 0 && semicolon < 12 ? value.substring(semicolon + 1).trim() : value;
        }
    }
}
