package io.followup.cli;

import picocli.CommandLine.Command;

/** The root command: {@code followup <command>}. */
@Command(name = "followup", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Email follow-up automation: send follow-ups, watch for replies, stop or escalate.",
        subcommands = {DemoCommand.class, RunCommand.class, EnrollCommand.class, SequencesCommand.class,
                DbCommand.class, InspectCommand.class, SuppressCommand.class, PauseCommand.class,
                ResumeCommand.class, StopCommand.class, TasksCommand.class, KeepInTouchCommand.class,
                DraftsCommand.class, ScheduleCommand.class, TemplatesCommand.class,
                DigestCommand.class, UsersCommand.class, StatusCommand.class, InboundCommand.class,
                MailboxesCommand.class, ContactsCommand.class})
public final class FollowupCommand extends CommandGroup {

}
