package org.bluegreen.cli.aws;

import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The environment of a rotation function, read with lambda:GetFunctionConfiguration: where the template writes a
 * pair's configuration. The function named by a secret's RotationLambdaARN is the unqualified function, so this
 * reads the configuration its next invocation runs with. Each function is read once per run, however many pairs
 * it serves.
 */
public final class RotationFunctions {

    private final LambdaClient lambda;
    private final Map<String, Map<String, String>> read = new ConcurrentHashMap<>();

    public RotationFunctions(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /** The function's environment variables; empty when it has none. */
    public Map<String, String> environment(String functionArn) {
        return read.computeIfAbsent(functionArn, arn -> {
            GetFunctionConfigurationResponse r = lambda.getFunctionConfiguration(b -> b.functionName(arn));
            EnvironmentResponse environment = r.environment();
            return environment == null ? Map.of() : Map.copyOf(environment.variables());
        });
    }
}
