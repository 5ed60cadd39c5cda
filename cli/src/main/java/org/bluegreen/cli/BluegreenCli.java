package org.bluegreen.cli;

import org.bluegreen.cli.aws.AwsTarget;
import org.bluegreen.cli.aws.Clients;
import org.bluegreen.cli.command.BootstrapCommand;
import org.bluegreen.cli.command.DoctorCommand;
import org.bluegreen.cli.command.ListCommand;
import org.bluegreen.cli.command.RecoverCommand;
import org.bluegreen.cli.command.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * The {@code bluegreen} command: answers, for one blue/green pair, which user is live ({@code status}), whether
 * the next rotation will work ({@code doctor}) and how to get out of a failed rotation ({@code recover}).
 *
 * <p>Exit status: 0 success; 1 a check failed, recovery is blocked, or an error (the message names what is wrong);
 * 2 a usage error.
 */
@Command(name = "bluegreen", mixinStandardHelpOptions = true, version = "bluegreen-cli 1.0",
        description = "Status, health checks and recovery for a blue/green pair of database secrets.",
        subcommands = {StatusCommand.class, DoctorCommand.class, RecoverCommand.class, ListCommand.class,
                BootstrapCommand.class,
                CommandLine.HelpCommand.class})
public final class BluegreenCli implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;

    private final CliContext context;
    private Clients clients;

    @Spec
    private CommandSpec spec;

    @Option(names = "--region", paramLabel = "REGION", scope = ScopeType.INHERIT,
            description = "AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, or the profile's region).")
    private String region;

    @Option(names = "--profile", paramLabel = "PROFILE", scope = ScopeType.INHERIT,
            description = "AWS profile for credentials and region (default: $AWS_PROFILE, else the SDK's default chain).")
    private String profile;

    public BluegreenCli(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    /** The AWS clients for {@code --region} and {@code --profile}, built on first use. */
    public synchronized Clients clients() {
        if (clients == null) {
            clients = context.aws().connect(new AwsTarget(region, profile));
        }
        return clients;
    }

    /** Runs one command line and returns the exit status; nothing here calls System.exit. */
    public static int run(CliContext context, String... args) {
        CommandLine cli = new CommandLine(new BluegreenCli(context));
        cli.setOut(new PrintWriter(context.out(), true));
        cli.setErr(new PrintWriter(context.err(), true));
        cli.setParameterExceptionHandler(new Suggestions(cli.getParameterExceptionHandler()));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            context.err().println("error: " + describe(e));
            return FAILED;
        });
        return cli.execute(args);
    }

    /** Our own errors say everything in their message; anything else also names its class. */
    private static String describe(Exception e) {
        if (e instanceof CliException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: " + String.join(", ", spec.subcommands().keySet()));
    }
}
