package org.bluegreen.testkit.aws;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * In-memory Lambda with one operation, GetFunctionConfiguration, as the API reference describes it: the function is
 * named by its name, its ARN or a partial ARN ({@code 123456789012:function:name}), any of them optionally with a
 * version or alias qualifier ({@code :live}, or the {@code Qualifier} parameter); the response carries
 * {@code FunctionName}, {@code FunctionArn} (qualified when a qualifier was given), {@code LastModified} and the
 * {@code Environment}'s {@code Variables}. An unknown function fails with {@code ResourceNotFoundException}
 * ("Function not found: &lt;arn&gt;", HTTP 404). Every qualifier serves the unqualified function's configuration:
 * the template publishes no versions.
 */
public final class FakeLambda extends FakeAwsService implements LambdaClient {

    private static final Pattern NAME = Pattern.compile(
            "(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:)?(?:\\d{12}:)?(?:function:)?([a-zA-Z0-9_.-]+)(?::([a-zA-Z0-9$_-]+))?");

    private record Function(String arn, Map<String, String> environment, String lastModified) {}

    private final Map<String, Function> functions = new LinkedHashMap<>();

    public FakeLambda(Clock clock) {
        super(clock, "Lambda");
    }

    /**
     * Creates the function, or replaces its environment (UpdateFunctionConfiguration's effect); returns its ARN.
     * The environment is copied.
     */
    public synchronized String putFunction(String name, Map<String, String> environment) {
        String arn = "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + name;
        functions.put(name, new Function(arn, Map.copyOf(environment), DateTimeFormatter.ISO_INSTANT.format(now())));
        return arn;
    }

    @Override
    public GetFunctionConfigurationResponse getFunctionConfiguration(GetFunctionConfigurationRequest request) {
        return call("GetFunctionConfiguration", () -> {
            Matcher m = NAME.matcher(request.functionName() == null ? "" : request.functionName());
            Function f = m.matches() ? functions.get(m.group(1)) : null;
            String qualifier = request.qualifier() != null ? request.qualifier() : m.matches() ? m.group(2) : null;
            String arn = f != null ? f.arn() : "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:"
                    + (m.matches() ? m.group(1) : request.functionName());
            String shown = qualifier == null ? arn : arn + ":" + qualifier;
            if (f == null) {
                throw notFound("Function not found: " + shown);
            }
            return GetFunctionConfigurationResponse.builder()
                    .functionName(m.group(1))
                    .functionArn(shown)
                    .version(qualifier == null || qualifier.equals("$LATEST") ? "$LATEST" : qualifier)
                    .lastModified(f.lastModified())
                    .environment(EnvironmentResponse.builder().variables(f.environment()).build())
                    .build();
        });
    }

    private ResourceNotFoundException notFound(String message) {
        ResourceNotFoundException e = (ResourceNotFoundException) error(ResourceNotFoundException.builder(),
                "ResourceNotFoundException", message);
        return (ResourceNotFoundException) e.toBuilder().statusCode(404).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
