package org.bluegreen.rotator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.rotator.aws.AwsClients;
import org.bluegreen.rotator.aws.EcsServices;
import org.bluegreen.rotator.aws.PointerParameter;
import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.log.Redactor;
import org.bluegreen.rotator.rotation.RotationEvent;
import org.bluegreen.rotator.rotation.RotationException;
import org.bluegreen.rotator.rotation.Rotator;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * The Lambda entry point: parse Secrets Manager's event, run the step, log one line with the outcome.
 * Everything is built once per container, in the constructor Lambda calls; each AWS client when a step first needs
 * it. With SnapStart, Lambda runs {@link #beforeCheckpoint} before it takes the snapshot (see {@link Priming}).
 */
public final class RotationHandler implements RequestStreamHandler, Resource {

    private final Rotator rotator;
    private final JsonLog log;
    private final AwsClients clients;

    /** Called by the Lambda runtime: configuration from the environment, AWS clients from the SDK's defaults. */
    public RotationHandler() {
        this(System.getenv(), AwsClients.fromDefaults(), new JsonLog(System.out, Clock.systemUTC(), new Redactor()));
        Core.getGlobalContext().register(this);
    }

    public RotationHandler(Map<String, String> env, AwsClients clients, JsonLog log) {
        this.log = log;
        this.clients = clients;
        this.rotator = new Rotator(new SecretStore(clients::secretsManager), new PointerParameter(clients::ssm),
                new EcsServices(clients::ecs), FunctionSettings.fromEnvironment(env), log);
    }

    /** SnapStart only: loads what the steps use and builds the clients, without calling AWS or the database. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(clients);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: the snapshot holds no connection, credential or random state (see Priming).
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handle(JSON.std.mapFrom(input));
    }

    /** Runs one step; a failure is logged and rethrown with a message that names the problem and no secret. */
    public void handle(Map<String, Object> eventJson) {
        long start = System.nanoTime();
        String step = String.valueOf(eventJson.get("Step"));
        String secretId = String.valueOf(eventJson.get("SecretId"));
        try {
            RotationEvent event = RotationEvent.fromMap(eventJson);
            Rotator.Outcome outcome = rotator.rotate(event);
            log.info(step).with("secret", outcome.secretName()).with("slot", outcome.slot()).with("token", event.token())
                    .with("outcome", outcome.result()).with("durationMs", millisSince(start)).write();
        } catch (RuntimeException e) {
            log.error(step).with("secret", secretId).with("token", eventJson.get("ClientRequestToken"))
                    .with("outcome", "failed").with("durationMs", millisSince(start)).error(e).write();
            // Lambda prints the thrown exception with its causes: rethrow a clean one, masked like the log.
            throw new RotationFailedException(log.redactor().redact(step + " failed for " + secretId + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            log.redactor().clear();
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** What Secrets Manager sees when a step fails: the step, the secret and what went wrong. */
    public static final class RotationFailedException extends RotationException {
        RotationFailedException(String message) {
            super(message);
        }
    }
}
