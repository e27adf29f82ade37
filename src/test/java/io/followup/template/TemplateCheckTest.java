package io.followup.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCheckTest {

    @TempDir
    Path parent;

    private static List<String> lines(List<TemplateProblem> problems) {
        return problems.stream().map(TemplateProblem::toString).toList();
    }

    @Test
    void checkReportsMissingSubjectUnknownRootAndSyntaxErrorsWithFileLineAndColumn() {
        TemplateEngine engine = new TemplateFiles(parent)
                .write("lint/good.vm", """
                        ## a first touch
                        Subject: Hi $contact.first_name

                        Hello $contact.first_name#if($contact.company) at $contact.company#end,
                        #foreach($line in ["one", "two"])
                        - $line
                        #end
                        #set($closing = "Best")
                        $closing,
                        $sender.name
                        """)
                .write("lint/good.html.vm", "<p>Hello $contact.first_name,</p>\n")
                .write("lint/no-subject.vm", """
                        Hi $contact.first_name,

                        Thanks.
                        """)
                .write("lint/typo.vm", """
                        Subject: Hello

                        Hi $contact.first_name,
                        Regards from $contct.name
                        """)
                .write("lint/broken.vm", """
                        Subject: Hello

                        #if($contact.company
                        Hi.
                        """)
                .engine();

        assertThat(lines(engine.check())).containsExactly(
                "templates/lint/broken.vm:4:1: syntax error: unexpected \"Hi\"",
                "templates/lint/no-subject.vm:1: missing \"Subject:\" header: the lines before the first blank line are headers",
                "templates/lint/typo.vm:4:14: unknown reference $contct.name: known roots are contact, sender, owner, introducer, step, unsubscribe_url");
    }

    @Test
    void checkReportsHeaderProblemsEmptyBodiesMisspelledKeysUnknownDirectivesAndOrphanHtml() {
        TemplateEngine engine = new TemplateFiles(parent)
                .write("lint/dup.vm", "Subject: A\nSubject: B\n\nBody\n")
                .write("lint/header.vm", "Subject: A\nFrom: someone@example.com\n\nBody\n")
                .write("lint/empty.vm", "Subject: A\n\n\n")
                .write("lint/keys.vm", """
                        Subject: Hi $sender.nmae

                        Hi $contact.firstName and $contact.frist_name, custom $contact.met_at
                        Step $step.count of $step.total #foo() #parse("other.vm")
                        $contact
                        #if($introducer) via $introducer.first_name#end
                        """)
                .write("lint/orphan.html.vm", "<p>Hi</p>\n")
                .write("lint/subject.vm", "Subject: Hi #if($contact.company\n\nBody\n")
                .write("lint/html.vm", "Subject: Hi\n\nBody\n")
                .write("lint/html.html.vm", "<p>Hi</p>\n<p>$sender.phone</p>\n")
                .engine();

        assertThat(lines(engine.check())).containsExactly(
                "templates/lint/dup.vm:2:1: duplicate Subject header (first on line 1)",
                "templates/lint/empty.vm:3: empty body",
                "templates/lint/header.vm:2:1: unknown header \"From\": only Subject is supported",
                "templates/lint/html.html.vm:2:4: unknown key \"phone\" in $sender.phone: $sender has email, name",
                "templates/lint/keys.vm:1:13: unknown key \"nmae\" in $sender.nmae: $sender has email, name",
                "templates/lint/keys.vm:3:4: keys of $contact are snake_case: $contact.firstName should use \"first_name\"",
                "templates/lint/keys.vm:3:27: unknown key \"frist_name\" in $contact.frist_name: did you mean \"first_name\"?",
                "templates/lint/keys.vm:4:6: unknown key \"count\" in $step.count: $step has number, total",
                "templates/lint/keys.vm:4:33: unknown directive or macro #foo (write \\#foo for a literal '#')",
                "templates/lint/keys.vm:4:40: #parse is not supported: each template must be self-contained",
                "templates/lint/keys.vm:5:1: $contact is a map: render one of its keys, e.g. $contact.first_name",
                "templates/lint/orphan.html.vm: HTML body without a text template (expected a sibling .vm file with the Subject)",
                "templates/lint/subject.vm:1:33: syntax error: unexpected end of text (is an #end or a ')' missing?)");
    }

    @Test
    void aDirectoryOfGoodTemplatesHasNoProblems() {
        TemplateEngine engine = new TemplateFiles(parent)
                .write("a/one.vm", "Subject: One\n\n#macro(greet $who)Hi $who#end\n#greet($contact.first_name),\n")
                .write("b/two.vm", "Subject: Two for $contact.company\n\nStep $step.number of $step.total, $!unsubscribe_url\n")
                .engine();

        assertThat(engine.check()).isEmpty();
    }
}
