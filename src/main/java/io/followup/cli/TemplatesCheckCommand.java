package io.followup.cli;

import io.followup.config.AppConfig;
import io.followup.template.TemplateEngine;
import io.followup.template.TemplateProblem;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code followup templates check}: lints every template (syntax, unknown references, missing subject...). Prints
 * one {@code file:line:col: message} line per problem and exits 1, or prints {@code N templates OK}.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Lint every template: syntax, unknown references, missing subject. Problems are printed as "
                + "file:line:col: message (exit 1).")
public final class TemplatesCheckCommand extends DaemonCommand {


    @Override
    public Integer call() {
        AppConfig loaded = config.load(environment).config();
        TemplateEngine engine = new TemplateEngine(loaded.templatesDir());
        List<TemplateProblem> problems = engine.check();
        PrintWriter out = spec.commandLine().getOut();
        problems.forEach(out::println);
        out.flush();
        if (problems.isEmpty()) {
            out.println(engine.names().size() + " templates OK");
            out.flush();
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        long files = problems.stream().map(TemplateProblem::file).distinct().count();
        err.println("followup: " + problems.size() + " problem(s) in " + files + " template file(s)");
        err.flush();
        return 1;
    }
}
