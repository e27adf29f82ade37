package io.followup.cli;

import io.followup.approval.Decision;
import io.followup.approval.DraftSummary;
import io.followup.outbox.OutboundMessage;
import java.io.PrintWriter;
import java.util.List;

/** Formats drafts for the terminal. Stateless. */
final class DraftPrinter {

    private DraftPrinter() {
    }

    /** {@code #ID  STATE  tier N  DUE  TO  SEQUENCE step N  "SUBJECT"  (NOTE)}. */
    static String line(DraftSummary draft) {
        return String.format("#%-6d %-16s tier %d  %s  %s  %s step %d  %s%s", draft.id(), draft.state().db(),
                draft.tier(), draft.due(), draft.toAddress(), draft.sequence(), draft.stepNo(),
                draft.subject() == null ? "(no subject)" : "\"" + draft.subject() + "\"",
                draft.note() == null ? "" : "  (" + oneLine(draft.note()) + ")")
                + (draft.snoozedUntil() == null ? "" : "  [snoozed until " + draft.snoozedUntil() + "]");
    }

    static void print(PrintWriter out, OutboundMessage draft, List<Decision> decisions) {
        out.printf("draft #%d  %s  enrollment #%d step %d  template %s%n", draft.id(), draft.state().db(),
                draft.enrollmentId(), draft.stepNo(), draft.template());
        if (draft.holdReason() != null) {
            out.println("Held: " + oneLine(draft.holdReason()));
        }
        if (draft.lastError() != null) {
            out.println("Last error: " + oneLine(draft.lastError()));
        }
        out.println("From: " + address(draft.fromName(), draft.fromAddress()));
        out.println("To: " + address(draft.toName(), draft.toAddress()));
        out.println("Subject: " + (draft.subject() == null ? "" : draft.subject()));
        out.println("Message-ID: " + draft.messageId());
        if (draft.inReplyTo() != null) {
            out.println("In-Reply-To: " + draft.inReplyTo());
        }
        if (draft.referencesHeader() != null) {
            out.println("References: " + draft.referencesHeader());
        }
        out.println();
        out.println("----- text -----");
        out.println(draft.bodyText() == null ? "(none)" : draft.bodyText());
        out.println("----- html -----");
        out.println(draft.bodyHtml() == null ? "(none)" : draft.bodyHtml());
        if (!decisions.isEmpty()) {
            out.println("----- decisions -----");
            for (Decision decision : decisions) {
                out.printf("%s  %s by %s (%s -> %s)%s%s%n", decision.decidedAt(), decision.kind(),
                        decision.decidedBy(), decision.oldState().db(), decision.newState().db(),
                        decision.changes() == null ? "" : ": " + decision.changes(),
                        decision.reason() == null ? "" : ": " + oneLine(decision.reason()));
            }
        }
    }

    private static String address(String name, String address) {
        return name == null || name.isBlank() ? address : name + " <" + address + ">";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
