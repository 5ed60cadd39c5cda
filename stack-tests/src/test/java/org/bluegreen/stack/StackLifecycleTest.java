package org.bluegreen.stack;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.LambdaJava;
import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.FakeLambda;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import org.bluegreen.testkit.aws.LocalAwsEndpoint;
import org.bluegreen.testkit.aws.MutableClock;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PasswordCheckingPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path a user walks (docs/deployment.md), on the stack CloudFormation would make of template.yaml: the template
 * through the real SAM translator for a parameter set ({@link SamTranslator}), its resources stood up on the fakes
 * through their service APIs from the translated properties ({@link StackOnFakes}), the function being the built
 * Lambda jar run in a child JVM with the translated handler, runtime and environment ({@link StackFunctions}),
 * the operator CLI being the built jar run as the guide prints it, the database a password-checking PostgreSQL
 * whose users sql/postgresql/setup.sql made, reached through an endpoint of its own ({@link TcpForwarder}) so the
 * stack can move it. After every step: logins (old password rejected, new accepted), secret stages, the pointer,
 * the services' deployments. Each step's time is printed (a figure, not an assertion).
 */
class StackLifecycleTest {

    private static final String APP = "myapp";
    private static final String BLUE = "myapp/db/blue";
    private static final String GREEN = "myapp/db/green";
    private static final String POINTER = "/bluegreen/myapp/active-slot";
    private static final String CLUSTER = "prod";
    private static final String CLI_JAR = "cli/target/bluegreen-cli.jar";
    private static final String LAMBDA_JAR = "rotator/target/bluegreen-rotator-lambda.jar";
    private static final PasswordCheckingPostgres PG = PasswordCheckingPostgres.shared();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
    private final FakeSecretsManager secrets = new FakeSecretsManager(clock);
    private final FakeSsm ssm = new FakeSsm(clock);
    private final FakeEcs ecs = new FakeEcs(clock);
    private final FakeLambda lambda = new FakeLambda(clock);
    private final Map<String, Long> timings = new LinkedHashMap<>();

    @Test
    void adminModeFromDeployThroughUpdatesToDelete(@TempDir Path dir) throws Exception {
        builtJar(LAMBDA_JAR);
        builtJar(CLI_JAR);
        try (PasswordCheckingPostgres.Scope scope = PG.scope();
             LocalAwsEndpoint aws = new LocalAwsEndpoint(secrets, ssm, ecs, lambda);
             TcpForwarder firstEndpoint = new TcpForwarder(PG.port())) {
            // ---- what exists before the stack: the database and its users (setup.sql), the admin secret, the services
            Database database = databaseWithSetupUsers(scope);
            String db = database.name();
            String blueUser = database.blueUser();
            String greenUser = database.greenUser();
            String admin = DbNames.unique("rdsadmin");
            String adminPassword = password();
            scope.createLoginRole(admin, adminPassword, "CREATEROLE");
            // An RDS-managed master secret holds username and password only (the function pins DbHost:DbPort).
            String adminArn = secrets.createSecret("rds!db-" + DbNames.unique("x"), JSON.std.asString(adminSecret(admin, adminPassword)));
            List<String> services = new ArrayList<>(List.of("web", "worker"));
            services.forEach(s -> ecs.createService(CLUSTER, s, 2));
            clock.advance(Duration.ofDays(1)); // the services ran before the stack existed

            StackFunctions functions = functionsInvokedBySecretsManager(dir, aws);
            Map<String, Object> parameters = new LinkedHashMap<>(Map.of(
                    "AppName", APP, "DbEngine", "postgres", "DbHost", "127.0.0.1",
                    "DbPort", String.valueOf(firstEndpoint.port()), "DbName", db,
                    "BlueUsername", blueUser, "GreenUsername", greenUser, "MasterSecretArn", adminArn,
                    "InitialActiveSlot", "green", "CreateActiveSecret", "true"));
            parameters.putAll(Map.of("EcsClusterName", CLUSTER, "EcsServiceArns", serviceArns(services),
                    "VpcSubnetIds", "subnet-0a1b2c3d", "VpcSecurityGroupIds", "sg-0a1b2c3d",
                    "AlarmTopicArn", "arn:aws:sns:us-east-1:123456789012:bluegreen-alerts"));

            // ---- 4. deploy: the schedules' configuration test runs testSecret only, on a copy of the current value
            StackOnFakes stack = new StackOnFakes("myapp-bluegreen", secrets, ssm, functions);
            StackTemplate created = timed("translate (admin mode, CreateActiveSecret=true)",
                    () -> translate(parameters));
            timed("deploy: create the stack (configuration test of both schedules)", () -> {
                stack.create(created);
                return null;
            });
            assertStackAsTranslated(created, stack, functions);
            for (String secret : List.of(BLUE, GREEN)) {
                assertEquals(1, secrets.versionStages(secret).size(), secret + ": the test version is gone again");
            }
            List<StackFunctions.Invocation> configurationTest = functions.invocations();
            assertEquals(List.of("testSecret", "testSecret"), configurationTest.stream().map(StackFunctions.Invocation::step).toList());
            String scheduledArn = (String) stack.properties("BlueRotation").get("RotationLambdaARN");
            configurationTest.forEach(i -> assertEquals(0, i.run().exitCode(), i.run().both()));
            configurationTest.forEach(i -> assertTrue(i.run().stdout().contains("bootstrap"),
                    "the configuration test warns that bootstrap has not run: " + i.run().stdout()));
            report("deploy", "Secrets Manager invokes " + scheduledArn + " with " + functions.configurationFor(scheduledArn).environment());
            String bluePassword = current(BLUE).get("password").toString();
            String greenPassword = current(GREEN).get("password").toString();
            assertFalse(logsIn(db, blueUser, bluePassword), "setup.sql gave the users no password; bootstrap sets them");
            assertPointer("green", 1);

            // ---- 5. bootstrap, exactly as the guide prints it
            Map<String, String> cliEnv = cliEnvironment(aws);
            Shell.Result plan = timed("bootstrap (plan)", () -> cli(cliEnv, "bootstrap", "--blue", BLUE, "--green", GREEN));
            assertEquals(0, plan.exit(), plan.all());
            assertTrue(plan.stdout().contains("Run again with --yes"), plan.all());
            assertFalse(logsIn(db, blueUser, bluePassword), "the plan changes nothing");
            Shell.Result apply = timed("bootstrap --yes", () -> cli(cliEnv, "bootstrap", "--blue", BLUE, "--green", GREEN, "--yes"));
            assertEquals(0, apply.exit(), apply.all());
            assertTrue(logsIn(db, blueUser, bluePassword) && logsIn(db, greenUser, greenPassword), apply.all());
            Map<String, Object> completed = current(BLUE);
            assertEquals(List.of("postgres", "127.0.0.1", firstEndpoint.port(), db, blueUser, adminArn),
                    List.of(completed.get("engine"), completed.get("host"), ((Number) completed.get("port")).intValue(),
                            completed.get("dbname"), completed.get("username"), completed.get("masterarn")),
                    "bootstrap completed the secret with the stack's connection fields");
            assertSame(bluePassword, completed.get("password"), "and kept its password");
            assertNoSecretIn(plan.all() + apply.all(), bluePassword, greenPassword, adminPassword);

            // ---- 5.1 redeploy the services, wait until steady
            timed("redeploy the services", () -> {
                redeploy(services);
                return null;
            });
            // ---- 5.2 rotate the slot the pointer does not name
            rotate("rotate blue", BLUE, "blue", 2, db, blueUser, services, functions, scheduledArn);
            assertEquals(blueUser, current(APP + "/db/active").get("username"), "the active secret names the active slot's user");
            assertSame(current(BLUE).get("password"), current(APP + "/db/active").get("password"),
                    "the active secret holds the active slot's password");
            assertTrue(logsIn(db, greenUser, greenPassword), "green, serving the app, is untouched");

            // ---- 7. check that rotation is on: status, doctor, list (docs/cli.md), verbatim
            Shell.Result status = timed("status", () -> cli(cliEnv, "status", "--blue", BLUE, "--green", GREEN));
            assertEquals(0, status.exit(), status.all());
            assertTrue(status.stdout().contains("blue"), status.all());
            Shell.Result doctor = timed("doctor", () -> cli(cliEnv, "doctor", "--blue", BLUE, "--green", GREEN));
            assertEquals(0, doctor.exit(), doctor.all());
            Shell.Result list = timed("list", () -> cli(cliEnv, "list"));
            assertEquals(0, list.exit(), list.all());
            assertTrue(list.stdout().contains(POINTER) && list.stdout().contains(BLUE) && list.stdout().contains(GREEN), list.all());

            clock.advance(Duration.ofDays(14));
            rotate("rotate green", GREEN, "green", 3, db, greenUser, services, functions, scheduledArn);

            // ---- a stack update that adds a service
            services.add("reports");
            ecs.createService(CLUSTER, "reports", 1);
            clock.advance(Duration.ofDays(1));
            Map<String, Object> withService = new LinkedHashMap<>(parameters);
            withService.put("EcsServiceArns", serviceArns(services));
            StackTemplate addService = timed("translate (a third service)", () -> translate(withService));
            String invokedBefore = (String) stack.properties("BlueRotation").get("RotationLambdaARN");
            Map<String, String> envBefore = functions.configurationFor(invokedBefore).environment();
            Map<String, Object> secretsBefore = secretStates();
            Object generateBefore = stack.properties("BlueSecret").get("GenerateSecretString");
            List<String> update1 = timed("stack update: add a service", () -> stack.update(addService));
            String invokedAfter = (String) stack.properties("BlueRotation").get("RotationLambdaARN");
            Map<String, String> envAfter = functions.configurationFor(invokedAfter).environment();
            report("update: add a service", "resource operations " + update1);
            report("update: add a service", "before: Secrets Manager invoked " + invokedBefore + " with ECS_SERVICES="
                    + envBefore.get("ECS_SERVICES") + "; after: " + invokedAfter + " with ECS_SERVICES=" + envAfter.get("ECS_SERVICES"));
            assertEquals(generateBefore, stack.properties("BlueSecret").get("GenerateSecretString"),
                    "the translated GenerateSecretString is the same after the update");
            assertEquals(secretsBefore, secretStates(), "the update changed no secret value or label");
            assertTrue(!invokedAfter.endsWith(":live"), "the schedules invoke the alias 'live', whose version keeps"
                    + " the environment it was published with: the update does not reach what Secrets Manager invokes");
            assertEquals(serviceArns(services), envAfter.get("ECS_SERVICES"),
                    "what Secrets Manager invokes after the update must see the new service");

            // ---- the next rotation redeploys every service, the new one included
            clock.advance(Duration.ofDays(13));
            rotate("rotate blue (after adding a service)", BLUE, "blue", 4, db, blueUser, services, functions, invokedAfter);

            // ---- a stack update that moves DbPort, then the documented endpoint move: bootstrap --yes
            try (TcpForwarder movedEndpoint = new TcpForwarder(PG.port())) {
                Map<String, Object> moved = new LinkedHashMap<>(withService);
                moved.put("DbPort", String.valueOf(movedEndpoint.port()));
                StackTemplate movePort = timed("translate (DbPort moved)", () -> translate(moved));
                Map<String, Object> beforeMove = secretStates();
                Object generateBeforeMove = stack.properties("BlueSecret").get("GenerateSecretString");
                String bluePasswordNow = current(BLUE).get("password").toString();
                String greenPasswordNow = current(GREEN).get("password").toString();
                List<String> update2 = timed("stack update: move DbPort", () -> stack.update(movePort));
                report("update: move DbPort", "resource operations " + update2);
                String invoked = (String) stack.properties("GreenRotation").get("RotationLambdaARN");
                report("update: move DbPort", "after: Secrets Manager invokes " + invoked + " with DB_ENDPOINTS="
                        + functions.configurationFor(invoked).environment().get("DB_ENDPOINTS"));
                assertEquals(generateBeforeMove, stack.properties("BlueSecret").get("GenerateSecretString"),
                        "a stack update must never regenerate a slot's password: GenerateSecretString must not depend on DbPort");
                assertEquals(beforeMove, secretStates(), "the update changed no secret value or label");
                assertEquals("127.0.0.1:" + movedEndpoint.port() + "/" + db,
                        functions.configurationFor(invoked).environment().get("DB_ENDPOINTS"));
                firstEndpoint.close(); // the database is no longer reachable where it was

                // Between the update and bootstrap a rotation is refused (the secret names an endpoint the function no
                // longer trusts) and changes nothing; the guide's admin-mode retry clears the label it leaves.
                Map<String, Object> beforeRefusal = secretStates();
                StackFunctions.StepFailed refused = org.junit.jupiter.api.Assertions.assertThrows(StackFunctions.StepFailed.class,
                        () -> secrets.rotateSecret(b -> b.secretId(GREEN)));
                assertEquals(List.of("UNTRUSTED_ENDPOINT"), refused.run.stepLines().stream()
                        .filter(l -> "refused".equals(l.get("outcome"))).map(l -> l.get("reason")).toList(), refused.run.both());
                String pending = secrets.versionStages(GREEN).entrySet().stream()
                        .filter(e -> e.getValue().equals(List.of("AWSPENDING"))).map(Map.Entry::getKey).findFirst().orElseThrow();
                secrets.updateSecretVersionStage(b -> b.secretId(GREEN).versionStage("AWSPENDING").removeFromVersionId(pending));
                Map<String, Object> afterRefusal = secretStates();
                assertEquals("no value", ((Map<?, ?>) afterRefusal.get(GREEN + " values")).get(pending), "the refused rotation stored no value");
                ((Map<?, ?>) afterRefusal.get(GREEN + " values")).remove(pending);
                ((Map<?, ?>) afterRefusal.get(GREEN + " stages")).remove(pending);
                // RotateSecret itself moved AWSPENDING (from the last rotation's version to the new one): that label aside,
                // nothing changed.
                assertEquals(withoutPending(beforeRefusal), withoutPending(afterRefusal), "the refused rotation changed nothing else");
                assertTrue(logsIn(db, greenUser, greenPasswordNow), "the refused rotation changed no password");

                Shell.Result move = timed("bootstrap --yes (endpoint move)",
                        () -> cli(cliEnvironment(aws), "bootstrap", "--blue", BLUE, "--green", GREEN, "--yes"));
                assertEquals(0, move.exit(), move.all());
                for (String secret : List.of(BLUE, GREEN)) {
                    assertEquals(movedEndpoint.port(), ((Number) current(secret).get("port")).intValue(), secret + " names the new endpoint");
                }
                assertSame(bluePasswordNow, current(BLUE).get("password"), "the endpoint move keeps blue's password");
                assertSame(greenPasswordNow, current(GREEN).get("password"), "the endpoint move keeps green's password");

                int viaMoved = movedEndpoint.connections();
                int viaOld = firstEndpoint.connections();
                clock.advance(Duration.ofDays(1));
                rotate("rotate green (new endpoint)", GREEN, "green", 5, db, greenUser, services, functions, invoked);
                assertTrue(movedEndpoint.connections() > viaMoved, "the rotation logged in on the new endpoint");
                assertEquals(viaOld, firstEndpoint.connections(), "and never on the old one");

                // ---- stack delete: both secrets and their values stay, and their passwords still log in
                Map<String, Object> beforeDelete = secretStates();
                List<String> deleted = timed("stack delete", stack::delete);
                report("delete", "resource operations " + deleted);
                assertFalse(ssm.exists(POINTER), "the pointer parameter has no Retain and goes with the stack");
                for (String secret : List.of(BLUE, GREEN)) {
                    DescribeSecretResponse left = secrets.describeSecret(b -> b.secretId(secret));
                    assertEquals(secret, left.name());
                }
                Map<String, Object> afterDelete = secretStates();
                assertEquals(beforeDelete.get(BLUE + " values"), afterDelete.get(BLUE + " values"));
                assertEquals(beforeDelete.get(GREEN + " values"), afterDelete.get(GREEN + " values"));
                assertTrue(logsIn(db, blueUser, current(BLUE).get("password").toString()));
                assertTrue(logsIn(db, greenUser, current(GREEN).get("password").toString()));
            }
        } finally {
            timings.forEach((step, ms) -> System.out.printf("STACK STEP %-55s %6d ms%n", step, ms));
        }
    }

    /**
     * Self-service mode (no admin secret, no active copy): the configuration test, then bootstrap, which can only
     * print what the database's master user runs; once that is done, bootstrap confirms, and the first rotation has
     * the user change its own password. Then the stack is deleted: the secrets stay, with passwords that log in.
     */
    @Test
    void selfServiceModeDeployBootstrapRotateDelete(@TempDir Path dir) throws Exception {
        builtJar(LAMBDA_JAR);
        builtJar(CLI_JAR);
        try (PasswordCheckingPostgres.Scope scope = PG.scope();
             LocalAwsEndpoint aws = new LocalAwsEndpoint(secrets, ssm, ecs, lambda);
             TcpForwarder endpoint = new TcpForwarder(PG.port())) {
            Database database = databaseWithSetupUsers(scope);
            String db = database.name();
            String blueUser = database.blueUser();
            String greenUser = database.greenUser();
            List<String> services = List.of("web");
            services.forEach(s -> ecs.createService(CLUSTER, s, 1));
            clock.advance(Duration.ofDays(1)); // the service ran before the stack existed
            StackFunctions functions = functionsInvokedBySecretsManager(dir, aws);
            Map<String, Object> parameters = new LinkedHashMap<>(Map.of(
                    "AppName", APP, "DbEngine", "postgres", "DbHost", "127.0.0.1",
                    "DbPort", String.valueOf(endpoint.port()), "DbName", db,
                    "BlueUsername", blueUser, "GreenUsername", greenUser, "InitialActiveSlot", "green",
                    "EcsClusterName", CLUSTER, "EcsServiceArns", serviceArns(services)));
            parameters.putAll(Map.of("VpcSubnetIds", "subnet-0a1b2c3d", "VpcSecurityGroupIds", "sg-0a1b2c3d",
                    "AlarmTopicArn", "arn:aws:sns:us-east-1:123456789012:bluegreen-alerts"));

            StackOnFakes stack = new StackOnFakes("myapp-bluegreen", secrets, ssm, functions);
            StackTemplate created = timed("translate (self-service mode)", () -> translate(parameters));
            assertFalse(created.condition("HasMasterSecret"));
            assertFalse(created.included("ActiveSecret"));
            timed("deploy: create the stack (configuration test of both schedules)", () -> {
                stack.create(created);
                return null;
            });
            assertStackAsTranslated(created, stack, functions);
            String scheduledArn = (String) stack.properties("BlueRotation").get("RotationLambdaARN");
            assertEquals(List.of("testSecret", "testSecret"), functions.invocations().stream().map(StackFunctions.Invocation::step).toList());
            assertPointer("green", 1);

            Map<String, String> cliEnv = cliEnvironment(aws);
            Shell.Result manual = timed("bootstrap --yes (self-service: prints the master user's commands)",
                    () -> cli(cliEnv, "bootstrap", "--blue", BLUE, "--green", GREEN, "--yes"));
            assertEquals(1, manual.exit(), manual.all());
            assertTrue(manual.stdout().contains("\\password " + blueUser) && manual.stdout().contains("\\password " + greenUser), manual.all());
            String bluePassword = current(BLUE).get("password").toString();
            String greenPassword = current(GREEN).get("password").toString();
            assertNoSecretIn(manual.all(), bluePassword, greenPassword);
            // What the printed `psql ... -c '\\password <user>'` does, run as the master user.
            PG.setPassword(blueUser, bluePassword);
            PG.setPassword(greenUser, greenPassword);
            // Again with --yes: now that both passwords log in, it writes the stack's connection fields into the secrets.
            Shell.Result ready = timed("bootstrap --yes (self-service: completes the secrets)",
                    () -> cli(cliEnv, "bootstrap", "--blue", BLUE, "--green", GREEN, "--yes"));
            assertEquals(0, ready.exit(), ready.all());
            assertEquals(blueUser, current(BLUE).get("username"), ready.all());
            assertEquals(endpoint.port(), ((Number) current(GREEN).get("port")).intValue(), ready.all());
            assertSame(bluePassword, current(BLUE).get("password"), "bootstrap keeps the password");

            timed("redeploy the services", () -> {
                redeploy(services);
                return null;
            });
            rotate("rotate blue (self-service)", BLUE, "blue", 2, db, blueUser, services, functions, scheduledArn);
            assertTrue(logsIn(db, greenUser, greenPassword), "green, serving the app, is untouched");

            Map<String, Object> beforeDelete = secretStates();
            assertTrue("Retain".equals(created.resolved("BlueSecret", "DeletionPolicy", stack::attribute)),
                    "the slot secrets have no DeletionPolicy: Retain, so a stack delete deletes them");
            List<String> deleted = timed("stack delete", stack::delete);
            report("delete (self-service)", "resource operations " + deleted);
            assertFalse(ssm.exists(POINTER));
            assertEquals(beforeDelete, secretStates(), "both secrets stay, with every version and label");
            assertTrue(logsIn(db, blueUser, current(BLUE).get("password").toString()));
            assertTrue(logsIn(db, greenUser, greenPassword));
        } finally {
            timings.forEach((step, ms) -> System.out.printf("STACK STEP %-55s %6d ms%n", step, ms));
        }
    }

    // ---------------------------------------------------------------- what exists before the stack

    private record Database(String name, String blueUser, String greenUser) {}

    /** A database whose two users sql/postgresql/setup.sql made, applied with psql as an operator would. */
    private static Database databaseWithSetupUsers(PasswordCheckingPostgres.Scope scope) throws SQLException {
        Database d = new Database(scope.createDatabase(DbNames.unique("appdb")), scope.trackRole(DbNames.unique("app_blue")),
                scope.trackRole(DbNames.unique("app_green")));
        String owner = scope.trackRole(DbNames.unique("app_owner"));
        Shell.Result setup = PostgresSetupSqlTest.setup(d.name(), "blue_user=" + d.blueUser(),
                "green_user=" + d.greenUser(), "owner_role=" + owner);
        assertEquals(0, setup.exit(), setup.all());
        return d;
    }

    /** Lambda, with Secrets Manager invoking whatever function ARN the rotating secret names (RotationLambdaARN). */
    private StackFunctions functionsInvokedBySecretsManager(Path dir, LocalAwsEndpoint aws) {
        StackFunctions functions = new StackFunctions(dir, aws.environment(), lambda);
        secrets.setRotationFunction(event -> functions.invoke(
                secrets.describeSecret(b -> b.secretId(event.get("SecretId"))).rotationLambdaARN(), event));
        return functions;
    }

    // ---------------------------------------------------------------- the steps

    /**
     * {@code aws secretsmanager rotate-secret --secret-id SECRET}: four steps through the function the schedule names;
     * afterwards the slot's old password is rejected and the new one accepted, the labels moved, the pointer names
     * the slot at {@code pointerVersion}, and every service has exactly one deployment since the pointer changed.
     */
    private void rotate(String step, String secret, String slot, long pointerVersion, String db, String user,
                        List<String> services, StackFunctions functions, String expectedArn) throws Exception {
        String before = current(secret).get("password").toString();
        String beforeVersion = currentVersion(secret);
        int invocations = functions.invocations().size();
        timed(step, () -> secrets.rotateSecret(b -> b.secretId(secret)));
        List<StackFunctions.Invocation> steps = functions.invocations().subList(invocations, functions.invocations().size());
        assertEquals(FakeSecretsManager.ROTATION_STEPS, steps.stream().map(StackFunctions.Invocation::step).toList());
        steps.forEach(i -> assertEquals(expectedArn, i.arn(), "Secrets Manager invokes what the schedule names"));
        String after = current(secret).get("password").toString();
        assertFalse(before.equals(after), step + ": the password changed");
        assertFalse(logsIn(db, user, before), step + ": the old password must be rejected");
        assertTrue(logsIn(db, user, after), step + ": the new password must log in");
        Map<String, List<String>> stages = secrets.versionStages(secret);
        assertEquals(List.of("AWSPREVIOUS"), stages.get(beforeVersion), step + ": " + stages);
        assertFalse(stages.values().stream().anyMatch(l -> l.contains("AWSPENDING") && !l.contains("AWSCURRENT")), step + ": " + stages);
        Parameter pointer = assertPointer(slot, pointerVersion);
        for (String service : services) {
            List<Deployment> since = ecs.deployments(CLUSTER, service).stream()
                    .filter(d -> !d.createdAt().isBefore(pointer.lastModifiedDate())).toList();
            assertEquals(1, since.size(), step + ": " + service + " has one deployment since the pointer changed");
        }
        ecs.completeRollouts();
        clock.advance(Duration.ofHours(1));
        for (StackFunctions.Invocation i : steps) {
            assertNoSecretIn(i.run().both(), before, after);
        }
    }

    private void redeploy(List<String> services) {
        for (String service : services) {
            ecs.updateService(b -> b.cluster(CLUSTER).service(FakeEcs.serviceArn(CLUSTER, service)).forceNewDeployment(true));
        }
        ecs.completeRollouts();
        clock.advance(Duration.ofHours(1));
    }

    /** Every translated property the stack test relies on is what was stood up. */
    private void assertStackAsTranslated(StackTemplate t, StackOnFakes stack, StackFunctions functions) throws IOException {
        Map<String, Object> pointer = stack.properties("PointerParameter");
        assertEquals(POINTER, pointer.get("Name"));
        Parameter stored = ssm.getParameter(b -> b.name(POINTER)).parameter();
        assertEquals(pointer.get("Value"), stored.value());
        assertEquals(pointer.get("AllowedPattern"), ssm.allowedPattern(POINTER));
        for (String id : List.of("BlueSecret", "GreenSecret")) {
            Map<String, Object> p = stack.properties(id);
            DescribeSecretResponse d = secrets.describeSecret(b -> b.secretId((String) p.get("Name")));
            Map<String, String> tags = new TreeMap<>();
            d.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
            Map<String, String> translatedTags = new TreeMap<>();
            ((List<?>) p.get("Tags")).forEach(tag -> translatedTags.put(String.valueOf(((Map<?, ?>) tag).get("Key")),
                    String.valueOf(((Map<?, ?>) tag).get("Value"))));
            assertEquals(translatedTags, tags, id + " tags");
            Map<?, ?> generate = (Map<?, ?>) p.get("GenerateSecretString");
            Map<String, Object> value = current((String) p.get("Name"));
            String password = (String) value.get(generate.get("GenerateStringKey"));
            assertEquals(Integer.parseInt(String.valueOf(generate.get("PasswordLength"))), password.length());
            Object template = generate.get("SecretStringTemplate");
            if (template != null) {
                Map<String, Object> fields = new LinkedHashMap<>(value);
                fields.remove(generate.get("GenerateStringKey"));
                assertEquals(JSON.std.mapFrom((String) template), fields, id + ": the value is the template plus a password");
            }
            report("deploy", id + " DeletionPolicy=" + t.resolved(id, "DeletionPolicy", stack::attribute)
                    + ", GenerateSecretString=" + generate);
        }
        Map<String, Object> function = stack.properties("RotationFunction");
        String functionName = (String) stack.attribute("RotationFunction", null);
        StackFunctions.Configuration latest = functions.configurationFor(StackFunctions.arn(functionName));
        assertEquals(function.get("Handler"), latest.handler());
        assertEquals(function.get("Runtime"), latest.runtime());
        report("deploy", "function " + functionName + ": Handler=" + latest.handler() + ", Runtime=" + latest.runtime()
                + " (runs on " + LambdaJava.description() + ")");
        assertEquals("java" + LambdaJava.RUNTIME_FEATURE, latest.runtime(), "the child JVMs run the template's runtime");
        Map<String, Object> permission = stack.properties("SecretsManagerInvokePermission");
        assertEquals(StackFunctions.SECRETS_MANAGER, permission.get("Principal"));
        assertEquals(StackTemplate.ACCOUNT, permission.get("SourceAccount"));
        for (String id : List.of("BlueRotation", "GreenRotation")) {
            Map<String, Object> schedule = stack.properties(id);
            DescribeSecretResponse d = secrets.describeSecret(b -> b.secretId((String) schedule.get("SecretId")));
            assertEquals(schedule.get("RotationLambdaARN"), d.rotationLambdaARN());
            assertEquals(((Map<?, ?>) schedule.get("RotationRules")).get("ScheduleExpression"), d.rotationRules().scheduleExpression());
            assertEquals(Boolean.FALSE.toString(), String.valueOf(schedule.get("RotateImmediatelyOnUpdate")));
            assertEquals(permission.get("FunctionName"), schedule.get("RotationLambdaARN"),
                    "the invoke permission names exactly what the schedule invokes");
        }
    }

    private Parameter assertPointer(String slot, long version) {
        Parameter pointer = ssm.getParameter(b -> b.name(POINTER)).parameter();
        assertEquals(slot, pointer.value());
        assertEquals(version, pointer.version());
        return pointer;
    }

    // ---------------------------------------------------------------- the artefacts

    private StackTemplate translate(Map<String, Object> parameters) {
        return new StackTemplate(SamTranslator.translate(parameters), parameters, "myapp-bluegreen");
    }

    /** The guide's command line: {@code java -jar cli/target/bluegreen-cli.jar ARGS}, from the repository root. */
    private static Shell.Result cli(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", CLI_JAR));
        command.addAll(List.of(args));
        return Shell.run(command, env, Repo.root(), null);
    }

    /** The operator's shell: AWS settings pointing at the fakes, the JDK on PATH, nothing of this machine's AWS config. */
    private static Map<String, String> cliEnvironment(LocalAwsEndpoint aws)
            throws IOException {
        Map<String, String> env = new HashMap<>(aws.environment());
        Path none = Files.createTempDirectory("no-aws-config");
        env.put("AWS_CONFIG_FILE", none.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", none.resolve("credentials").toString());
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        env.put("HOME", none.toString());
        return env;
    }

    private static Path builtJar(String relative) {
        Path jar = Repo.file(relative);
        Assumptions.assumeTrue(Files.isRegularFile(jar), "SKIPPED: " + relative + " is not built (the stack test runs in"
                + " `mvn verify`, after the package phase)");
        return jar;
    }

    // ---------------------------------------------------------------- reading the state

    private Map<String, Object> current(String secret) throws IOException {
        return JSON.std.mapFrom(secrets.getSecretValue(b -> b.secretId(secret)).secretString());
    }

    private String currentVersion(String secret) {
        return secrets.getSecretValue(b -> b.secretId(secret)).versionId();
    }

    /**
     * Each slot secret's labels and a digest of each version's value: what an update or delete must leave alone.
     * Digests, so that a failed comparison prints no password.
     */
    private Map<String, Object> secretStates() throws Exception {
        Map<String, Object> state = new TreeMap<>();
        for (String secret : List.of(BLUE, GREEN)) {
            Map<String, List<String>> stages = secrets.versionStages(secret);
            Map<String, String> values = new TreeMap<>();
            for (String v : stages.keySet()) {
                String value;
                try {
                    value = secrets.getSecretValue(b -> b.secretId(secret).versionId(v)).secretString();
                } catch (ResourceNotFoundException e) {
                    values.put(v, "no value"); // a version Secrets Manager staged for a rotation that never stored one
                    continue;
                }
                values.put(v, "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
            state.put(secret + " values", values);
            state.put(secret + " stages", new TreeMap<>(stages));
        }
        return state;
    }

    private static Map<String, Object> withoutPending(Map<String, Object> state) {
        Map<String, Object> out = new TreeMap<>(state);
        state.forEach((key, value) -> {
            if (key.endsWith(" stages")) {
                Map<String, List<String>> stages = new TreeMap<>();
                ((Map<?, ?>) value).forEach((v, labels) -> stages.put(String.valueOf(v),
                        ((List<?>) labels).stream().map(String::valueOf).filter(l -> !l.equals("AWSPENDING")).toList()));
                out.put(key, stages);
            }
        });
        return out;
    }

    /** Two passwords are the same, without printing either when they are not. */
    private static void assertSame(Object expected, Object actual, String message) {
        assertTrue(expected != null && expected.equals(actual), message);
    }

    private static boolean logsIn(String db, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "10");
        try (Connection c = DriverManager.getConnection(PG.jdbcUrl(db), p)) {
            return c.isValid(5);
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, Object> adminSecret(String user, String password) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", user);
        m.put("password", password);
        if (!PG.sslEnabled()) {
            m.put("ssl", false); // a test server without TLS; RDS always has it
        }
        return m;
    }

    private static String serviceArns(List<String> services) {
        return String.join(",", services.stream().map(s -> FakeEcs.serviceArn(CLUSTER, s)).toList());
    }

    private static String password() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "test-" + HexFormat.of().formatHex(b);
    }

    private static void assertNoSecretIn(String output, String... passwords) {
        for (String p : passwords) {
            assertFalse(output.contains(p), "a password appeared in the output");
        }
    }

    private static void report(String step, String line) {
        System.out.println("STACK " + step + ": " + line);
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private <T> T timed(String name, Step<T> step) throws Exception {
        long start = System.nanoTime();
        try {
            return step.run();
        } finally {
            timings.put(name, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
