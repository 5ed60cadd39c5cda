package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.aws.FakeAwsService;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every point at which a rotation can fail, and whether Secrets Manager's retry of the whole rotation with the same
 * token then completes it. The points come from a clean rotation of the same pair: the function dying as a step
 * starts; each AWS call of each step failing before its write reaches AWS, or after (the function saw a timeout);
 * the database going away at each connection of each step, for the rest of that step, and coming back for the
 * retry. The pair alternates slots, so each point is tried on a slot the app does not use, as in production.
 */
final class CrashPointSweep {

    /** One place to fail: a step, and what fails in it. */
    record CrashPoint(String step, Kind kind, String operation, int occurrence) {
        enum Kind { STEP_START, AWS_BEFORE_WRITE, AWS_AFTER_WRITE, DATABASE_DOWN }

        @Override
        public String toString() {
            return switch (kind) {
                case STEP_START -> step + ": the function dies as it starts";
                case AWS_BEFORE_WRITE -> step + ": " + operation + " #" + occurrence + " fails before AWS applies it";
                case AWS_AFTER_WRITE -> step + ": " + operation + " #" + occurrence + " fails after AWS applied it";
                case DATABASE_DOWN -> step + ": the database goes away at connection #" + occurrence;
            };
        }
    }

    /** What a sweep found: every point, and those whose retry did not complete the rotation, with why. */
    record Result(List<CrashPoint> points, Map<CrashPoint, String> notConverged) {
        int converged() {
            return points.size() - notConverged.size();
        }
    }

    private final BlueGreenPair pair;
    private final DatabaseOutage outage;

    CrashPointSweep(BlueGreenPair pair, DatabaseOutage outage) {
        this.pair = pair;
        this.outage = outage;
    }

    Result run() throws SQLException {
        List<CrashPoint> points = cleanRotationPoints(pair.blueArn);
        Map<CrashPoint, String> notConverged = new LinkedHashMap<>();
        for (CrashPoint point : points) {
            nextRotation();
            // The slot the app does not use, as Secrets Manager's schedule would find it.
            String slot = "blue".equals(pair.pointer().value()) ? pair.greenArn : pair.blueArn;
            String why = failThenRetry(slot, point);
            if (why != null) {
                notConverged.put(point, why);
                // An operator's repair, so the next points start from a working pair: the database gets back the
                // password AWSCURRENT holds (what `bluegreen recover` would do).
                String user = slot.equals(pair.blueArn) ? pair.blueUser : pair.greenUser;
                pair.db.setPassword(user, pair.password(slot, "AWSCURRENT"));
            }
        }
        return new Result(points, notConverged);
    }

    /** A clean rotation, recording each step's AWS calls and database connections. */
    private List<CrashPoint> cleanRotationPoints(String secretArn) {
        List<CrashPoint> points = new ArrayList<>();
        String token = pair.startRotation(secretArn);
        for (String step : FakeSecretsManager.ROTATION_STEPS) {
            List<FakeAwsService> fakes = List.of(pair.secrets, pair.ssm, pair.ecs);
            fakes.forEach(FakeAwsService::clearCalls);
            outage.mark();
            pair.step(step, secretArn, token);
            points.add(new CrashPoint(step, CrashPoint.Kind.STEP_START, null, 0));
            for (FakeAwsService fake : fakes) {
                Map<String, Integer> seen = new HashMap<>();
                for (String operation : fake.calls()) {
                    int occurrence = seen.merge(operation, 1, Integer::sum);
                    points.add(new CrashPoint(step, CrashPoint.Kind.AWS_BEFORE_WRITE, operation, occurrence));
                    points.add(new CrashPoint(step, CrashPoint.Kind.AWS_AFTER_WRITE, operation, occurrence));
                }
            }
            for (int n = 1; n <= outage.connections(); n++) {
                points.add(new CrashPoint(step, CrashPoint.Kind.DATABASE_DOWN, null, n));
            }
        }
        return points;
    }

    /** Two weeks on, every rollout done: the other slot may rotate. */
    private void nextRotation() {
        pair.rolloutsComplete();
        pair.clock.advance(Duration.ofDays(14));
    }

    /** Null when the rotation, failed at {@code point} and retried whole with the same token, completed. */
    private String failThenRetry(String secretArn, CrashPoint point) throws SQLException {
        String user = secretArn.equals(pair.blueArn) ? pair.blueUser : pair.greenUser;
        String peerArn = secretArn.equals(pair.blueArn) ? pair.greenArn : pair.blueArn;
        String peerUser = secretArn.equals(pair.blueArn) ? pair.greenUser : pair.blueUser;
        String before = pair.password(secretArn, "AWSCURRENT");
        String token = pair.startRotation(secretArn);
        boolean failed = false;
        for (String step : FakeSecretsManager.ROTATION_STEPS) {
            outage.mark();
            arm(step, point);
            try {
                pair.step(step, secretArn, token);
            } catch (RuntimeException e) {
                failed = true;
                break; // Secrets Manager stops the rotation at a failed step
            } finally {
                outage.up();
            }
        }
        boolean armed = point.operation() != null && fakeFor(point.operation()).faultPending(point.operation());
        if (!failed || armed) {
            if (armed) {
                fakeFor(point.operation()).clearFaults();
            }
            return "the injected failure never happened: the rotation took another path than the clean one";
        }
        for (String step : FakeSecretsManager.ROTATION_STEPS) {
            try {
                pair.step(step, secretArn, token);
            } catch (RuntimeException e) {
                return "the retry failed at " + step + ": " + e.getMessage();
            }
        }
        String after = pair.password(secretArn, "AWSCURRENT");
        if (!pair.stages(secretArn).get(token).contains("AWSCURRENT")) {
            return "the rotated version is not AWSCURRENT";
        }
        if (after.equals(before) || !pair.db.logsIn(user, after) || pair.db.logsIn(user, before)) {
            return "the database does not hold exactly the new password";
        }
        if (!pair.db.logsIn(peerUser, pair.password(peerArn, "AWSCURRENT"))) {
            return "the other slot's password changed";
        }
        Parameter pointer = pair.pointer();
        String slot = secretArn.equals(pair.blueArn) ? "blue" : "green";
        if (!slot.equals(pointer.value())) {
            return "the pointer names " + pointer.value();
        }
        for (String service : BlueGreenPair.SERVICES) {
            List<Deployment> since = pair.deployments(service).stream()
                    .filter(d -> !d.createdAt().isBefore(pointer.lastModifiedDate())).toList();
            if (since.size() != 1) {
                return service + " has " + since.size() + " deployments since the pointer changed, not 1";
            }
        }
        return null;
    }

    private void arm(String step, CrashPoint point) {
        if (!point.step().equals(step)) {
            return;
        }
        switch (point.kind()) {
            case STEP_START -> pair.faults.crashAtNext(step);
            case AWS_BEFORE_WRITE, AWS_AFTER_WRITE -> fakeFor(point.operation()).failCall(point.operation(),
                    point.occurrence() - 1, point.kind() == CrashPoint.Kind.AWS_AFTER_WRITE,
                    SdkClientException.create("injected failure around " + point.operation()));
            case DATABASE_DOWN -> outage.downFromConnection(point.occurrence());
        }
    }

    private FakeAwsService fakeFor(String operation) {
        for (FakeAwsService fake : List.of(pair.secrets, pair.ssm, pair.ecs)) {
            if (fake.getClass().getSimpleName().equals(serviceOf(operation))) {
                return fake;
            }
        }
        throw new IllegalArgumentException(operation);
    }

    private static String serviceOf(String operation) {
        return switch (operation) {
            case "PutParameter", "GetParameter", "GetParameterHistory" -> "FakeSsm";
            case "UpdateService", "DescribeServices" -> "FakeEcs";
            default -> "FakeSecretsManager";
        };
    }
}
