package io.followup.template;

import static io.followup.template.TemplateFiles.aFullModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Templates cannot leave the sandbox: every escape is refused by {@code templates check} with file:line:col and at
 * render time, and nothing it asked for happens; the shipped templates still lint clean and render.
 */
class TemplateSandboxTest {

    @TempDir
    Path parent;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            getClass on a contact field       | Hi $contact.met_at.getClass().getName()         | 3:4  | "getClass" is not allowed
            class property of a map           | Hi $contact.class                               | 3:4  | "class" is not allowed
            forName through a local variable  | #set($s = 'x')$s.getClass().forName('java.lang.Runtime') | 3:15 | "getClass" is not allowed
            evaluate of a contact field       | #evaluate($contact.met_at)                      | 3:1  | #evaluate is not allowed
            define of a block                 | #define($x)$contact.met_at#end$x                | 3:1  | #define is not allowed
            a $class-style tool               | $class.forName('java.lang.Runtime')             | 3:1  | unknown reference $class
            """)
    void anEscapeIsReportedByTemplatesCheckWithFileLineAndColumn(String escape, String line, String position,
            String message) {
        TemplateEngine engine = new TemplateFiles(parent).write("x/escape.vm", "Subject: Hello\n\n" + line + "\n")
                .engine();

        List<String> problems = engine.check().stream().map(TemplateProblem::toString).toList();

        assertThat(problems).as(escape).hasSize(1);
        assertThat(problems.get(0)).as(escape).startsWith("templates/x/escape.vm:" + position + ": ").contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            getClass                  | $contact.met_at.getClass().forName('java.lang.Runtime').getRuntime().exec('touch MARKER') | "getClass" is not allowed
            class property            | $contact.class.forName('java.lang.Runtime').getRuntime().exec('touch MARKER') | "class" is not allowed
            getClass of a local       | #set($s = 'x')$s.getClass().forName('java.lang.Runtime').getRuntime().exec('touch MARKER') | "getClass" is not allowed
            evaluate of a field       | #evaluate($contact.met_at)                 | #evaluate is not allowed
            define                    | #define($x)$contact.met_at#end$x           | #define is not allowed
            evaluate inside a define  | #define($x)#evaluate($contact.met_at)#end$x | is not allowed
            a $class-style tool       | $class.forName('java.lang.Runtime').getRuntime().exec('touch MARKER') | $class is not defined
            getClass of a number      | $step.number.getClass()                    | "getClass" is not allowed
            """)
    void anEscapeIsRefusedAtRenderTimeAndDoesNothing(String escape, String line, String message) throws Exception {
        Path marker = parent.resolve("marker");
        String body = line.replace("MARKER", marker.toString());
        TemplateEngine engine = new TemplateFiles(parent).write("x/escape.vm", "Subject: Hello\n\nHi\n" + body + "\n")
                .engine();
        Map<String, Object> model = aFullModel();
        @SuppressWarnings("unchecked")
        Map<String, Object> contact = new HashMap<>((Map<String, Object>) model.get("contact"));
        contact.put("met_at", "$contact.met_at.getClass().forName('java.lang.Runtime').getRuntime()"
                + ".exec('touch " + marker + "')");
        model.put("contact", contact);

        assertThatThrownBy(() -> engine.render("x/escape", model)).as(escape)
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("templates/x/escape.vm:4:").hasMessageContaining(message);
        assertThat(Files.exists(marker)).as(escape).isFalse();
    }

    @Test
    void aContactFieldThatLooksLikeVelocityIsRenderedAsText() {
        TemplateEngine engine = new TemplateFiles(parent).write("x/field.vm", "Subject: Hello\n\nMet at $contact.met_at\n")
                .engine();
        Map<String, Object> model = aFullModel();
        @SuppressWarnings("unchecked")
        Map<String, Object> contact = new HashMap<>((Map<String, Object>) model.get("contact"));
        contact.put("met_at", "#set($x = 1)$x.getClass()");
        model.put("contact", contact);

        assertThat(engine.render("x/field", model).text()).isEqualTo("Met at #set($x = 1)$x.getClass()\n");
    }

    @Test
    void stringAndMapMethodsStillWork() {
        TemplateEngine engine = new TemplateFiles(parent).write("x/methods.vm", """
                Subject: Hello $contact.first_name.toUpperCase()

                #if($contact.containsKey("company"))$contact.company.length() letters#end
                """).engine();

        RenderedMessage message = engine.render("x/methods", aFullModel());

        assertThat(message.subject()).isEqualTo("Hello MARIA");
        assertThat(message.text()).isEqualTo("9 letters\n");
    }

    @Test
    void theShippedTemplatesLintCleanAndRenderInTheSandbox() {
        TemplateEngine shipped = new TemplateEngine(Path.of("templates"));
        Map<String, Object> model = aFullModel();
        model.put("introducer", Map.of("email", "ivan@example.org", "name", "Ivan Petrov", "first_name", "Ivan"));

        assertThat(shipped.check()).isEmpty();
        assertThat(shipped.names()).isNotEmpty().allSatisfy(name ->
                assertThat(shipped.render(name, model).text()).as(name).isNotBlank());
    }
}
