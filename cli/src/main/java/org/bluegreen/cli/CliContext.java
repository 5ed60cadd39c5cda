package org.bluegreen.cli;

import org.bluegreen.cli.aws.CliAws;
import org.bluegreen.cli.aws.Clients;

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
public record CliContext(Clients.Connector aws, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {

    public static CliContext system() {
        Map<String, String> env = System.getenv();
        return new CliContext(target -> CliAws.connect(target, env), env, Clock.systemUTC(), System.out, System.err);
    }
}
