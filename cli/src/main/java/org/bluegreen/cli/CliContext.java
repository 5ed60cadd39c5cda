package org.bluegreen.cli;

import org.bluegreen.rotator.aws.AwsClients;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a command runs against: the AWS clients, the environment, the clock and the output streams. Production
 * builds the clients from the SDK's defaults (so {@code AWS_ENDPOINT_URL} works); tests pass in-memory fakes.
 *
 * @param aws built on first use, so {@code --help} works without AWS configuration
 */
public record CliContext(Supplier<AwsClients> aws, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {

    public static CliContext system() {
        // Cheap: each SDK client is built when a command first calls its service.
        AwsClients clients = AwsClients.fromDefaults();
        return new CliContext(() -> clients, System.getenv(), Clock.systemUTC(), System.out, System.err);
    }
}
