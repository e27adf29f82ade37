package io.followup.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels of the command line: commands that print their own progress keep followup's log to warnings. */
final class Logging {

    private Logging() {
    }

    static void quiet() {
        ((Logger) LoggerFactory.getLogger("io.followup")).setLevel(Level.WARN);
    }
}
