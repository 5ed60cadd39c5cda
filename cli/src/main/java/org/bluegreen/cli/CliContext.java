package org.bluegreen.cli;

import org.bluegreen.cli.pair.CliAws;
import org.bluegreen.rotator.aws.AwsClients;
import software.amazon.awssdk.services.rds.RdsClient;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * What a command runs against: the AWS clients, the environment, the clock and the output streams. Production
 * builds the clients from {@code --region}, {@code --profile} and the environment ({@link CliAws}); tests pass
 * in-memory fakes.
 *
 * @param aws called once per run, on first use, so {@code --help} works without AWS configuration
 */
public record CliContext(AwsConnector aws, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {

    /** Where the operator pointed the CLI; either may be null (then the environment and profile decide). */
    public record AwsTarget(String region, String profile) {
    }

    /** The rotator's three clients, and RDS for the doctor's read-only RDS Proxy check. */
    public record Clients(AwsClients aws, RdsClient rds) {
    }

    /** Builds the clients for a target. */
    @FunctionalInterface
    public interface AwsConnector {
        Clients connect(AwsTarget target);
    }

    public static CliContext system() {
        Map<String, String> env = System.getenv();
        return new CliContext(target -> CliAws.connect(target, env), env, Clock.systemUTC(), System.out, System.err);
    }
}
