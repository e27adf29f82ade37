package io.followup.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The jar's entry point: {@code java -jar followup.jar <command>}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        // exit explicitly: pool and server threads must not keep a finished command alive. (During a shutdown
        // started by a signal this call waits for the shutdown hooks, which is what we want.)
        System.exit(io.followup.cli.Main.run(args, out, err, System.getenv()));
    }
}
