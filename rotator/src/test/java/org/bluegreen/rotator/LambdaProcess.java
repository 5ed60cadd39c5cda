package org.bluegreen.rotator;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The handler run the way Lambda runs it, in a child JVM on the runtime's Java ({@link LambdaJava}): built by its
 * no-arg constructor, so configuration comes from the real process environment and the AWS clients from
 * {@code AwsClients.fromDefaults()} (and {@code AWS_ENDPOINT_URL}), and fed event JSON bytes through
 * {@code handleRequest}, one warm container for all the events of a run. The child stops at the first event that
 * throws.
 */
public final class LambdaProcess {

    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);
    /** The child's first stdout line: which Java ran the handler. */
    private static final String JAVA_LINE = "# java.version=";
    private static final String HANDLER = "--handler=";
    /** The handler this project's template names, in Lambda's {@code Class::method} form. */
    public static final String DEFAULT_HANDLER = RotationHandler.class.getName() + "::handleRequest";

    private LambdaProcess() {
    }

    public record Run(int exitCode, String stdout, String stderr) {
        public String both() {
            return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
        }

        /** The events (steps) of the handler's step lines whose {@code outcome} is {@code succeeded}. */
        public List<String> outcomeEvents() throws IOException {
            return succeeded("event");
        }

        /** The {@code result} of each succeeded step line, in order (a {@code StepOutcome.Result} name). */
        public List<String> results() throws IOException {
            return succeeded("result");
        }

        private List<String> succeeded(String field) throws IOException {
            return stepLines().stream().filter(json -> "succeeded".equals(json.get("outcome")))
                    .map(json -> String.valueOf(json.get(field))).toList();
        }

        /** The handler's step lines (those with an {@code outcome}), parsed, in order: the fields alarms read. */
        public List<Map<String, Object>> stepLines() throws IOException {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("{")) {
                    Map<String, Object> json = JSON.std.mapFrom(line);
                    if (json.containsKey("outcome")) {
                        lines.add(json);
                    }
                }
            }
            return lines;
        }

        /** Each step line as {@code event outcome result-or-reason-or-errorClass}, e.g. {@code createSecret refused ACTIVE_SLOT}. */
        public List<String> outcomes() throws IOException {
            return stepLines().stream().map(json -> json.get("event") + " " + json.get("outcome") + " "
                    + json.getOrDefault("result", json.getOrDefault("reason", json.get("errorClass")))).toList();
        }

        /** The version of the Java the handler ran on, as the child JVM reported it. */
        public String javaVersion() {
            return stdout.lines().filter(l -> l.startsWith(JAVA_LINE)).map(l -> l.substring(JAVA_LINE.length()))
                    .findFirst().orElseThrow(() -> new AssertionError("the child did not say which Java ran it"));
        }

        public boolean mentionsAny(List<String> secrets) {
            return secrets.stream().anyMatch(s -> stdout.contains(s) || stderr.contains(s));
        }
    }

    /**
     * Runs the steps for one token through one handler. {@code environment} is all the child gets of AWS settings:
     * nothing is inherited from this machine, no shared config or credentials files.
     */
    public static Run run(Path dir, Map<String, String> environment, String secretId, String token, String rotationToken,
                          String... steps) throws IOException, InterruptedException {
        return run(dir, DEFAULT_HANDLER, environment, secretId, token, rotationToken, steps);
    }

    /**
     * As {@link #run(Path, Map, String, String, String, String...)}, through {@code handler} ({@code Class::method},
     * as a function's {@code Handler} names it).
     */
    public static Run run(Path dir, String handler, Map<String, String> environment, String secretId, String token,
                          String rotationToken, String... steps) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                LambdaJava.executable().toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", childClassPath(),
                Main.class.getName(), HANDLER + handler));
        Path runDir = Files.createTempDirectory(dir, "run-");
        for (int i = 0; i < steps.length; i++) {
            Path event = runDir.resolve(i + "-" + steps[i] + ".json");
            Files.write(event, JSON.std.asBytes(Map.of("Step", steps[i], "SecretId", secretId,
                    "ClientRequestToken", token, "RotationToken", rotationToken)));
            command.add(event.toString());
        }
        Path stdout = runDir.resolve("stdout.txt");
        Path stderr = runDir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", runDir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", runDir.resolve("no-credentials").toString());
        env.putAll(environment);

        Process child = pb.start();
        if (!child.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new AssertionError("the handler's JVM did not finish within " + CHILD_TIMEOUT + ":\n"
                    + Files.readString(stdout) + Files.readString(stderr));
        }
        return new Run(child.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    /**
     * The built Lambda jar (system property {@code bluegreen.lambdaJar}, which rotator/pom.xml sets for the run after
     * the shade) and this class for {@link Main}; the test class path when the property is not set (a test run from
     * the {@code test} phase or an IDE).
     */
    private static String childClassPath() {
        String lambdaJar = System.getProperty("bluegreen.lambdaJar");
        if (lambdaJar == null) {
            return System.getProperty("java.class.path");
        }
        if (!Files.isRegularFile(Path.of(lambdaJar))) {
            throw new AssertionError("the Lambda jar " + lambdaJar + " has not been built");
        }
        try {
            return lambdaJar + java.io.File.pathSeparator
                    + Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the Lambda Java runtime does, reduced: load the class the handler string ({@code --handler=Class::method})
     * names, construct it once with its no-arg constructor, then pass each event's bytes to that method (a stream
     * handler: input, output, Context). The Context is null: the handler does not use it. An exception leaves main,
     * so the JVM prints it to stderr and exits with 1, as a failed invocation reports it.
     */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            System.out.println(JAVA_LINE + System.getProperty("java.version"));
            String[] handlerName = args[0].substring(HANDLER.length()).split("::", 2);
            Class<?> handlerClass = Class.forName(handlerName[0]);
            Object handler = handlerClass.getConstructor().newInstance();
            java.lang.reflect.Method method = java.util.Arrays.stream(handlerClass.getMethods())
                    .filter(m -> m.getName().equals(handlerName[1]) && m.getParameterCount() == 3
                            && m.getParameterTypes()[0] == InputStream.class)
                    .findFirst()
                    .orElseThrow(() -> new NoSuchMethodException(args[0] + " (a stream handler)"));
            for (String file : java.util.Arrays.asList(args).subList(1, args.length)) {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    method.invoke(handler, in, new ByteArrayOutputStream(), null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
    }
}
