package org.bluegreen.rotator.moto;

import org.bluegreen.rotator.LambdaProcess;
import org.bluegreen.rotator.LambdaProcess.Run;
import org.bluegreen.rotator.scenario.BlueGreenPair;
import org.bluegreen.testkit.aws.MotoServer;
import org.bluegreen.testkit.db.DbNames;
import org.bluegreen.testkit.db.PostgresTestDatabase;
import org.bluegreen.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end-to-end rotation scenarios against a second, independent model of AWS: moto's server (getmoto/moto)
 * for Secrets Manager, SSM and ECS, reached by the handler's production SDK clients through
 * {@code AWS_ENDPOINT_URL}, the handler run as Lambda runs it ({@link LambdaProcess}); the database is the private,
 * password-checking PostgreSQL. Skipped, with a notice, where moto is not installed.
 *
 * <p>moto stages the versions (RotateSecret); the test plays the Lambda service, which moto's stub backend does not:
 * it invokes the handler with the version moto staged. Where moto differs from AWS the test does what AWS does and
 * says so (docs/aws-evidence.md): it removes the configuration test's AWSPENDING afterwards, and passes the
 * function's ARN and rotation rules with every RotateSecret (moto forgets the first and, without the second, does
 * not turn rotation on).
 */
class MotoRotationTest {

    private static final int TASKS_PER_SERVICE = 2;
    private static MotoServer moto;
    private static String function;
    private static SecretsManagerClient secrets;
    private static SsmClient ssm;
    private static EcsClient ecs;

    @TempDir
    Path dir;

    @BeforeAll
    static void startMoto() {
        Optional<MotoServer> started = MotoServer.startIfInstalled(TASKS_PER_SERVICE);
        if (started.isEmpty()) {
            System.out.println("NOTICE: moto_server is not installed (set MOTO_SERVER or put it on PATH):"
                    + " the moto tier of the rotation scenarios (MotoRotationTest) did not run");
            return;
        }
        moto = started.get();
        secrets = moto.client(SecretsManagerClient.builder());
        ssm = moto.client(SsmClient.builder());
        ecs = moto.client(EcsClient.builder());
        function = moto.createRotationFunction("bluegreen-rotator");
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            secrets.close();
            ssm.close();
            ecs.close();
            moto.close();
        }
    }

    @BeforeEach
    void needsMoto() {
        Assumptions.assumeTrue(moto != null, "moto_server is not installed");
    }

    // ---------------------------------------------------------------- scenarios

    @ParameterizedTest(name = "admin mode {0}")
    @ValueSource(booleans = {false, true})
    void happyPathRotatesTheInactiveSlotAndMovesTheAppOver(boolean adminMode) throws Exception {
        try (MotoPair p = MotoPair.create(new PostgresTestDatabase(), adminMode, true)) {
            String blueBefore = p.password(p.blueArn);
            String greenBefore = p.password(p.greenArn);
            String previous = p.currentVersion(p.blueArn);
            Parameter pointerBefore = p.pointer();

            String token = p.startRotation(p.blueArn);
            Run run = p.invoke(dir, p.blueArn, token, "createSecret", "setSecret", "testSecret", "finishSecret");

            assertEquals(0, run.exitCode(), run.both());
            assertEquals(List.of("createSecret", "setSecret", "testSecret", "finishSecret"), run.outcomeEvents(), run.both());
            assertEquals(List.of("PENDING_CREATED", adminMode ? "PASSWORD_SET_BY_ADMIN" : "PASSWORD_SET_BY_USER",
                    "PENDING_LOGS_IN", "ACTIVATED"), run.results(), run.both());
            String blueAfter = p.password(p.blueArn);
            assertNotEquals(blueBefore, blueAfter);
            assertFalse(p.db.logsIn(p.blueUser, blueBefore), "the old blue password must be rejected");
            assertTrue(p.db.logsIn(p.blueUser, blueAfter), "the new blue password must log in");
            assertTrue(p.db.logsIn(p.greenUser, greenBefore), "green, serving the app, is untouched");
            assertEquals(token, p.currentVersion(p.blueArn));
            assertEquals(List.of("AWSPREVIOUS"), p.labelled(p.blueArn).get(previous));

            Parameter pointer = p.pointer();
            assertEquals("blue", pointer.value());
            assertEquals(pointerBefore.version() + 1, pointer.version());
            for (String service : p.services) {
                Deployment d = p.deployments(service).get(0);
                assertFalse(d.createdAt().isBefore(pointer.lastModifiedDate()), service + " redeployed after the pointer moved");
            }
            assertFalse(run.mentionsAny(List.of(blueBefore, blueAfter, greenBefore)), "a password appeared in the output");
        }
    }

    @Test
    void guardRefusesToRotateTheActiveSlotAndChangesNothing() throws Exception {
        try (MotoPair p = MotoPair.create(new PostgresTestDatabase(), false, true)) {
            String greenPassword = p.password(p.greenArn);
            String token = p.startRotation(p.greenArn);
            MotoPair.State before = p.state();

            Run run = p.invoke(dir, p.greenArn, token, "createSecret", "setSecret", "testSecret", "finishSecret");

            assertNotEquals(0, run.exitCode(), run.both());
            assertEquals(List.of("createSecret refused ACTIVE_SLOT"), run.outcomes(), run.both());
            assertEquals(List.of(), run.outcomeEvents(), "no step succeeded: " + run.both());
            assertEquals(before, p.state(), "versions, labels, pointer and deployments as they were");
            assertThrows(ResourceNotFoundException.class, () -> secrets.getSecretValue(b -> b.secretId(p.greenArn)
                    .versionId(token).versionStage("AWSPENDING")), "no pending value was written");
            assertTrue(p.db.logsIn(p.greenUser, greenPassword));
        }
    }

    @Test
    void configurationTestOnANewSelfServicePairPassesWarnsAndWritesNothing() throws Exception {
        assertConfigurationTestOnANewPair(false);
    }

    @Test
    void configurationTestOnANewAdminModePairPassesWarnsAndWritesNothing() throws Exception {
        assertConfigurationTestOnANewPair(true);
    }

    /** As the stack's RotationSchedule with RotateImmediatelyOnUpdate: false, on users never bootstrapped. */
    private void assertConfigurationTestOnANewPair(boolean adminMode) throws Exception {
        try (MotoPair p = MotoPair.create(new PostgresTestDatabase(), adminMode, false)) {
            for (String arn : List.of(p.blueArn, p.greenArn)) {
                MotoPair.State before = p.state();
                String token = p.startConfigurationTest(arn);
                assertEquals(p.secretString(arn, p.currentVersion(arn)), p.secretString(arn, token),
                        "moto stages a copy of AWSCURRENT, as AWS does");

                Run run = p.invoke(dir, arn, token, "testSecret");
                p.endConfigurationTest(arn, token);

                assertEquals(0, run.exitCode(), run.both());
                assertEquals(List.of("testSecret"), run.outcomeEvents(), run.both());
                assertEquals(List.of("CONFIGURATION_TESTED"), run.results(), run.both());
                String user = arn.equals(p.blueArn) ? p.blueUser : p.greenUser;
                assertTrue(run.stdout().contains("\"WARN\"") && run.stdout().contains("'" + user + "'")
                        && run.stdout().contains("bootstrap"), "a warning that says to bootstrap the user: " + run.both());
                assertEquals(before, p.state(), "the configuration test writes nothing");
                assertFalse(p.db.logsIn(user, p.password(arn)), "nobody set the user's password");
                assertFalse(run.mentionsAny(p.knownPasswords), "a password appeared in the output");
            }
            assertTrue(p.db.logsIn(p.blueUser, p.unknownPasswords.get(0)), "blue's password as it was");
            assertTrue(p.db.logsIn(p.greenUser, p.unknownPasswords.get(1)), "green's password as it was");
        }
    }

    // ---------------------------------------------------------------- a pair in moto

    /** A deployed pair: two users in the real database, their secrets, the pointer on green and two ECS services, all in moto. */
    static final class MotoPair implements AutoCloseable {
        final TestDatabase db;
        final String id = UUID.randomUUID().toString().substring(0, 8);
        final String blueName = "app-" + id + "/db/blue";
        final String greenName = "app-" + id + "/db/green";
        final String pointerName = "/bluegreen/app-" + id + "/active-slot";
        final String cluster = "prod-" + id;
        final List<String> services = List.of("web", "worker");
        final String blueUser = DbNames.unique("blue");
        final String greenUser = DbNames.unique("green");
        final List<String> knownPasswords = new ArrayList<>();
        /** The users' database passwords when the secrets do not hold them (a pair never bootstrapped). */
        final List<String> unknownPasswords = new ArrayList<>();
        String blueArn;
        String greenArn;

        private MotoPair(TestDatabase db) {
            this.db = db;
        }

        /**
         * @param bootstrapped whether the users' database passwords are their secrets' (else each has a password
         *                     no secret holds, as on a freshly deployed stack)
         */
        static MotoPair create(TestDatabase db, boolean adminMode, boolean bootstrapped) throws SQLException {
            MotoPair p = new MotoPair(db);
            String adminArn = null;
            if (adminMode) {
                String admin = DbNames.unique("admin");
                String adminPassword = p.remember(BlueGreenPair.newPassword());
                db.createAdmin(admin, adminPassword);
                // An RDS-managed master secret holds only these two keys.
                adminArn = secrets.createSecret(b -> b.name("rds!db-" + p.id).secretString(
                        "{\"username\":\"" + admin + "\",\"password\":\"" + adminPassword + "\"}")).arn();
            }
            String bluePassword = p.remember(BlueGreenPair.newPassword());
            String greenPassword = p.remember(BlueGreenPair.newPassword());
            if (bootstrapped) {
                db.createAppUser(p.blueUser, bluePassword);
                db.createAppUser(p.greenUser, greenPassword);
            } else {
                p.unknownPasswords.add(p.remember(BlueGreenPair.newPassword()));
                p.unknownPasswords.add(p.remember(BlueGreenPair.newPassword()));
                db.createAppUser(p.blueUser, p.unknownPasswords.get(0));
                db.createAppUser(p.greenUser, p.unknownPasswords.get(1));
            }
            p.blueArn = p.slotSecret(p.blueName, "blue", p.blueUser, bluePassword, adminArn, p.greenName);
            p.greenArn = p.slotSecret(p.greenName, "green", p.greenUser, greenPassword, adminArn, p.blueName);

            // The app runs on green; the services were deployed after the pointer was set.
            ssm.putParameter(b -> b.name(p.pointerName).value("green").type(ParameterType.STRING));
            ecs.createCluster(b -> b.clusterName(p.cluster));
            ecs.registerTaskDefinition(b -> b.family("app-" + p.id).containerDefinitions(c -> c.name("app").image("app:1").memory(512)));
            for (String s : p.services) {
                ecs.createService(b -> b.cluster(p.cluster).serviceName(s).taskDefinition("app-" + p.id).desiredCount(TASKS_PER_SERVICE));
            }
            return p;
        }

        /** A slot secret tagged as the template tags it: its slot, its one user and the other slot's secret. */
        private String slotSecret(String name, String slot, String user, String password, String adminArn, String peer) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("engine", db.engine());
            json.put("host", db.host());
            json.put("port", db.port());
            json.put("username", user);
            json.put("password", password);
            json.put("dbname", db.dbname());
            if (adminArn != null) {
                json.put("masterarn", adminArn);
            }
            json.put("ssl", db.tls());
            try {
                String value = com.fasterxml.jackson.jr.ob.JSON.std.asString(json);
                return secrets.createSecret(b -> b.name(name).secretString(value)
                        .tags(Tag.builder().key("bluegreen:slot").value(slot).build(),
                                Tag.builder().key("bluegreen:username").value(user).build(),
                                Tag.builder().key("bluegreen:peer-secret").value(peer).build())).arn();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String remember(String password) {
            knownPasswords.add(password);
            return password;
        }

        /** Secrets Manager's side of a rotation: RotateSecret stages a new AWSPENDING version; returns its id. */
        String startRotation(String arn) {
            rotateSecret(arn, true);
            return pendingVersion(arn);
        }

        /** RotateSecret with RotateImmediately=false: the version the configuration test runs on. */
        String startConfigurationTest(String arn) {
            rotateSecret(arn, false);
            return pendingVersion(arn);
        }

        /** AWS removes the configuration test's version afterwards; moto 5 leaves its AWSPENDING: do what AWS does. */
        void endConfigurationTest(String arn, String token) {
            if (labelled(arn).getOrDefault(token, List.of()).contains("AWSPENDING")) {
                secrets.updateSecretVersionStage(b -> b.secretId(arn).versionStage("AWSPENDING").removeFromVersionId(token));
            }
        }

        private void rotateSecret(String arn, boolean immediately) {
            secrets.rotateSecret(b -> b.secretId(arn).rotationLambdaARN(function)
                    .rotationRules(r -> r.automaticallyAfterDays(30L)).rotateImmediately(immediately));
        }

        /** The Lambda service's side: invokes the function with each step, as a child JVM. */
        Run invoke(Path dir, String arn, String token, String... steps) throws IOException, InterruptedException {
            Map<String, String> env = new HashMap<>(moto.environment());
            env.put("POINTER_PARAMETER", pointerName);
            env.put("ECS_CLUSTER", cluster);
            env.put("ECS_SERVICES", String.join(",", services));
            env.put("DB_ENDPOINTS", db.host() + ":" + db.port() + "/" + db.dbname());
            return LambdaProcess.run(dir, env, arn, token, UUID.randomUUID().toString(), steps);
        }

        String pendingVersion(String arn) {
            return labelled(arn).entrySet().stream().filter(e -> e.getValue().contains("AWSPENDING"))
                    .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no AWSPENDING version of " + arn));
        }

        String currentVersion(String arn) {
            return secrets.getSecretValue(b -> b.secretId(arn).versionStage("AWSCURRENT")).versionId();
        }

        String secretString(String arn, String version) {
            return secrets.getSecretValue(b -> b.secretId(arn).versionId(version)).secretString();
        }

        String password(String arn) {
            try {
                return com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(secrets.getSecretValue(b -> b.secretId(arn)
                        .versionStage("AWSCURRENT")).secretString()).get("password").toString();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * The versions that carry labels. (moto's VersionIdsToStages also lists versions without labels, which AWS
         * documents as leaving out.)
         */
        Map<String, List<String>> labelled(String arn) {
            Map<String, List<String>> out = new TreeMap<>();
            secrets.describeSecret(b -> b.secretId(arn)).versionIdsToStages().forEach((v, stages) -> {
                if (!stages.isEmpty()) {
                    out.put(v, stages.stream().sorted().toList());
                }
            });
            return out;
        }

        Parameter pointer() {
            return ssm.getParameter(b -> b.name(pointerName)).parameter();
        }

        List<Deployment> deployments(String service) {
            return ecs.describeServices(b -> b.cluster(cluster).services(service)).services().get(0).deployments();
        }

        /** What a step that must change nothing leaves as it was. */
        record State(Map<String, List<String>> blue, Map<String, List<String>> green, String blueCurrent, String greenCurrent,
                     String pointer, long pointerVersion, List<String> deployments) {
        }

        State state() {
            List<String> deployments = new ArrayList<>();
            for (String s : services) {
                deployments(s).forEach(d -> deployments.add(s + " " + d.id() + " " + d.createdAt()));
            }
            Parameter pointer = pointer();
            return new State(labelled(blueArn), labelled(greenArn), secretString(blueArn, currentVersion(blueArn)),
                    secretString(greenArn, currentVersion(greenArn)), pointer.value(), pointer.version(), deployments);
        }

        @Override
        public void close() throws SQLException {
            db.close();
        }
    }
}
