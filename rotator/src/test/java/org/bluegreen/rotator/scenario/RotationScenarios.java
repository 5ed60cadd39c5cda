package org.bluegreen.rotator.scenario;

import org.bluegreen.rotator.RotationHandler.RotationFailedException;
import org.bluegreen.rotator.rotation.Refusal;
import org.bluegreen.rotator.rotation.StepOutcome;
import org.bluegreen.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.bluegreen.rotator.scenario.BlueGreenPair.SERVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole rotations of a blue/green pair against a real database and the AWS fakes. Each case checks the database
 * and every AWS-side state. Subclasses supply the database engine.
 */
abstract class RotationScenarios {

    private BlueGreenPair pair;

    /** A fresh database (and users) for one test. */
    abstract TestDatabase newDatabase() throws SQLException;

    BlueGreenPair selfService() throws SQLException {
        return pair = BlueGreenPair.selfService(newDatabase());
    }

    /** A pair that reaches {@code db} through {@code outage}, so a test can take the database away and bring it back. */
    private BlueGreenPair pairBehind(DatabaseOutage outage, TestDatabase db, boolean adminMode) throws SQLException {
        BlueGreenPair p = pair = BlueGreenPair.behind(outage, db, adminMode);
        // A relayed session ends a moment after the function closes it: count such sessions, never refuse on them.
        p.env.put("LIVE_SESSION_CHECK", "warn");
        return p;
    }

    /** A pair in admin mode (the admin from {@code masterarn} changes the password) or self-service mode. */
    BlueGreenPair pair(boolean adminMode) throws SQLException {
        return pair = BlueGreenPair.of(newDatabase(), adminMode);
    }

    @AfterEach
    void noSecretInLogsAndCleanUp() throws SQLException {
        if (pair == null) {
            return;
        }
        pair.leaks.assertNoneIn(pair.log(), "the rotation log");
        pair.close();
    }

    // ---------------------------------------------------------------- the happy path

    @Test
    void blueThenGreen_selfService() throws Exception {
        fullCycle(selfService());
    }

    @Test
    void blueThenGreen_adminMode() throws Exception {
        fullCycle(pair = BlueGreenPair.adminMode(newDatabase()));
    }

    private void fullCycle(BlueGreenPair p) throws Exception {
        String blueBefore = p.password(p.blueArn, "AWSCURRENT");
        String greenBefore = p.password(p.greenArn, "AWSCURRENT");
        String blueCurrentVersion = p.secrets.describeSecret(b -> b.secretId(p.blueArn)).versionIdsToStages().keySet().iterator().next();

        String blueToken = p.rotate(p.blueArn);

        String blueAfter = p.password(p.blueArn, "AWSCURRENT");
        assertNotEquals(blueBefore, blueAfter);
        assertFalse(p.db.logsIn(p.blueUser, blueBefore), "the old blue password must be rejected");
        assertTrue(p.db.logsIn(p.blueUser, blueAfter), "the new blue password must log in");
        assertTrue(p.db.logsIn(p.greenUser, greenBefore), "green, serving the app, is untouched");
        assertEquals(greenBefore, p.password(p.greenArn, "AWSCURRENT"));
        assertEquals(List.of("AWSCURRENT", "AWSPENDING"), sorted(p.stages(p.blueArn).get(blueToken)));
        assertEquals(List.of("AWSPREVIOUS"), p.stages(p.blueArn).get(blueCurrentVersion));
        assertEquals("blue", p.pointer().value());
        assertOneNewDeploymentEach(p, p.pointer());

        // Two weeks later, after ECS replaced every task: green rotates and the app moves back to it.
        p.rolloutsComplete();
        p.clock.advance(Duration.ofDays(14));
        String greenToken = p.rotate(p.greenArn);

        String greenAfter = p.password(p.greenArn, "AWSCURRENT");
        assertFalse(p.db.logsIn(p.greenUser, greenBefore));
        assertTrue(p.db.logsIn(p.greenUser, greenAfter));
        assertTrue(p.db.logsIn(p.blueUser, blueAfter), "blue, now serving the app, is untouched");
        assertEquals(List.of("AWSCURRENT", "AWSPENDING"), sorted(p.stages(p.greenArn).get(greenToken)));
        assertEquals("green", p.pointer().value());
        assertOneNewDeploymentEach(p, p.pointer());
    }

    /** Each step reads the admin secret once, however many versions it checks against it (docs/security.md). */
    @Test
    void eachStepReadsTheAdminSecretOnce() throws Exception {
        BlueGreenPair p = pair(true);
        String token = p.startRotation(p.blueArn);
        for (String step : List.of("createSecret", "setSecret", "testSecret", "finishSecret")) {
            p.secrets.clearCalls();
            p.step(step, p.blueArn, token);
            assertEquals(1, p.secrets.valueReadsOf(p.adminArn), step + " reads the admin secret once");
        }
    }

    // ---------------------------------------------------------------- retries, in both modes

    /**
     * The crash sweep: at every point a clean rotation passes (a step starting, each AWS call before and after its
     * write, each database connection with the database gone for the rest of the step), the rotation fails once,
     * and Secrets Manager's retry of the whole rotation with the same token completes it.
     */
    @ParameterizedTest(name = "admin mode {0}")
    @ValueSource(booleans = {false, true})
    void everyCrashPointConvergesWhenTheWholeRotationIsRetried(boolean adminMode) throws Exception {
        TestDatabase db = newDatabase();
        try (DatabaseOutage outage = new DatabaseOutage(db.host(), db.port())) {
            BlueGreenPair p = pairBehind(outage, db, adminMode);

            CrashPointSweep.Result result = new CrashPointSweep(p, outage).run();

            System.out.printf("crash points, %s %s: %d/%d converge%n", adminMode ? "admin mode" : "self-service",
                    getClass().getSimpleName(), result.converged(), result.points().size());
            for (CrashPointSweep.CrashPoint.Kind kind : CrashPointSweep.CrashPoint.Kind.values()) {
                assertTrue(result.points().stream().anyMatch(c -> c.kind() == kind), "the sweep has points of kind " + kind);
            }
            assertEquals(Map.of(), result.notConverged(), result.converged() + "/" + result.points().size() + " converge");
        }
    }

    @ParameterizedTest(name = "admin mode {0}")
    @ValueSource(booleans = {false, true})
    void everyStepTwice(boolean adminMode) throws Exception {
        BlueGreenPair p = pair(adminMode);
        String bluePassword = p.password(p.blueArn, "AWSCURRENT");
        String token = p.startRotation(p.blueArn);
        p.step("createSecret", p.blueArn, token);
        String pending = p.password(p.blueArn, "AWSPENDING");
        p.step("createSecret", p.blueArn, token);
        assertEquals(pending, p.password(p.blueArn, "AWSPENDING"), "a retried createSecret keeps the pending password");

        p.step("setSecret", p.blueArn, token);
        p.step("setSecret", p.blueArn, token);
        p.step("testSecret", p.blueArn, token);
        p.step("testSecret", p.blueArn, token);
        p.step("finishSecret", p.blueArn, token);
        long pointerVersion = p.pointer().version();
        p.step("finishSecret", p.blueArn, token);

        assertEquals(pointerVersion, p.pointer().version(), "a retried finishSecret does not write the pointer again");
        assertEquals(List.of(StepOutcome.Result.PENDING_CREATED, StepOutcome.Result.PENDING_EXISTED,
                adminMode ? StepOutcome.Result.PASSWORD_SET_BY_ADMIN : StepOutcome.Result.PASSWORD_SET_BY_USER,
                StepOutcome.Result.ALREADY_SET, StepOutcome.Result.PENDING_LOGS_IN, StepOutcome.Result.PENDING_LOGS_IN,
                StepOutcome.Result.ACTIVATED, StepOutcome.Result.ALREADY_CURRENT), p.stepResults());
        assertOneNewDeploymentEach(p, p.pointer());
        assertTrue(p.db.logsIn(p.blueUser, pending));
        assertFalse(p.db.logsIn(p.blueUser, bluePassword));
        assertTrue(p.stages(p.blueArn).get(token).contains("AWSCURRENT"));
    }

    /**
     * finishSecret makes these writes in this order (PutSecretValue is the copy into the active secret). A call may
     * fail before it reaches AWS, or reach AWS and then fail (the function dies on a timeout or a network error):
     * either way the retry completes the rest.
     */
    @ParameterizedTest(name = "{0}, write applied: {1}, admin mode {2}")
    @CsvSource({"UpdateSecretVersionStage, false, false", "UpdateSecretVersionStage, true, false", "PutSecretValue, false, false",
            "PutSecretValue, true, false", "PutParameter, false, false", "PutParameter, true, false", "UpdateService, false, false",
            "UpdateService, true, false", "UpdateSecretVersionStage, true, true", "PutParameter, true, true"})
    void finishSecretFailsAroundAnAwsCallThenARetryCompletesIt(String operation, boolean writeApplied, boolean adminMode)
            throws Exception {
        BlueGreenPair p = pair(adminMode);
        String active = p.withActiveSecret();
        String token = p.rotateUpToFinish(p.blueArn);

        if (writeApplied) {
            p.faults.failAfterNextCall(operation);
        } else {
            p.faults.failNextCall(operation);
        }
        assertThrows(RotationFailedException.class, () -> p.step("finishSecret", p.blueArn, token));
        p.step("finishSecret", p.blueArn, token);

        assertTrue(p.stages(p.blueArn).get(token).contains("AWSCURRENT"));
        assertEquals(p.secretString(p.blueArn, null, "AWSCURRENT"), p.secretString(active, null, "AWSCURRENT"));
        assertEquals("blue", p.pointer().value());
        assertOneNewDeploymentEach(p, p.pointer());
    }

    @Test
    void theActiveSecretFollowsTheActiveSlot() throws Exception {
        BlueGreenPair p = selfService();
        String active = p.withActiveSecret();

        String blueToken = p.rotate(p.blueArn);
        assertEquals(p.secretString(p.blueArn, null, "AWSCURRENT"), p.secretString(active, null, "AWSCURRENT"));
        int versions = p.secrets.versionStages(active).size();
        p.step("finishSecret", p.blueArn, blueToken);
        assertEquals(versions, p.secrets.versionStages(active).size(), "a retried finishSecret writes no second version");

        p.rolloutsComplete();
        p.clock.advance(Duration.ofDays(14));
        p.rotate(p.greenArn);
        assertEquals(p.secretString(p.greenArn, null, "AWSCURRENT"), p.secretString(active, null, "AWSCURRENT"));
    }

    @ParameterizedTest(name = "admin mode {0}")
    @ValueSource(booleans = {false, true})
    void aWholeRotationRetriedAfterFinishFailedHalfwayCompletes(boolean adminMode) throws Exception {
        BlueGreenPair p = pair(adminMode);
        String token = p.rotateUpToFinish(p.blueArn);
        p.faults.failNextCall("PutParameter");
        assertThrows(RotationFailedException.class, () -> p.step("finishSecret", p.blueArn, token));
        assertEquals("green", p.pointer().value());

        // Secrets Manager retries the whole rotation with the same token: the version is already AWSCURRENT, so
        // the guards (pointer still on green, services not redeployed) must not stop it from completing.
        for (String step : List.of("createSecret", "setSecret", "testSecret", "finishSecret")) {
            p.step(step, p.blueArn, token);
        }
        assertEquals("blue", p.pointer().value());
        assertOneNewDeploymentEach(p, p.pointer());
    }

    /** The database goes away in testSecret, after setSecret changed the password; the retry logs in with AWSPENDING. */
    @ParameterizedTest(name = "admin mode {0}")
    @ValueSource(booleans = {false, true})
    void aWholeRotationRetriedAfterTheDatabaseWasUnreachableInTestSecretCompletes(boolean adminMode) throws Exception {
        TestDatabase db = newDatabase();
        try (DatabaseOutage outage = new DatabaseOutage(db.host(), db.port())) {
            BlueGreenPair p = pairBehind(outage, db, adminMode);
            String before = p.password(p.blueArn, "AWSCURRENT");
            String token = p.startRotation(p.blueArn);
            p.step("createSecret", p.blueArn, token);
            p.step("setSecret", p.blueArn, token);
            outage.downFromConnection(1);
            RotationFailedException e = assertThrows(RotationFailedException.class, () -> p.step("testSecret", p.blueArn, token));
            assertInstanceOf(StepOutcome.Failed.class, e.outcome());
            outage.up();

            List<StepOutcome.Result> results = new java.util.ArrayList<>();
            for (String step : List.of("createSecret", "setSecret", "testSecret", "finishSecret")) {
                p.step(step, p.blueArn, token);
                results.add(p.lastResult());
            }
            assertEquals(List.of(StepOutcome.Result.PENDING_EXISTED, StepOutcome.Result.ALREADY_SET,
                    StepOutcome.Result.PENDING_LOGS_IN, StepOutcome.Result.ACTIVATED), results);
            assertFalse(p.db.logsIn(p.blueUser, before));
            assertTrue(p.db.logsIn(p.blueUser, p.password(p.blueArn, "AWSCURRENT")));
            assertEquals("blue", p.pointer().value());
        }
    }

    @ParameterizedTest(name = "admin mode {0}")
    @ValueSource(booleans = {false, true})
    void aLateFinishRetryAfterTheOtherSlotRotatedChangesNothing(boolean adminMode) throws Exception {
        BlueGreenPair p = pair(adminMode);
        String active = p.withActiveSecret();
        String blueToken = p.rotate(p.blueArn);
        p.rolloutsComplete();
        p.clock.advance(Duration.ofDays(14));
        p.rotate(p.greenArn);
        Parameter pointer = p.pointer();
        List<Deployment> web = p.deployments("web");

        p.step("finishSecret", p.blueArn, blueToken);

        assertEquals(StepOutcome.Result.SUPERSEDED, p.lastResult());
        assertEquals(pointer, p.pointer(), "the pointer stays on green");
        assertEquals(p.secretString(p.greenArn, null, "AWSCURRENT"), p.secretString(active, null, "AWSCURRENT"));
        assertEquals(web.size(), p.deployments("web").size(), "no extra deployment");
    }

    @Test
    void setSecretFallsBackToThePreviousPasswordAfterAnInterruptedRotation() throws Exception {
        fallBackToThePreviousPassword(selfService());
    }

    void fallBackToThePreviousPassword(BlueGreenPair p) throws Exception {
        p.rotate(p.blueArn);
        p.rolloutsComplete();
        p.clock.advance(Duration.ofDays(14));
        p.rotate(p.greenArn);
        p.rolloutsComplete();
        p.clock.advance(Duration.ofDays(14));
        // An operator restored blue's previous password in the database by hand: AWSCURRENT no longer logs in.
        String previous = p.password(p.blueArn, "AWSPREVIOUS");
        p.db.setPassword(p.blueUser, previous);

        p.rotate(p.blueArn);

        assertTrue(p.db.logsIn(p.blueUser, p.password(p.blueArn, "AWSCURRENT")));
        assertFalse(p.db.logsIn(p.blueUser, previous));
    }

    @ParameterizedTest(name = "admin mode {0}")
    @ValueSource(booleans = {false, true})
    void aStalePendingVersionFromAFailedRotationDoesNotBlockTheNextOne(boolean adminMode) throws Exception {
        BlueGreenPair p = pair(adminMode);
        String stale = p.startRotation(p.blueArn);
        p.step("createSecret", p.blueArn, stale);
        // setSecret never ran (the function timed out); weeks later a new rotation starts with a new token.
        p.clock.advance(Duration.ofDays(30));
        String token = p.rotate(p.blueArn);

        assertTrue(p.stages(p.blueArn).get(token).contains("AWSCURRENT"));
        assertFalse(p.stages(p.blueArn).getOrDefault(stale, List.of()).contains("AWSPENDING"));
        assertTrue(p.db.logsIn(p.blueUser, p.password(p.blueArn, "AWSCURRENT")));
    }

    @Test
    void rotationTokenIsPassedOnButNeverLogged() throws Exception {
        BlueGreenPair p = selfService();
        String token = p.startRotation(p.blueArn);
        String rotationToken = "rotation-token-" + java.util.UUID.randomUUID();
        p.handler().handle(Map.of("Step", "createSecret", "SecretId", p.blueArn, "ClientRequestToken", token,
                "RotationToken", rotationToken));
        assertEquals(rotationToken, p.secrets.lastRotationTokenSeen());
        assertFalse(p.log().contains(rotationToken));
    }

    @Test
    void rotationEnabledWithoutImmediateRotationOnlyTestsTheConfiguration() throws Exception {
        BlueGreenPair p = selfService();
        String password = p.password(p.blueArn, "AWSCURRENT");
        String token = p.startRotation(p.blueArn);

        p.step("testSecret", p.blueArn, token);

        assertEquals(StepOutcome.Result.CONFIGURATION_TESTED, p.lastResult());
        assertTrue(p.db.logsIn(p.blueUser, password));
        assertEquals("green", p.pointer().value());
    }

    // ---------------------------------------------------------------- guards: refuse and change nothing

    @Test
    void activeSlotGuardRefusesAndChangesNothing() throws Exception {
        BlueGreenPair p = selfService();
        String token = p.startRotation(p.greenArn);
        assertStepRefusedUnchanged(p, "createSecret", p.greenArn, token, Refusal.Reason.ACTIVE_SLOT,
                "refused: secret 'app-green' is slot 'green', which pointer '/app/db/active-slot' names as the one the app uses now");
        assertThrows(RuntimeException.class, () -> p.secretString(p.greenArn, token, "AWSPENDING"), "no pending value written");
        List<Map<String, Object>> refusals = p.logLines().stream().filter(l -> "refused".equals(l.get("outcome"))).toList();
        assertEquals(1, refusals.size(), "the handler logs a refusal as such: " + p.log());
        assertEquals(List.of("WARN", "createSecret", "ACTIVE_SLOT"), java.util.Arrays.asList(refusals.get(0).get("level"),
                refusals.get(0).get("event"), refusals.get(0).get("reason")), "with its step and reason: " + p.log());
    }

    @Test
    void drainCheckRefusesWhileARolloutIsInProgress() throws Exception {
        BlueGreenPair p = selfService();
        p.ecs.updateService(b -> b.cluster(BlueGreenPair.CLUSTER).service("worker").forceNewDeployment(true));
        assertStepRefusedUnchanged(p, "createSecret", p.blueArn, p.startRotation(p.blueArn), Refusal.Reason.NOT_DRAINED,
                "service 'worker' is not steady: 2 deployments");
    }

    @Test
    void drainCheckRefusesWhenTheServicesWereNotRedeployedSinceThePointerChanged() throws Exception {
        BlueGreenPair p = selfService();
        // The pointer was flipped to green after the last deployment (a finishSecret that died before redeploying).
        p.ssm.putParameter(b -> b.name(BlueGreenPair.POINTER).value("green").overwrite(true));
        assertStepRefusedUnchanged(p, "createSecret", p.blueArn, p.startRotation(p.blueArn), Refusal.Reason.NOT_DRAINED,
                "service 'web' has not been redeployed since pointer");
    }

    @Test
    void drainCheckRefusesWhileTheUserHasLiveSessions() throws Exception {
        BlueGreenPair p = selfService();
        String token = p.startRotation(p.blueArn);
        try (Connection straggler = p.db.connect(p.blueUser, p.password(p.blueArn, "AWSCURRENT"))) {
            assertStepRefusedUnchanged(p, "createSecret", p.blueArn, token, Refusal.Reason.LIVE_SESSIONS,
                    "user '" + p.blueUser + "' still has 1 live database session (1 from " + loopbackClientHost(p.db) + ")");
        }
    }

    /** The admin counts the sessions; on PostgreSQL it may not inspect other users' sessions, but it sees them. */
    @Test
    void drainCheckRefusesWhileTheUserHasLiveSessions_adminMode() throws Exception {
        BlueGreenPair p = pair = BlueGreenPair.adminMode(newDatabase());
        String token = p.startRotation(p.blueArn);
        try (Connection straggler = p.db.connect(p.blueUser, p.password(p.blueArn, "AWSCURRENT"))) {
            assertStepRefusedUnchanged(p, "createSecret", p.blueArn, token, Refusal.Reason.LIVE_SESSIONS,
                    "user '" + p.blueUser + "' still has 1 live database session");
        }
    }

    @Test
    void liveSessionsOnlyWarnWhenConfiguredSo() throws Exception {
        BlueGreenPair p = selfService();
        p.env.put("LIVE_SESSION_CHECK", "warn");
        try (Connection straggler = p.db.connect(p.blueUser, p.password(p.blueArn, "AWSCURRENT"))) {
            p.rotate(p.blueArn);
            assertTrue(straggler.isValid(5), "an open session survives a password change");
        }
        assertTrue(p.log().contains("still has 1 live database session"), p.log());
        assertEquals("blue", p.pointer().value());
    }

    // ---------------------------------------------------------------- bad input: a clear error, nothing changed

    @Test
    void unknownStep() throws Exception {
        assertRefusedUnchanged(selfService(), Map.of("Step", "dropSecret"), "unknown rotation step 'dropSecret'");
    }

    @Test
    void missingToken() throws Exception {
        BlueGreenPair p = selfService();
        PairSnapshot before = PairSnapshot.of(p);
        RotationFailedException e = assertThrows(RotationFailedException.class,
                () -> p.handler().handle(Map.of("Step", "createSecret", "SecretId", p.blueArn)));
        assertTrue(e.getMessage().contains("the event has no 'ClientRequestToken'"), e.getMessage());
        assertEquals(before, PairSnapshot.of(p));
    }

    @Test
    void tokenThatIsNoVersionOfTheSecret() throws Exception {
        BlueGreenPair p = selfService();
        assertRefusedUnchanged(p, Map.of("ClientRequestToken", "00000000-0000-0000-0000-000000000000"),
                "version '00000000-0000-0000-0000-000000000000' is not a version of secret 'app-blue'");
    }

    @Test
    void rotationNotEnabled() throws Exception {
        BlueGreenPair p = selfService();
        p.secrets.cancelRotateSecret(b -> b.secretId(p.blueArn));
        assertRefusedUnchanged(p, Map.of(), "secret 'app-blue' does not have rotation enabled");
    }

    @Test
    void secretValueThatIsNotJson() throws Exception {
        BlueGreenPair p = selfService();
        p.secrets.putSecretValue(b -> b.secretId(p.blueArn).secretString("user=blue password=" + p.leaks.known().get(0)));
        assertRefusedUnchanged(p, Map.of(), "AWSCURRENT of secret 'app-blue': the secret value is not valid JSON");
    }

    @Test
    void secretValueWithoutHost() throws Exception {
        BlueGreenPair p = selfService();
        String json = p.secretString(p.blueArn, null, "AWSCURRENT").replaceFirst("\"host\":\"[^\"]*\",", "");
        p.secrets.putSecretValue(b -> b.secretId(p.blueArn).secretString(json));
        assertRefusedUnchanged(p, Map.of(), "AWSCURRENT of secret 'app-blue': field 'host' is missing or empty");
    }

    @Test
    void unsupportedEngine() throws Exception {
        BlueGreenPair p = selfService();
        String json = p.secretString(p.blueArn, null, "AWSCURRENT").replace("\"engine\":\"" + p.db.engine() + "\"", "\"engine\":\"oracle\"");
        p.secrets.putSecretValue(b -> b.secretId(p.blueArn).secretString(json));
        assertRefusedUnchanged(p, Map.of(), "engine 'oracle' is not supported");
    }

    @Test
    void pendingVersionNamingTheOtherSlotsUserIsRefused() throws Exception {
        BlueGreenPair p = selfService();
        String token = p.startRotation(p.blueArn);
        String other = p.secretString(p.greenArn, null, "AWSCURRENT");
        p.secrets.putSecretValue(b -> b.secretId(p.blueArn).clientRequestToken(token).secretString(other).versionStages("AWSPENDING"));
        assertStepRefusedUnchanged(p, "setSecret", p.blueArn, token, Refusal.Reason.PROTECTED_USER,
                "names user '" + p.greenUser + "', the user of the other slot 'green'");
        assertTrue(p.db.logsIn(p.greenUser, p.password(p.greenArn, "AWSCURRENT")), "green's password was not touched");
    }

    // ---------------------------------------------------------------- hostile names, secrets in logs

    @Test
    void hostileUsernameRotatesWithoutInjection() throws Exception {
        pair = BlueGreenPair.withBlueUser(newDatabase(), hostileUserName());
        BlueGreenPair p = pair;
        String before = p.password(p.blueArn, "AWSCURRENT");
        p.rotate(p.blueArn);
        assertFalse(p.db.logsIn(p.blueUser, before));
        assertTrue(p.db.logsIn(p.blueUser, p.password(p.blueArn, "AWSCURRENT")));
        assertTrue(p.db.logsIn(p.greenUser, p.password(p.greenArn, "AWSCURRENT")), "the injected statement did not run");
    }

    /** A user name full of quoting characters that the engine accepts as a name. */
    abstract String hostileUserName();

    /** How the database names a client on this machine in its sessions view. */
    String loopbackClientHost(TestDatabase db) throws SQLException {
        return "127.0.0.1";
    }

    @Test
    void noPlaintextPasswordReachesTheServerLog() throws Exception {
        BlueGreenPair p = selfService();
        p.rotate(p.blueArn);
        String newPassword = p.password(p.blueArn, "AWSCURRENT");
        String log = p.db.statementLog();
        assertFalse(log.isEmpty(), "the server logged statements");
        assertFalse(log.contains(newPassword), "the new password reached the server's statement log in plaintext");
    }

    // ---------------------------------------------------------------- helpers

    private static void assertStepRefusedUnchanged(BlueGreenPair p, String step, String secretArn, String token,
                                                   Refusal.Reason reason, String expectedMessage) throws SQLException {
        PairSnapshot before = PairSnapshot.of(p);
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> p.step(step, secretArn, token));
        assertEquals(Optional.of(reason), e.outcome().refusal(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedMessage), e.getMessage());
        assertEquals(before, PairSnapshot.of(p));
    }

    private void assertRefusedUnchanged(BlueGreenPair p, Map<String, String> overrides, String expectedMessage) throws Exception {
        String token = p.startRotation(p.blueArn);
        Map<String, Object> event = new java.util.HashMap<>(Map.of("Step", "createSecret", "SecretId", p.blueArn, "ClientRequestToken", token));
        event.putAll(overrides);
        PairSnapshot before = PairSnapshot.of(p);
        RotationFailedException e = assertThrows(RotationFailedException.class, () -> p.handler().handle(event));
        assertInstanceOf(StepOutcome.Failed.class, e.outcome(), "bad input is a failure, not a guard's refusal");
        assertTrue(e.getMessage().contains(expectedMessage), e.getMessage());
        assertEquals(before, PairSnapshot.of(p));
    }

    private static void assertOneNewDeploymentEach(BlueGreenPair p, Parameter pointer) {
        for (String service : SERVICES) {
            List<Deployment> after = p.deployments(service).stream()
                    .filter(d -> !d.createdAt().isBefore(pointer.lastModifiedDate())).toList();
            assertEquals(1, after.size(), service + " has exactly one deployment since the pointer changed");
            assertEquals("PRIMARY", after.get(0).status());
        }
    }

    private static List<String> sorted(List<String> stages) {
        return stages.stream().sorted().toList();
    }
}
