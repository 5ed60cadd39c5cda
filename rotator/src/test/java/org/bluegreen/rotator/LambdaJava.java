package org.bluegreen.rotator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The {@code java} a child JVM that stands in for Lambda runs on: a JDK of the template's runtime ({@code java25})
 * where this machine has one ({@code JAVA25_HOME}, else a {@code /usr/lib/jvm} directory whose {@code release} file
 * says 25), otherwise the running Java, with one notice saying so. The jar is compiled for Java 17, so both work;
 * only the first is what a deployed function runs on.
 */
public final class LambdaJava {

    /** The feature release of the template's {@code Runtime: java25}. */
    public static final int RUNTIME_FEATURE = 25;

    private static Path home;

    private LambdaJava() {
    }

    /** The {@code bin/java} to start. */
    public static Path executable() {
        return home().resolve("bin").resolve("java");
    }

    /** For the figures and messages: e.g. "Java 25.0.1 (/usr/lib/jvm/temurin-25-jdk-amd64)". */
    public static String description() {
        return "Java " + version(home()) + " (" + home() + ")";
    }

    /** Its version, e.g. "25.0.1": what {@code java.version} says in the child. */
    public static String version() {
        return version(home());
    }

    private static synchronized Path home() {
        if (home == null) {
            home = candidates().stream().filter(h -> Files.isExecutable(h.resolve("bin").resolve("java"))
                    && feature(version(h)) == RUNTIME_FEATURE).findFirst().orElse(null);
            if (home == null) {
                home = Path.of(System.getProperty("java.home"));
                // One notice per test JVM: every child then runs on this Java.
                System.err.println("NOTICE: no JDK " + RUNTIME_FEATURE + " (JAVA" + RUNTIME_FEATURE
                        + "_HOME, /usr/lib/jvm/*): the handler's child JVMs run on this Java, " + description()
                        + ", not on the java" + RUNTIME_FEATURE + " runtime's");
            }
            System.out.println("handler child JVMs run on " + description());
        }
        return home;
    }

    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String configured = System.getenv("JAVA" + RUNTIME_FEATURE + "_HOME");
        if (configured != null && !configured.isBlank()) {
            out.add(Path.of(configured));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.add(Path.of(System.getProperty("java.home")));
        return out;
    }

    /** JAVA_VERSION from the JDK's release file ("25.0.1"); for the running Java, its own version. */
    private static String version(Path javaHome) {
        if (javaHome.equals(Path.of(System.getProperty("java.home")))) {
            return System.getProperty("java.version");
        }
        Properties release = new Properties();
        try (var in = Files.newInputStream(javaHome.resolve("release"))) {
            release.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return release.getProperty("JAVA_VERSION", "unknown").replace("\"", "");
    }

    private static int feature(String version) {
        String first = version.split("[.+-]")[0];
        return first.matches("\\d+") ? Integer.parseInt(first) : -1;
    }
}
