package org.bluegreen.cli;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.bluegreen.rotator.scenario.BlueGreenPair.BLUE_SECRET;
import static org.bluegreen.rotator.scenario.BlueGreenPair.CLUSTER;
import static org.bluegreen.rotator.scenario.BlueGreenPair.FUNCTION;
import static org.bluegreen.rotator.scenario.BlueGreenPair.GREEN_SECRET;
import static org.bluegreen.rotator.scenario.BlueGreenPair.POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The doctor on a healthy pair, and one case for each FAIL it knows. */
class DoctorTest extends AbstractPairCliTest {

    @Test
    void aHealthyPairPassesEveryCheck() {
        passesEveryCheck(cli, 14);
    }

    /** The doctor passes all {@code count} checks, as text and as JSON, and writes nothing; returns the JSON run. */
    static PairCli.Run passesEveryCheck(PairCli cli, int count) {
        PairCli.Run run = cli.pairCommand("doctor");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("0 FAIL, 0 WARN, " + count + " PASS"), run.out());
        PairCli.Run json = cli.pairCommand("doctor", "--json");
        assertEquals(0, json.exit());
        assertEquals(Boolean.TRUE, json.json().get("ok"));
        for (String check : List.of("secrets", "config", "schedules", "pointer", "login", "grants", "sessions", "services",
                "pending", "tls", "proxy")) {
            assertEquals(List.of("PASS"), levels(json, check).stream().distinct().toList(), check);
        }
        assertEquals(List.of(), Stream.of(run, json).flatMap(r -> r.writes().stream()).toList(), "the doctor changes nothing");
        return json;
    }

    @Test
    void schedulesOnTheSameDayFail() {
        // green was created 15 days after blue: every 15 days from then is blue's next day too
        pair.secrets.enableRotation(GREEN_SECRET, FUNCTION, "rate(15 days)");
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(1, run.exit());
        assertEquals(List.of("FAIL"), levels(run, "schedules"));
        assertTrue(message(run, "schedules").contains("both secrets rotate on 2026-03-31"), message(run, "schedules"));
    }

    @Test
    void twoCronSchedulesOnTheSameDaysFail() {
        pair.secrets.enableRotation(BLUE_SECRET, FUNCTION, "cron(0 2 1 * ? *)");
        pair.secrets.enableRotation(GREEN_SECRET, FUNCTION, "cron(0 6 1 * ? *)");
        assertEquals(List.of("FAIL"), levels(cli.pairCommand("doctor", "--json"), "schedules"));
    }

    @Test
    void aPointerNamingAThirdSlotFails() {
        pair.ssm.putParameter(b -> b.name(POINTER).value("purple").type(ParameterType.STRING).overwrite(true));
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(1, run.exit());
        assertEquals(List.of("FAIL"), levels(run, "pointer"));
        assertTrue(message(run, "pointer").contains("'purple', which names neither slot"), message(run, "pointer"));
    }

    /** The pointer's value is anyone's text: a line break in it shows escaped, never as a report line of its own. */
    @Test
    void aPointerValueWithALineBreakShowsEscaped() {
        pair.ssm.putParameter(b -> b.name(POINTER).value("blue\nPASS forged").type(ParameterType.STRING).overwrite(true));
        PairCli.Run run = cli.pairCommand("doctor");
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("'blue\\nPASS forged', which names neither slot"), run.out());
        assertTrue(run.out().lines().noneMatch(line -> line.contains("PASS forged") && !line.contains("\\nPASS forged")), run.out());
    }

    @Test
    void aUserWhosePasswordIsWrongFails() throws SQLException {
        pair.setPasswordByHand(pair.greenUser);
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(1, run.exit());
        assertEquals(List.of("PASS", "FAIL"), levels(run, "login"));
        assertTrue(run.out().contains("the database rejects the AWSCURRENT password of app-green"), run.out());
    }

    @Test
    void anUnreachableDatabaseIsNamed() {
        String unreachable = pair.secretJson(pair.greenUser, pair.password(GREEN_SECRET, "AWSCURRENT"), null)
                .replace("\"port\":" + pair.db.port(), "\"port\":1");
        pair.secrets.putSecretValue(b -> b.secretId(GREEN_SECRET).secretString(unreachable));
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(1, run.exit());
        assertEquals(List.of("PASS", "FAIL"), levels(run, "login"));
        assertTrue(run.out().contains("cannot log in as '" + pair.greenUser + "' at '127.0.0.1:1/" + pair.db.dbname() + "': Connection to 127.0.0.1:1 refused"),
                run.out());
        assertTrue(message(run, "grants").startsWith("not checked"), message(run, "grants"));
    }

    @Test
    void grantDriftBetweenBlueAndGreenFails() throws SQLException {
        pair.db.asAdmin("CREATE SCHEMA app", "CREATE TABLE app.orders (id serial PRIMARY KEY, total numeric)",
                "GRANT DELETE ON app.orders TO " + pair.greenUser);
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(1, run.exit());
        assertEquals(List.of("FAIL"), levels(run, "grants"));
        assertTrue(message(run, "grants").contains("only '" + pair.greenUser + "': TABLE app.orders: DELETE"), message(run, "grants"));
    }

    @Test
    void aLiveSessionOnTheInactiveUserFails() throws SQLException {
        try (Connection task = pair.db.connect(pair.blueUser, pair.password(BLUE_SECRET, "AWSCURRENT"))) {
            PairCli.Run run = cli.pairCommand("doctor", "--json");
            assertEquals(1, run.exit());
            assertEquals(List.of("FAIL"), levels(run, "sessions"));
            assertTrue(message(run, "sessions").contains("'" + pair.blueUser + "' still has 1 live database session"),
                    message(run, "sessions"));
        }
    }

    @Test
    void aSessionOnTheLiveUserIsFine() throws SQLException {
        try (Connection task = pair.db.connect(pair.greenUser, pair.password(GREEN_SECRET, "AWSCURRENT"))) {
            assertEquals(0, cli.pairCommand("doctor").exit());
        }
    }

    @Test
    void aDeploymentInProgressFails() {
        pair.ecs.updateService(b -> b.cluster(CLUSTER).service("worker").forceNewDeployment(true));
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(1, run.exit());
        assertEquals(List.of("FAIL"), levels(run, "services"));
        assertTrue(message(run, "services").contains("service 'worker' is not steady"), message(run, "services"));
    }

    @Test
    void aStaleAwsPendingFails() {
        String token = UUID.randomUUID().toString();
        pair.secrets.stagePendingVersion(GREEN_SECRET, token);
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(1, run.exit());
        assertEquals(List.of("PASS", "FAIL"), levels(run, "pending"));
        assertTrue(message(run, "pending").contains("version " + token + " of app-green holds AWSPENDING"), message(run, "pending"));
    }

    @Test
    void secretsRotatingWithDifferentFunctionsFail() {
        pair.secrets.enableRotation(GREEN_SECRET, "arn:aws:lambda:us-east-1:123456789012:function:someone-elses", "rate(30 days)");
        assertEquals(List.of("FAIL"), levels(cli.pairCommand("doctor", "--json"), "secrets"));
    }

    @Test
    void secretsWhoseTagsNameDifferentClustersFail() {
        pair.secrets.tagResource(b -> b.secretId(GREEN_SECRET).tags(t -> t.key("bluegreen:cluster").value("staging")));
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(List.of("FAIL"), levels(run, "config"));
        assertTrue(message(run, "config").contains("the function will refuse every step: not a pair (NOT_A_SLOT): secret 'app-blue'"
                + " uses ECS cluster 'prod' but its peer secret 'app-green' uses 'staging'"), message(run, "config"));
    }

    @Test
    void slotTagsThatDoNotNameEachOtherFailAsTheFunctionWouldRefuse() {
        pair.secrets.tagResource(b -> b.secretId(GREEN_SECRET).tags(t -> t.key("bluegreen:peer-secret").value("app-other")));
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(1, run.exit());
        assertEquals(List.of("FAIL"), levels(run, "config"));
        assertTrue(message(run, "config").contains("the function will refuse every step: not a pair (NOT_A_SLOT): secret '" + BLUE_SECRET
                + "': its peer secret 'app-green' names 'app-other' as its peer"), message(run, "config"));
    }

    @Test
    void aSecretWithoutTheTemplatesSlotTagsFails() {
        pair.secrets.untagResource(b -> b.secretId(BLUE_SECRET).tagKeys("bluegreen:username"));
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(List.of("FAIL"), levels(run, "config"));
        assertTrue(message(run, "config").contains("it has no tag bluegreen:username"), message(run, "config"));
    }

    @Test
    void aMissingSecretFailsAndTheChecksThatNeedItSaySo() {
        PairCli.Run run = cli.run("doctor", "--blue", BLUE_SECRET, "--green", "app-nope", "--json");
        assertEquals(1, run.exit());
        assertTrue(message(run, "secrets").contains("secret 'app-nope' does not exist"), message(run, "secrets"));
        assertTrue(message(run, "grants").startsWith("not checked"), message(run, "grants"));
    }

    @Test
    void theTextReportShowsEachFailWithItsFix() {
        pair.ssm.putParameter(b -> b.name(POINTER).value("purple").type(ParameterType.STRING).overwrite(true));
        PairCli.Run run = cli.pairCommand("doctor");
        assertTrue(run.out().contains("FAIL  pointer"), run.out());
        assertTrue(run.out().contains("fix: aws ssm put-parameter --name " + POINTER), run.out());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> checks(PairCli.Run run, String name) {
        return ((List<Map<String, Object>>) run.json().get("checks")).stream()
                .filter(c -> c.get("check").equals(name))
                .toList();
    }

    static List<String> levels(PairCli.Run run, String name) {
        return checks(run, name).stream().map(c -> (String) c.get("status")).toList();
    }

    static String message(PairCli.Run run, String name) {
        return checks(run, name).stream().map(c -> c.get("status") + " " + c.get("message")).collect(Collectors.joining("\n"))
                .replaceFirst("^(PASS|WARN|FAIL) ", "").replaceAll("\n(PASS|WARN|FAIL) ", "\n");
    }
}
