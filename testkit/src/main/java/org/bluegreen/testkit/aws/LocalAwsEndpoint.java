package org.bluegreen.testkit.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Serves Secrets Manager, SSM, ECS and (GetFunctionConfiguration only) Lambda over HTTP on {@code 127.0.0.1} (a free port), speaking the AWS JSON 1.1
 * protocol, so code that builds its own SDK clients (a Lambda handler's no-arg constructor, the AWS CLI, a
 * container entrypoint) can run against the in-memory fakes: point it at {@link #url()}, e.g. through
 * {@code AWS_ENDPOINT_URL} (see {@link #environment()}).
 *
 * <p>A request is {@code POST /} with {@code X-Amz-Target: <prefix>.<Operation>}; the prefixes are
 * {@code secretsmanager}, {@code AmazonSSM} and {@code AmazonEC2ContainerServiceV20141113}. The JSON body becomes
 * the SDK request object, the matching method of the given client is called, and its response goes back as JSON
 * ({@link SdkPojoJson}). Signatures and credentials are not checked; the region is whatever the caller signs for.
 *
 * <p>Errors come back as AWS sends them, {@code {"__type": code, "message": ...}} with the code also in the
 * {@code X-Amzn-ErrorType} header, so SDK clients rethrow the same exception type:
 * <ul>
 *   <li>an {@link AwsServiceException} keeps its status and its error code (the wire code the fakes set, e.g.
 *       {@code ParameterNotFound} for SSM's ParameterNotFoundException), else the class's simple name;
 *   <li>an unknown target or an operation the client does not implement: 400 {@code UnknownOperationException};
 *   <li>a body that does not fit the request shape: 400 {@code SerializationException};
 *   <li>any other exception (e.g. an injected {@code SdkClientException}): 500 {@code InternalFailure}. SDK clients
 *       retry 500s, so a fault injected with {@code failNextCall} is usually absorbed by the retry.
 * </ul>
 *
 * <pre>{@code
 * try (LocalAwsEndpoint aws = new LocalAwsEndpoint(secrets, ssm, ecs)) {
 *     SsmClient client = SsmClient.builder().endpointOverride(aws.url()).region(Region.US_EAST_1)
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
 * }
 * }</pre>
 */
public final class LocalAwsEndpoint implements AutoCloseable {

    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Pattern FUNCTION_CONFIGURATION = Pattern.compile("/2015-03-31/functions/([^/]+)/configuration/?");

    private record Target(Class<?> api, Object client) {}

    private record Reply(int status, String errorType, Map<String, Object> body) {
        static Reply error(int status, String type, String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("__type", type);
            body.put("message", message);
            return new Reply(status, type, body);
        }
    }

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final LambdaClient lambda;
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * Starts serving. Any client may be null: its service then answers every call with UnknownOperationException.
     * Requests are handled concurrently (a fake's RotateSecret may call back into this endpoint).
     */
    public LocalAwsEndpoint(SecretsManagerClient secretsManager, SsmClient ssm, EcsClient ecs) {
        this(secretsManager, ssm, ecs, null);
    }

    /**
     * With Lambda too (may be null): {@code GET /2015-03-31/functions/<name>/configuration[?Qualifier=q]}, Lambda's
     * REST-JSON form of GetFunctionConfiguration, is answered by {@code lambda}.
     */
    public LocalAwsEndpoint(SecretsManagerClient secretsManager, SsmClient ssm, EcsClient ecs, LambdaClient lambda) {
        this.lambda = lambda;
        targets.put("secretsmanager", new Target(SecretsManagerClient.class, secretsManager));
        targets.put("AmazonSSM", new Target(SsmClient.class, ssm));
        targets.put("AmazonEC2ContainerServiceV20141113", new Target(EcsClient.class, ecs));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "local-aws-endpoint");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: for {@code endpointOverride}, {@code AWS_ENDPOINT_URL} or {@code --endpoint-url}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * Environment variables that send SDK clients and the AWS CLI here: {@code AWS_ENDPOINT_URL}, {@code AWS_REGION}
     * ({@code us-east-1}, as in the fakes' ARNs) and dummy static credentials.
     */
    public Map<String, String> environment() {
        return Map.of(
                "AWS_ENDPOINT_URL", url().toString(),
                "AWS_REGION", FakeAwsService.REGION,
                "AWS_ACCESS_KEY_ID", "AKIDLOCALENDPOINT",
                "AWS_SECRET_ACCESS_KEY", "local-endpoint-secret");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Reply reply;
            try {
                Matcher function = FUNCTION_CONFIGURATION.matcher(exchange.getRequestURI().getRawPath());
                reply = "GET".equals(exchange.getRequestMethod()) && function.matches()
                        ? functionConfiguration(function.group(1), exchange.getRequestURI().getRawQuery())
                        : "POST".equals(exchange.getRequestMethod())
                        ? dispatch(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body)
                        : Reply.error(400, "UnknownOperationException", "only POST is served");
            } catch (RuntimeException e) {
                reply = internalFailure(e);
            }
            byte[] out = JSON.std.asBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            if (reply.errorType() != null) {
                exchange.getResponseHeaders().set("X-Amzn-ErrorType", reply.errorType());
            }
            exchange.sendResponseHeaders(reply.status(), out.length);
            exchange.getResponseBody().write(out);
        } finally {
            exchange.close();
        }
    }

    private Reply dispatch(String target, byte[] body) {
        int dot = target == null ? -1 : target.lastIndexOf('.');
        Target service = dot < 0 ? null : targets.get(target.substring(0, dot));
        Method method = service == null || service.client() == null ? null : operation(service.api(), target.substring(dot + 1));
        if (method == null) {
            return Reply.error(400, "UnknownOperationException", "unknown operation " + target);
        }
        Object request;
        try {
            Map<?, ?> json = body.length == 0 ? Map.of() : JSON.std.mapFrom(body);
            request = SdkPojoJson.fromJson(json, (SdkBuilder<?, ?>) method.getParameterTypes()[0].getMethod("builder").invoke(null));
        } catch (IOException | RuntimeException e) {
            return Reply.error(400, "SerializationException", e.getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        try {
            return new Reply(200, null, SdkPojoJson.toJson((SdkPojo) method.invoke(service.client(), request)));
        } catch (InvocationTargetException e) {
            return errorReply(target, e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply functionConfiguration(String rawName, String rawQuery) {
        if (lambda == null) {
            return Reply.error(400, "UnknownOperationException", "Lambda is not served here");
        }
        String qualifier = null;
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            if (pair.startsWith("Qualifier=")) {
                qualifier = URLDecoder.decode(pair.substring("Qualifier=".length()), StandardCharsets.UTF_8);
            }
        }
        GetFunctionConfigurationRequest request = GetFunctionConfigurationRequest.builder()
                .functionName(URLDecoder.decode(rawName, StandardCharsets.UTF_8)).qualifier(qualifier).build();
        try {
            return new Reply(200, null, SdkPojoJson.toJson(lambda.getFunctionConfiguration(request)));
        } catch (RuntimeException e) {
            return errorReply("lambda.GetFunctionConfiguration", e);
        }
    }

    /** The client method taking {@code <Operation>Request} from the service's model package, or null. */
    private static Method operation(Class<?> api, String operation) {
        Class<?> requestType;
        try {
            requestType = Class.forName(api.getPackageName() + ".model." + operation + "Request", true, api.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        return Arrays.stream(api.getMethods())
                .filter(m -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == requestType)
                .findFirst()
                .orElse(null);
    }

    private static Reply errorReply(String target, Throwable error) {
        if (error instanceof AwsServiceException e) {
            var details = e.awsErrorDetails();
            String code = details != null && details.errorCode() != null ? details.errorCode() : e.getClass().getSimpleName();
            String message = details != null && details.errorMessage() != null ? details.errorMessage() : e.getMessage();
            return Reply.error(e.statusCode() > 0 ? e.statusCode() : 400, code, message);
        }
        if (error instanceof UnsupportedOperationException) {
            return Reply.error(400, "UnknownOperationException", target + " is not implemented here");
        }
        if (error instanceof Error e) {
            throw e;
        }
        return internalFailure(error);
    }

    private static Reply internalFailure(Throwable error) {
        return Reply.error(500, "InternalFailure", error.getClass().getSimpleName() + ": " + error.getMessage());
    }
}
