package org.bluegreen.simulator;

import org.bluegreen.simulator.db.DatabaseServer;
import org.bluegreen.simulator.db.PostgresServer;
import org.bluegreen.simulator.deploy.DeploymentTiming;
import org.bluegreen.simulator.report.ConsoleReport;
import org.bluegreen.simulator.report.HtmlReport;
import org.bluegreen.simulator.report.Progress;
import org.bluegreen.simulator.strategy.StrategyKind;
import org.bluegreen.simulator.time.DurationText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code java -jar bluegreen-simulator.jar}: months of rotations against a real database, in about a minute. */
@Command(name = "bluegreen-simulator", mixinStandardHelpOptions = true, sortOptions = false,
        version = "bluegreen-simulator 1.0",
        description = {
                "Plays months of password rotations against a real database that checks passwords (an embedded"
                        + " PostgreSQL, or your PostgreSQL, MySQL or MariaDB), through the real rotation Lambda code,"
                        + " while a simulated ECS fleet keeps logging in.",
                "",
                "Strategies, side by side:",
                "  bluegreen    ours: two users and a pointer; expect 0 failed logins",
                "  single-user  one user rotated in place, then redeployed",
                "  misfire      ours, with a schedule that also fires the active slot",
                "",
                "Time is simulated and deterministic for a seed; every login is a real JDBC login, counted.",
                ""},
        footer = {"", "Exit status:",
                "  0  all well",
                "  1  a login failed under bluegreen or misfire",
                "  2  bad options",
                "  3  a bluegreen rotation was refused or failed",
                "  4  the simulation itself failed (e.g. the database)"})
public final class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--months", paramLabel = "N", description = "simulated months (default: ${DEFAULT-VALUE})")
    int months = 3;

    @Option(names = "--tasks", paramLabel = "N", description = "tasks of the app's ECS service (default: ${DEFAULT-VALUE})")
    int tasks = 4;

    @Option(names = "--rate", paramLabel = "PER_HOUR", description = "new connections each task opens per simulated"
            + " hour, at a steady pace (default: ${DEFAULT-VALUE}; each is a real login, so this sets the run time)")
    double rate = 0.5;

    @Option(names = "--task-start", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "3m",
            description = "from a deployment's start until its new tasks run and pass health checks (default: ${DEFAULT-VALUE})")
    Duration taskStart;

    @Option(names = "--drain", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "from deregistering an old task until it stops: the load balancer's deregistration delay"
                    + " (default: ${DEFAULT-VALUE})")
    Duration drain;

    @Option(names = "--min-healthy-percent", paramLabel = "PCT", description = "ECS minimumHealthyPercent (default: ${DEFAULT-VALUE})")
    int minHealthyPercent = 100;

    @Option(names = "--max-percent", paramLabel = "PCT", description = "ECS maximumPercent (default: ${DEFAULT-VALUE})")
    int maxPercent = 200;

    @Option(names = "--step-gap", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5s",
            description = "time between two steps of a rotation (default: ${DEFAULT-VALUE})")
    Duration stepGap;

    @Option(names = "--rotation-window", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "4h",
            description = "a rotation starts at a seeded moment within this window after midnight UTC (default: ${DEFAULT-VALUE})")
    Duration rotationWindow;

    @Option(names = "--start", paramLabel = "YYYY-MM", defaultValue = "2025-01", converter = MonthConverter.class, description = "first simulated month (default: ${DEFAULT-VALUE})")
    YearMonth start;

    @Option(names = "--seed", paramLabel = "N", description = "seed for login phases and rotation start times (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--strategies", paramLabel = "LIST", split = ",", converter = StrategyConverter.class,
            description = "comma-separated: bluegreen, single-user, misfire (default: all)")
    List<StrategyKind> strategies = List.of(StrategyKind.BLUEGREEN, StrategyKind.SINGLE_USER, StrategyKind.MISFIRE);

    @Option(names = "--live-session-check", paramLabel = "fail|warn",
            description = "the rotator's LIVE_SESSION_CHECK; tasks hold a session open until they stop (default: ${DEFAULT-VALUE})")
    String liveSessionCheck = "fail";

    @Option(names = "--report", paramLabel = "FILE", description = "HTML report to write (default: ${DEFAULT-VALUE})")
    Path report = Path.of("reports", "bluegreen-simulation.html");

    @Option(names = "--threads", paramLabel = "N", description = "strategies simulated at once (default: ${DEFAULT-VALUE})")
    int threads = 3;

    @Option(names = "--tls", description = "connect with TLS (PostgreSQL: sslmode=require; MySQL/MariaDB: sslMode=REQUIRED);"
            + " about twice the CPU per login")
    boolean tls;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "use this server instead of the embedded PostgreSQL:"
            + " jdbc:postgresql://host:port/database, or jdbc:mysql://host:port/ or jdbc:mariadb://host:port/ (the run"
            + " makes its own database there). It must check passwords over TCP, and the admin must be allowed to"
            + " create users (and, on MySQL/MariaDB, databases)")
    String jdbcUrl;

    @Option(names = "--admin-user", paramLabel = "USER", description = "administrator for --jdbc-url")
    String adminUser;

    @Option(names = "--admin-password", paramLabel = "PASSWORD", defaultValue = "${env:BLUEGREEN_SIM_ADMIN_PASSWORD}",
            description = "password for --admin-user (or set BLUEGREEN_SIM_ADMIN_PASSWORD)")
    String adminPassword;

    private final PrintStream out;
    private final PrintStream err;

    public SimulatorCommand() {
        this(System.out, System.err);
    }

    SimulatorCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    SimulationConfig config() {
        if (!liveSessionCheck.equals("fail") && !liveSessionCheck.equals("warn")) {
            throw new IllegalArgumentException("--live-session-check must be fail or warn");
        }
        return new SimulationConfig(months, tasks, rate,
                new DeploymentTiming(taskStart, drain, minHealthyPercent, maxPercent), stepGap, rotationWindow, start,
                seed, strategies.stream().distinct().toList(), liveSessionCheck.equals("fail"), report, threads);
    }

    @Override
    public Integer call() {
        SimulationConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            err.println("bluegreen-simulator: " + e.getMessage());
            return 2;
        }
        DatabaseServer opened;
        try {
            opened = openDatabase();
        } catch (IllegalArgumentException e) {
            err.println("bluegreen-simulator: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("bluegreen-simulator: could not set up the database: " + describe(e));
            return 4;
        }
        try (DatabaseServer database = opened) {
            // Ctrl-C skips the close below: stop the embedded server (and its processes), or on MySQL/MariaDB drop
            // the run's database and users, on the way out anyway.
            Thread stopOnExit = new Thread(database::close, "stop-database");
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            out.println("Database: " + database.describe());
            out.println("Simulating " + months + " month(s) from " + start + ": " + tasks + " tasks, strategies "
                    + String.join(", ", config.strategies().stream().map(StrategyKind::id).toList())
                    + ", one login per task every " + DurationText.format(config.loginInterval()) + ", seed " + seed);
            Progress progress = new Progress(err, System.console() != null);
            Simulation.Result result = Simulation.run(config, database, progress);
            Path html = HtmlReport.write(result, report);
            out.println("\nTimeline");
            out.print(ConsoleReport.timeline(result));
            out.println("\nSummary (" + DurationText.format(result.wallTime().withNanos(0)) + " wall time)");
            out.print(ConsoleReport.summary(result));
            out.print(ConsoleReport.notes(result));
            out.println("\nReport: " + html.toAbsolutePath().normalize());
            out.println("Rotator logs: " + result.rotatorLogs().get(0).toAbsolutePath().normalize().getParent());
            return exitStatus(result);
        } catch (Exception e) {
            err.println("\nbluegreen-simulator: the simulation failed: " + describe(e));
            return 4;
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }

    private DatabaseServer openDatabase() {
        if (jdbcUrl == null) {
            if (adminUser != null) {
                throw new IllegalArgumentException("--admin-user needs --jdbc-url");
            }
            return PostgresServer.embedded(tls);
        }
        return DatabaseServer.existing(jdbcUrl, adminUser, adminPassword, tls);
    }

    static int exitStatus(Simulation.Result result) {
        boolean failedLogin = result.worlds().stream()
                .filter(w -> w.kind() != StrategyKind.SINGLE_USER)
                .anyMatch(w -> w.loginsFailed() > 0);
        if (failedLogin) {
            return 1;
        }
        boolean incomplete = result.worlds().stream()
                .filter(w -> w.kind() == StrategyKind.BLUEGREEN)
                .anyMatch(w -> w.rotationsRefused() + w.rotationsFailed() > 0);
        return incomplete ? 3 : 0;
    }

    // Converters throw TypeConversionException: picocli then prints our message as it is, not a Java type's name.

    /** Durations as {@code 90s}, {@code 5m}, {@code 1h30m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationText.parse(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (examples: 90s, 5m, 2h, 1h30m, 1d)");
            }
        }
    }

    static final class StrategyConverter implements CommandLine.ITypeConverter<StrategyKind> {
        @Override
        public StrategyKind convert(String value) {
            try {
                return StrategyKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A month as {@code YYYY-MM}. */
    static final class MonthConverter implements CommandLine.ITypeConverter<YearMonth> {
        @Override
        public YearMonth convert(String value) {
            try {
                return YearMonth.parse(value.trim());
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a month: give YYYY-MM with a month from 01 to 12, e.g. 2025-01");
            }
        }
    }

    /** Runs the command with its output (help and errors included) going to the given streams; returns the exit status. */
    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cmd = new CommandLine(new SimulatorCommand(out, err));
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        // One line that says what is wrong and what is accepted, instead of the whole usage text.
        cmd.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("bluegreen-simulator: " + e.getMessage());
            e.getCommandLine().getErr().println("see bluegreen-simulator --help");
            return 2;
        });
        return cmd.execute(args);
    }
}
