package org.bluegreen.stack;

import org.bluegreen.rotator.LambdaProcess;
import org.bluegreen.testkit.aws.FakeLambda;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda as far as the stack needs it: functions with their configuration and resource-based permissions. An
 * invocation of a function's ARN checks that a permission lets Secrets Manager invoke exactly that ARN (Lambda
 * matches a permission to the qualifier it was added on; the template publishes no versions, so only the
 * unqualified ARN is modelled), and runs the built Lambda jar in a child JVM ({@link LambdaProcess}, on the JDK of the template's
 * runtime where this machine has one: {@code LambdaJava}) with that configuration's handler and environment, plus the
 * endpoint that serves the fake AWS.
 */
final class StackFunctions {

    static final String SECRETS_MANAGER = "secretsmanager.amazonaws.com";

    /** What a function (or version) runs with. */
    record Configuration(String handler, String runtime, Map<String, String> environment) {}

    /** One invocation as Secrets Manager made it: the ARN it named and the configuration that ran. */
    record Invocation(String arn, String step, Configuration configuration, LambdaProcess.Run run) {}

    private static final class Function {
        Configuration latest;

        Function(Configuration latest) {
            this.latest = latest;
        }
    }

    private record Permission(String functionArn, String principal, String sourceAccount) {}

    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final List<Permission> permissions = new ArrayList<>();
    private final List<Invocation> invocations = new ArrayList<>();
    private final Path workDir;
    private final Map<String, String> awsEnvironment;
    /** What lambda:GetFunctionConfiguration answers (the operator CLI reads the stack's configuration there). */
    private final FakeLambda configurationApi;

    StackFunctions(Path workDir, Map<String, String> awsEnvironment, FakeLambda configurationApi) {
        this.workDir = workDir;
        this.awsEnvironment = Map.copyOf(awsEnvironment);
        this.configurationApi = configurationApi;
    }

    static String arn(String name) {
        return "arn:aws:lambda:" + StackTemplate.REGION + ":" + StackTemplate.ACCOUNT + ":function:" + name;
    }

    synchronized void createFunction(String name, Configuration configuration) {
        functions.put(name, new Function(configuration));
        configurationApi.putFunction(name, configuration.environment());
    }

    /** UpdateFunctionConfiguration: the next invocation runs with it. */
    synchronized void updateFunction(String name, Configuration configuration) {
        function(name).latest = configuration;
        configurationApi.putFunction(name, configuration.environment());
    }

    synchronized void deleteFunction(String name) {
        functions.remove(name);
        permissions.removeIf(p -> p.functionArn().startsWith(arn(name)));
    }

    synchronized void addPermission(String functionNameOrArn, String principal, String sourceAccount) {
        String arn = functionNameOrArn.startsWith("arn:") ? functionNameOrArn : arn(functionNameOrArn);
        permissions.add(new Permission(arn, principal, sourceAccount));
    }

    synchronized void removePermission(String functionNameOrArn, String principal) {
        String arn = functionNameOrArn.startsWith("arn:") ? functionNameOrArn : arn(functionNameOrArn);
        permissions.removeIf(p -> p.functionArn().equals(arn) && p.principal().equals(principal));
    }

    synchronized boolean exists(String name) {
        return functions.containsKey(name);
    }

    /** The configuration an invocation of {@code arn} (a function's unqualified ARN) runs with. */
    synchronized Configuration configurationFor(String arn) {
        String name = arn.substring(arn.indexOf(":function:") + ":function:".length());
        if (name.contains(":")) {
            throw new UnsupportedOperationException("qualified function ARNs (versions, aliases) are not modelled: " + arn);
        }
        return function(name).latest;
    }

    synchronized List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /**
     * Secrets Manager invokes {@code arn} with one rotation event. A step that fails (the child JVM exits non-zero)
     * throws, as a failed invocation fails the rotation.
     */
    void invoke(String arn, Map<String, String> event) {
        Configuration configuration;
        synchronized (this) {
            String account = StackTemplate.ACCOUNT;
            boolean allowed = permissions.stream().anyMatch(p -> p.functionArn().equals(arn)
                    && p.principal().equals(SECRETS_MANAGER) && account.equals(p.sourceAccount()));
            if (!allowed) {
                throw new IllegalStateException("AccessDeniedException: no permission lets " + SECRETS_MANAGER
                        + " invoke " + arn);
            }
            configuration = configurationFor(arn);
        }
        Map<String, String> env = new HashMap<>(configuration.environment());
        env.putAll(awsEnvironment);
        LambdaProcess.Run run;
        try {
            run = LambdaProcess.run(workDir, configuration.handler(), env,
                    event.get("SecretId"), event.get("ClientRequestToken"), event.get("RotationToken"), event.get("Step"));
        } catch (IOException e) {
            throw new IllegalStateException("could not start the function's JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            invocations.add(new Invocation(arn, event.get("Step"), configuration, run));
        }
        if (run.exitCode() != 0) {
            throw new StepFailed(event.get("Step"), run);
        }
    }

    /** A failed invocation, as Secrets Manager sees one: the step fails, and with it RotateSecret. */
    static final class StepFailed extends RuntimeException {
        final transient LambdaProcess.Run run;

        StepFailed(String step, LambdaProcess.Run run) {
            super(step + " failed: " + lastLine(run.stderr()));
            this.run = run;
        }

        private static String lastLine(String stderr) {
            return stderr.lines().filter(l -> !l.isBlank() && !l.startsWith("\tat ")).findFirst().orElse("(no output)");
        }
    }

    private Function function(String name) {
        Function f = functions.get(name);
        if (f == null) {
            throw new IllegalStateException("ResourceNotFoundException: Function not found: " + arn(name));
        }
        return f;
    }
}
