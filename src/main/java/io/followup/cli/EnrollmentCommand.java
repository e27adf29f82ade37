package io.followup.cli;

import io.followup.sequence.EnrollmentControl;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ParameterException;

/**
 * What pause, resume and stop share: the {@link EnrollmentSelection} they act on, the change applied through
 * {@link EnrollmentControl} with the cause {@code cli <verb>}, and {@code --everything}, which pause and resume turn
 * into the stop switch and stop refuses. One instance per command line; not thread-safe.
 */
abstract class EnrollmentCommand extends DaemonCommand {

    /** A change of the selected enrollments, as {@link EnrollmentControl#pause} and its siblings. */
    @FunctionalInterface
    interface Change {
        EnrollmentControl.Outcome apply(EnrollmentControl control, EnrollmentControl.Target target, String cause);
    }

    /** What {@code --everything} does with the stop switch. */
    enum StopSwitchUse {
        STOP, RESUME, REFUSED
    }

    /**
     * What a command does.
     *
     * @param verb           the command's name ({@code pause}), also in the cause recorded
     * @param done           what happened to the changed ones ({@code paused})
     * @param unchangedState why the others did not change ({@code not active})
     * @param change         the change of the selected enrollments
     * @param everything     what {@code --everything} does
     */
    record Action(String verb, String done, String unchangedState, Change change, StopSwitchUse everything) {
    }

    /** An argument group, not a mixin: picocli lists a mixin's group options twice in the help. */
    @ArgGroup(exclusive = true, multiplicity = "1")
    EnrollmentSelection selection;

    private final Action action;

    EnrollmentCommand(Action action) {
        this.action = action;
    }

    @Override
    public final Integer call() {
        String cause = "cli " + action.verb();
        if (selection.everything()) {
            if (action.everything() == StopSwitchUse.REFUSED) {
                throw new ParameterException(spec.commandLine(), "--everything: stopping all mail is 'followup "
                        + "pause --everything' (undone by resume --everything)");
            }
            return selection.stopSwitch(spec, config, environment, action.everything() == StopSwitchUse.STOP, cause);
        }
        return selection.apply(spec, config, environment, action.done(), action.unchangedState(),
                (control, target) -> action.change().apply(control, target, cause));
    }
}
