package org.bluegreen.simulator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line, without running a simulation. */
class SimulatorCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulatorCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void helpExplainsEveryOption() {
        assertEquals(0, run("--help"));
        String text = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[]{"--months", "--tasks", "--rate", "--task-start", "--drain", "--min-healthy-percent",
                "--max-percent", "--step-gap", "--seed", "--report", "--strategies", "--jdbc-url", "--admin-user",
                "--admin-password", "Exit status"}) {
            assertTrue(text.contains(option), option + " missing from:\n" + text);
        }
    }

    @Test
    void badOptionsExitWithTwoBeforeAnythingStarts() {
        assertEquals(2, run("--strategies", "bluegreen,nonsense"));
        assertEquals(2, run("--months", "0"));
        assertEquals(2, run("--drain", "five minutes"));
        assertEquals(2, run("--min-healthy-percent", "100", "--max-percent", "100"));
        assertEquals(2, run("--live-session-check", "maybe"));
        assertEquals(2, run("--admin-user", "someone"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("leave no room to replace a task"), errors);
    }

    @Test
    void parseErrorsSayWhatIsAcceptedWithoutJavaTypes() {
        assertEquals(2, run("--strategies", "bluegren"));
        assertEquals(2, run("--start", "2025-13"));
        assertEquals(2, run("--drain", "PT5X"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("unknown strategy 'bluegren' (known: bluegreen, single-user, misfire)"), errors);
        assertTrue(errors.contains("'2025-13' is not a month: give YYYY-MM with a month from 01 to 12, e.g. 2025-01"), errors);
        assertTrue(errors.contains("'PT5X' is not a duration (examples: 90s, 5m, 2h, 1h30m, 1d)"), errors);
        for (String java : new String[]{"Exception", "StrategyKind", "TemporalAccessor", "java.", "MonthOfYear"}) {
            assertTrue(!errors.contains(java), java + " in:\n" + errors);
        }
    }

    @Test
    void aJdbcUrlOfAnotherKindOrNamingMoreThanAMySqlServerIsAUsageError() {
        assertEquals(2, run("--jdbc-url", "jdbc:sqlserver://localhost:1433"));
        assertEquals(2, run("--jdbc-url", "jdbc:mysql://localhost:3306/app", "--admin-user", "root"));
        assertEquals(2, run("--jdbc-url", "jdbc:mariadb://localhost/?sslMode=REQUIRED", "--admin-user", "root"));
        assertEquals(2, run("--jdbc-url", "jdbc:mysql://a,b/", "--admin-user", "root"));
        assertEquals(2, run("--jdbc-url", "jdbc:mysql://localhost:3306/"));
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("neither a PostgreSQL nor a MySQL/MariaDB JDBC URL"), errors);
        assertTrue(errors.contains("names more than the server"), errors);
        assertTrue(errors.contains("needs --admin-user"), errors);
    }

    @Test
    void parsedOptionsBecomeTheConfiguration() {
        SimulatorCommand command = new SimulatorCommand();
        new picocli.CommandLine(command).parseArgs("--months", "2", "--tasks", "6", "--rate", "2", "--drain", "90s",
                "--strategies", "misfire,bluegreen", "--seed", "9", "--live-session-check", "warn");
        SimulationConfig c = command.config();
        assertEquals(2, c.months());
        assertEquals(6, c.tasks());
        assertEquals(java.time.Duration.ofMinutes(30), c.loginInterval());
        assertEquals(java.time.Duration.ofSeconds(90), c.deployment().drain());
        assertEquals(java.util.List.of(org.bluegreen.simulator.strategy.StrategyKind.MISFIRE,
                org.bluegreen.simulator.strategy.StrategyKind.BLUEGREEN), c.strategies());
        assertEquals(9, c.seed());
        assertTrue(!c.liveSessionsFail());
        assertEquals(java.time.YearMonth.of(2025, 1), c.firstMonth());
    }
}
