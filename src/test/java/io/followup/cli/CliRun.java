package io.followup.cli;

import io.followup.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the command line in-process in a folder holding a configuration; captures output and exit code. */
final class CliRun {

    record Result(int code, String out, String err) {
    }

    static final String CONFIG_HEAD = """
            data_dir: data
            owners:
              - name: Ada Lovelace
                email: ada@example.com
            mailboxes:
              - name: main
                address: ada@example.com
                time_zone: Europe/London
                smtp:
                  host: 127.0.0.1
                  security: plain
                imap:
                  host: 127.0.0.1
                  security: plain
            """;

    private CliRun() {
    }

    /**
     * Writes {@code config/followup.yaml} under {@code base}: {@link #CONFIG_HEAD}, the templates in
     * {@code base/templates} and the sequences in {@code base/config/sequences}, then {@code rest}.
     */
    static void config(Path base, String rest) {
        TestConfigs.write(base.resolve("config/followup.yaml"), CONFIG_HEAD + "templates_dir: "
                + base.resolve("templates") + "\nsequences_dir: " + base.resolve("config/sequences") + "\n" + rest);
    }

    static Result run(Path base, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = base.resolve("config/followup.yaml").toString();
        int code = Main.run(all, new PrintWriter(out), new PrintWriter(err), Map.of());
        return new Result(code, out.toString(), err.toString());
    }
}
