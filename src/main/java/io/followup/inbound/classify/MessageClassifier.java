package io.followup.inbound.classify;
import jakarta.mail.*; import jakarta.mail.internet.*; import java.util.*;
/** PLACEHOLDER until the classify branch is merged. */
public final class MessageClassifier {
    public InboundAnalysis classify(byte[] raw) {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(raw));
            List<String> refs = new ArrayList<>();
            for (String h : new String[]{"In-Reply-To", "References"}) { String v = m.getHeader(h, " "); if (v != null) { java.util.regex.Matcher x = java.util.regex.Pattern.compile("<[^<>\\s]+>").matcher(v); while (x.find()) refs.add(x.group()); } }
            String from = m.getFrom() == null ? null : ((InternetAddress) m.getFrom()[0]).getAddress().toLowerCase();
            Object c = m.getContent();
            return new InboundAnalysis(m.getHeader("Auto-Submitted") != null ? MessageKind.AUTO_REPLY : MessageKind.HUMAN_REPLY, m.getMessageID(), from, m.getSubject(), m.getSentDate() == null ? null : m.getSentDate().toInstant(), List.of(), null, c instanceof String s ? s : "", refs, null, "placeholder");
        } catch (Exception e) { return new InboundAnalysis(MessageKind.OTHER, null, null, null, null, List.of(), null, "", List.of(), e.toString(), "error"); }
    }
}
