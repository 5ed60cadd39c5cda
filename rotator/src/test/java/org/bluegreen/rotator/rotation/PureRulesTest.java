package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.aws.ServiceState.DeploymentState;
import org.bluegreen.rotator.config.DbEndpoint;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.engine.LiveSession;
import org.bluegreen.rotator.secret.DbSecret;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules that need neither a database nor AWS, on values alone: {@link DrainCheck}, {@link ActiveSlotGuard},
 * {@link PinnedEndpoint} and {@link ConfigurationCheck#isOne}. The steps that call them are in StepOrderTest and the
 * scenario suite.
 */
class PureRulesTest {

    private static final Instant POINTER_CHANGED = Instant.parse("2026-03-01T08:00:00Z");
    private static final PointerState POINTER = new PointerState("/app/db/active-slot", "green", 3, POINTER_CHANGED);

    private static ServiceState service(String name, DeploymentState... deployments) {
        return new ServiceState(name, List.of(deployments));
    }

    private static DeploymentState deployment(Instant created, String rollout, int running, int desired) {
        return new DeploymentState("ecs-svc/1", "PRIMARY", rollout, created, running, desired);
    }

    // ---------------------------------------------------------------- DrainCheck

    @Test
    void aSteadyServiceRedeployedAfterThePointerChangedIsDrained() {
        assertEquals(List.of(), DrainCheck.servicesProblems(List.of(
                service("web", deployment(POINTER_CHANGED.plusSeconds(60), "COMPLETED", 2, 2)),
                service("clb", deployment(POINTER_CHANGED, null, 1, 1))), POINTER));
    }

    @Test
    void aServiceDeployedBeforeThePointerChangedMayStillUseTheSlot() {
        List<String> problems = DrainCheck.servicesProblems(List.of(
                service("web", deployment(POINTER_CHANGED.minusSeconds(1), "COMPLETED", 2, 2))), POINTER);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("service 'web' has not been redeployed since pointer '/app/db/active-slot'"),
                problems.get(0));
    }

    @Test
    void aServiceMidRolloutOrShortOfTasksIsNotSteady() {
        Instant after = POINTER_CHANGED.plusSeconds(60);
        List<String> problems = DrainCheck.servicesProblems(List.of(
                service("rolling", deployment(after, "COMPLETED", 2, 2), deployment(after.minusSeconds(30), "COMPLETED", 2, 2)),
                service("inprogress", deployment(after, "IN_PROGRESS", 1, 2)),
                service("clb", deployment(after, null, 1, 2))), POINTER);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'rolling' is not steady: 2 deployments"), problems.get(0));
        assertTrue(problems.get(1).contains("'inprogress' is not steady: rollout IN_PROGRESS"), problems.get(1));
        assertTrue(problems.get(2).contains("'clb' is not steady: rollout state unknown, 1 of 2 tasks running"), problems.get(2));
    }

    @Test
    void liveSessionsAreCountedAcrossClients() {
        assertEquals("user 'app_blue' still has 3 live database sessions (" + new LiveSession("10.0.0.7", 2) + ", "
                        + new LiveSession("10.0.0.8", 1) + ")",
                DrainCheck.sessionsProblem("app_blue", List.of(new LiveSession("10.0.0.7", 2), new LiveSession("10.0.0.8", 1))));
        assertTrue(DrainCheck.sessionsProblem("app_blue", List.of(new LiveSession("10.0.0.7", 1)))
                .contains("1 live database session ("));
    }

    // ---------------------------------------------------------------- ActiveSlotGuard

    @Test
    void theSlotThePointerNamesIsRefusedAndTheOtherPasses() {
        Refusal r = assertThrows(Refusal.class, () -> ActiveSlotGuard.check(POINTER, "green", "app-green"));
        assertEquals(Refusal.Reason.ACTIVE_SLOT, r.reason());
        assertDoesNotThrow(() -> ActiveSlotGuard.check(POINTER, "blue", "app-blue"));
    }

    @Test
    void theLiveSlotMayBeSetOnlyWhileNothingRunsOnIt() {
        ServiceState before = service("web", deployment(POINTER_CHANGED.minusSeconds(1), "COMPLETED", 2, 2));
        ServiceState after = service("web", deployment(POINTER_CHANGED.plusSeconds(1), "COMPLETED", 2, 2));
        assertDoesNotThrow(() -> ActiveSlotGuard.checkNotServing(POINTER, "green", "app-green", List.of(before), List.of(),
                "app_green"), "day one: deployed before the pointer was written, no sessions");
        assertDoesNotThrow(() -> ActiveSlotGuard.checkNotServing(POINTER, "blue", "app-blue", List.of(after),
                List.of(new LiveSession("10.0.0.7", 1)), "app_blue"), "the inactive slot: not this rule's business");
        Refusal deployed = assertThrows(Refusal.class, () -> ActiveSlotGuard.checkNotServing(POINTER, "green", "app-green",
                List.of(after), List.of(), "app_green"));
        assertEquals(Refusal.Reason.ACTIVE_SLOT, deployed.reason());
        assertTrue(deployed.getMessage().contains("service 'web' was deployed after the pointer last changed"),
                deployed.getMessage());
        Refusal sessions = assertThrows(Refusal.class, () -> ActiveSlotGuard.checkNotServing(POINTER, "green", "app-green",
                List.of(before), List.of(new LiveSession("10.0.0.7", 1)), "app_green"));
        assertEquals(Refusal.Reason.ACTIVE_SLOT, sessions.reason());
        assertTrue(sessions.getMessage().contains("user 'app_green' still has 1 live database session"), sessions.getMessage());
    }

    // ---------------------------------------------------------------- PinnedEndpoint

    private static DbSecret secret(String engine, String host, int port, String dbname) {
        return DbSecret.parse("{\"engine\":\"" + engine + "\",\"host\":\"" + host + "\"" + (port == 0 ? "" : ",\"port\":" + port)
                + (dbname == null ? "" : ",\"dbname\":\"" + dbname + "\"") + ",\"username\":\"app_blue\",\"password\":\"pw\"}",
                "test");
    }

    private static Refusal.Reason pinRefusal(DbSecret s, List<DbEndpoint> pins) {
        return assertThrows(Refusal.class, () -> PinnedEndpoint.check(s, pins, Engines.forName(s.engine()), "AWSCURRENT"))
                .reason();
    }

    @Test
    void onlyAPinnedHostPortAndDatabasePass() {
        List<DbEndpoint> pins = List.of(new DbEndpoint("db.example.com", 5432, "appdb"));
        assertDoesNotThrow(() -> PinnedEndpoint.check(secret("postgres", "db.example.com", 5432, "appdb"), pins,
                Engines.forName("postgres"), "x"));
        assertDoesNotThrow(() -> PinnedEndpoint.check(secret("postgres", "db.example.com", 0, "appdb"), pins,
                Engines.forName("postgres"), "x"), "no port: the engine's default port is the one checked");
        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, pinRefusal(secret("postgres", "evil.example.com", 5432, "appdb"), pins));
        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, pinRefusal(secret("postgres", "db.example.com", 6432, "appdb"), pins));
        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, pinRefusal(secret("postgres", "db.example.com", 5432, "otherdb"), pins));
        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, pinRefusal(secret("mysql", "db.example.com", 0, "appdb"), pins),
                "no port on MySQL means 3306, which is not pinned");
    }

    @Test
    void noPinsTrustNothing() {
        Refusal r = assertThrows(Refusal.class, () -> PinnedEndpoint.check(secret("postgres", "db.example.com", 5432, "appdb"),
                List.of(), Engines.forName("postgres"), "x"));
        assertEquals(Refusal.Reason.UNTRUSTED_ENDPOINT, r.reason());
        assertTrue(r.getMessage().contains("DB_ENDPOINTS pins no database"), r.getMessage());
    }

    // ---------------------------------------------------------------- the configuration test's detection

    @Test
    void testSecretIsAConfigurationTestWhenThePendingVersionIsEmptyOrACopyOfCurrent() {
        String current = "{\"username\":\"app_blue\",\"password\":\"pw\"}";
        assertTrue(ConfigurationCheck.isOne(Optional.empty(), current), "RotateImmediately=false: no pending value");
        assertTrue(ConfigurationCheck.isOne(Optional.of(current), current), "a copy of AWSCURRENT");
        assertFalse(ConfigurationCheck.isOne(Optional.of("{\"username\":\"app_blue\",\"password\":\"new\"}"), current),
                "a rotation: createSecret stored a new password");
    }
}
