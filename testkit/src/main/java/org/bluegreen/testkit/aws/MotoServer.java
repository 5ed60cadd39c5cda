package org.bluegreen.testkit.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * moto's server ({@code moto_server}, getmoto/moto) on a free port of 127.0.0.1, as a second, independent model of
 * Secrets Manager, SSM and ECS: production SDK clients reach it through {@link #environment()}'s
 * {@code AWS_ENDPOINT_URL}. Found through {@code MOTO_SERVER} (a path), {@code PATH}, or the pyenv shims;
 * {@link #startIfInstalled} is empty where it is not installed, so a test tier can say so and skip.
 *
 * <p>moto's RotateSecret "invokes" the configured Lambda; it runs no code here because the server is told to use
 * its stub Lambda backend ({@code /moto-api/config}: {@code lambda.use_docker = false}). The test plays the Lambda
 * service and invokes the real handler with the version moto staged. {@code MOTO_ECS_SERVICE_RUNNING} makes each
 * service's deployment report its tasks running (rollout {@code COMPLETED}).
 */
public final class MotoServer implements AutoCloseable {

    public static final String REGION = "us-east-1";
    /** moto's default account, which it puts in every ARN. */
    public static final String ACCOUNT_ID = "123456789012";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI url;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MotoServer(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** The {@code moto_server} executable, if this machine has one. */
    public static Optional<Path> executable() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("MOTO_SERVER");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "moto_server"));
                }
            }
        }
        candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "moto_server"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts a private moto server, or returns empty when none is installed. A server that is installed but does
     * not start is an error, not a skip.
     *
     * @param runningTasksPerService what each ECS service's deployment reports as running
     */
    public static Optional<MotoServer> startIfInstalled(int runningTasksPerService) {
        Optional<Path> exe = executable();
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Files.createTempFile("moto-server-", ".log");
            ProcessBuilder pb = new ProcessBuilder(exe.get().toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("MOTO_ECS_SERVICE_RUNNING", String.valueOf(runningTasksPerService));
            MotoServer server = new MotoServer(pb.start(), URI.create("http://127.0.0.1:" + port), log);
            try {
                server.awaitReady();
                server.post("/moto-api/config", "{\"lambda\":{\"use_docker\":false}}", Map.of());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return Optional.of(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + exe.get(), e);
        }
    }

    public URI url() {
        return url;
    }

    /** What a process needs for its SDK clients to use this server: endpoint, region and dummy credentials. */
    public Map<String, String> environment() {
        return Map.of(
                "AWS_ENDPOINT_URL", url.toString(),
                "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing");
    }

    /** An SDK client of this test's own (setup and checks) pointed at this server. */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(url).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    /**
     * Creates a Lambda function for RotateSecret to name (moto requires one that exists, with a role Lambda may
     * assume) and returns its ARN. The stub backend never runs its code.
     */
    public String createRotationFunction(String name) {
        String role = "arn:aws:iam::" + ACCOUNT_ID + ":role/" + name + "-role";
        post("/", "Action=CreateRole&Version=2010-05-08&RoleName=" + encode(name + "-role")
                + "&AssumeRolePolicyDocument=" + encode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", authorization("iam")));
        post("/2015-03-31/functions", "{\"FunctionName\":\"" + name + "\",\"Runtime\":\"java17\",\"Role\":\"" + role
                        + "\",\"Handler\":\"org.bluegreen.rotator.RotationHandler::handleRequest\",\"Code\":{\"ZipFile\":\""
                        + Base64.getEncoder().encodeToString(emptyZip()) + "\"}}",
                Map.of("Content-Type", "application/json", "Authorization", authorization("lambda")));
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + name;
    }

    /** The server's own output, for a failure message. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url.resolve("/moto-api/")).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
        }
        throw new IllegalStateException("moto_server did not answer within " + START_TIMEOUT + ":\n" + log());
    }

    private String post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException("moto " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** moto's server picks the service from the credential scope of the Authorization header; it checks no signature. */
    private static String authorization(String service) {
        return "AWS4-HMAC-SHA256 Credential=testing/20260101/" + REGION + "/" + service
                + "/aws4_request, SignedHeaders=host, Signature=0";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] emptyZip() throws UncheckedIOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("README"));
            zip.write("moto's stub Lambda backend runs no code".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
