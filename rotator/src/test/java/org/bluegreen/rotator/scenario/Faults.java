package org.bluegreen.rotator.scenario;

import org.bluegreen.testkit.aws.FakeAwsService;
import org.bluegreen.testkit.aws.FakeEcs;
import org.bluegreen.testkit.aws.FakeSecretsManager;
import org.bluegreen.testkit.aws.FakeSsm;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.util.HashSet;
import java.util.Set;

/** Failures a test injects into a pair: the function dying at a step, an AWS call failing before or after its write. */
public final class Faults {

    private final FakeSecretsManager secrets;
    private final FakeSsm ssm;
    private final FakeEcs ecs;
    /** Steps at which the function dies the next time it is invoked with them. */
    private final Set<String> crashes = new HashSet<>();

    Faults(FakeSecretsManager secrets, FakeSsm ssm, FakeEcs ecs) {
        this.secrets = secrets;
        this.ssm = ssm;
        this.ecs = ecs;
    }

    /** The next time the function is invoked with {@code step}, it dies before doing anything (a timeout, a crash). */
    public void crashAtNext(String step) {
        crashes.add(step);
    }

    /** The next call of {@code operation} reaches AWS and changes its state, then fails (a crash or timeout after the write). */
    public void failAfterNextCall(String operation) {
        fakeFor(operation).failAfterNextCall(operation, crash(operation));
    }

    /** The next call of {@code operation} fails without changing anything. */
    public void failNextCall(String operation) {
        fakeFor(operation).failNextCall(operation, crash(operation));
    }

    /** Throws the injected crash when the function is invoked with {@code step} after {@link #crashAtNext}. */
    void beforeStep(String step) {
        if (crashes.remove(step)) {
            throw new IllegalStateException("injected crash at " + step);
        }
    }

    private FakeAwsService fakeFor(String operation) {
        return switch (operation) {
            case "PutParameter", "GetParameter" -> ssm;
            case "UpdateService", "DescribeServices" -> ecs;
            default -> secrets;
        };
    }

    private static RuntimeException crash(String operation) {
        return SdkClientException.create("injected failure around " + operation);
    }
}
