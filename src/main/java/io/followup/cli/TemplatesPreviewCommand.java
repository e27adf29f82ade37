package io.followup.cli;

import io.followup.FollowupException;
import io.followup.app.Daemon;
import io.followup.config.AppConfig;
import io.followup.contact.ContactStore;
import io.followup.sequence.DraftPreview;
import io.followup.sequence.EnrollmentStore;
import io.followup.template.TemplateEngine;
import io.followup.template.TemplateException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code followup templates preview NAME --contact EMAIL [--html]}: renders one template for a stored contact
 * exactly as it would be sent (headers and the text body, or the HTML body). A draft that would be held is an
 * error (exit 1) naming the reason.
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Render a template for a contact exactly as it would be sent: From, To, Subject and the body.")
public final class TemplatesPreviewCommand extends DaemonCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Template name, e.g. met-at-event/thank-you.")
    String name;

    @Option(names = "--contact", required = true, paramLabel = "EMAIL", description = "A stored contact's address.")
    String contact;

    @Option(names = "--html", description = "Print the HTML body instead of the text body.")
    boolean html;

    @Override
    public Integer call() {
        AppConfig loaded = config.load(environment).config();
        DraftPreview.Preview preview;
        try (Daemon daemon = config.openDaemon(environment)) {
            preview = new DraftPreview(daemon.database().jdbi(), daemon.catalog(), loaded.owners(),
                    new TemplateEngine(loaded.templatesDir()), new ContactStore(), new EnrollmentStore())
                    .preview(name, contact);
        } catch (TemplateException held) {
            throw FollowupException.badInput("the draft would be held: " + held.getMessage(), held);
        }
        if (html && preview.html() == null) {
            throw FollowupException.badInput("template " + name + " has no HTML part (" + name + ".html.vm)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("From: " + address(preview.fromName(), preview.fromAddress()));
        out.println("To: " + address(preview.toName(), preview.toAddress()));
        out.println("Subject: " + preview.subject());
        out.println();
        out.print(html ? preview.html() : preview.text());
        out.flush();
        return 0;
    }

    private static String address(String name, String address) {
        if (name == null || name.isBlank()) {
            return address;
        }
        String quoted = name.matches("[\\p{L}\\p{N} '.-]*") ? name : "\"" + name.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"";
        return quoted + " <" + address + ">";
    }
}
