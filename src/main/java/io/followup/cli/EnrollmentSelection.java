package io.followup.cli;

import io.followup.sequence.EnrollmentControl;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --enrollment ID | --sequence NAME | --all}: which enrollments pause, resume and stop act on. */
public final class EnrollmentSelection {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {

        @Option(names = "--enrollment", paramLabel = "ID", description = "One enrollment.")
        Long enrollment;

        @Option(names = "--sequence", paramLabel = "NAME", description = "Every live enrollment of a sequence.")
        String sequence;

        @Option(names = "--all", description = "Every live enrollment.")
        boolean all;
    }

    EnrollmentControl.Target target() {
        if (choice.enrollment != null) {
            return new EnrollmentControl.Target.One(choice.enrollment);
        }
        if (choice.sequence != null) {
            return new EnrollmentControl.Target.Sequence(choice.sequence);
        }
        return new EnrollmentControl.Target.All();
    }
}
