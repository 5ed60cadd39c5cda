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
import org.bluegreen.rotator.rotation.RotationException;
import org.bluegreen.rotator.rotation.Rotator;
import org.bluegreen.rotator.rotation.StepOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * The Lambda entry point: parse Secrets Manager's event, run the step, log one line with the outcome.
 * Everything is built once per container, in the constructor Lambda calls; each AWS client when a step first needs
 * it.
 */
public final class RotationHandler implements RequestStreamHandler {

    private final Rotator rotator;
    private final JsonLog log;

    /** Called by the Lambda runtime: configuration from the environment, AWS clients from the SDK's defaults. */
    public RotationHandler() {
        this(System.getenv(), AwsClients.fromDefaults(), new JsonLog(System.out, Clock.systemUTC(), new Redactor()));
    }

    public RotationHandler(Map<String, String> env, AwsClients clients, JsonLog log) {
        this.log = log;
        this.rotator = new Rotator(new SecretStore(clients::secretsManager), new PointerParameter(clients::ssm),
                new EcsServices(clients::ecs), FunctionSettings.fromEnvironment(env), log);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handle(JSON.std.mapFrom(input));
    }

    /**
     * Runs one step and logs its outcome; a refusal or a failure is rethrown (so Secrets Manager stops the
     * rotation) with a message that names the problem and no secret.
     */
    public void handle(Map<String, Object> eventJson) {
        long start = System.nanoTime();
        String step = String.valueOf(eventJson.get("Step"));
        StepOutcome outcome = rotator.runStep(eventJson);
        JsonLog.Line line;
        // outcome is the category, result or reason what a query or alarm selects on, detail the sentence for people.
        if (outcome instanceof StepOutcome.Succeeded s) {
            line = log.info(step).with("outcome", "succeeded").with("result", s.result()).with("detail", s.message());
        } else if (outcome instanceof StepOutcome.Refused r) {
            line = log.warn(step).with("outcome", "refused").with("reason", r.reason()).with("detail", r.message());
        } else {
            StepOutcome.Failed f = (StepOutcome.Failed) outcome;
            line = log.error(step).with("outcome", "failed").with("errorClass", f.errorClass()).with("detail", f.message())
                    .with("sqlState", f.sqlState()).with("vendorCode", f.vendorCode());
        }
        // The ClientRequestToken is the new version's id: not secret, and what ties the four steps together.
        // The RotationToken is never logged (Invocation masks it).
        long durationMs = millisSince(start);
        line.with("secretArn", outcome.subject().secretArn()).with("secretName", outcome.subject().secretName())
                .with("clientRequestToken", eventJson.get("ClientRequestToken")).with("durationMs", durationMs);
        StepMetrics.addTo(line, step, outcome, durationMs).write();
        if (!(outcome instanceof StepOutcome.Succeeded)) {
            throw new RotationFailedException(step, String.valueOf(eventJson.get("SecretId")), outcome);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** What Secrets Manager sees when a step is refused or fails: the step, the secret and what went wrong. */
    public static final class RotationFailedException extends RotationException {
        private final transient StepOutcome outcome;

        RotationFailedException(String step, String secretId, StepOutcome outcome) {
            // A refusal's message says "refused: ..." itself; a failure's names the exception's class.
            super(quote(step) + " failed for " + quote(secretId) + ": " + (outcome instanceof StepOutcome.Failed f
                    ? f.errorClass().substring(f.errorClass().lastIndexOf('.') + 1) + ": " : "") + outcome.message());
            this.outcome = outcome;
        }

        /** The refused or failed outcome: callers switch on its type and reason. */
        public StepOutcome outcome() {
            return outcome;
        }
    }
}
