package org.bluegreen.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** test-resources/ stays complete and well-formed, and holds nothing that looks like a real credential. */
class TestResourcesTest {

    private static final List<String> STEPS = List.of("createSecret", "setSecret", "testSecret", "finishSecret");
    private static final Set<String> ENGINES = Set.of("postgres", "aurora-postgresql", "mysql", "mariadb", "aurora-mysql");

    private static Map<String, Object> json(Path p) throws IOException {
        return JSON.std.mapFrom(Files.readString(p));
    }

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(Repo.file(dir))) {
            return s.sorted().toList();
        }
    }

    @Test
    void oneEventPerStepInBothSpellings() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (Path p : files("test-resources/events")) {
            Map<String, Object> e = json(p);
            String step = (String) e.get("Step");
            assertEquals(step + ".json", p.getFileName().toString(), "file named after its step");
            assertTrue(e.get("SecretId") instanceof String id && id.startsWith("arn:aws:secretsmanager:"), p.toString());
            assertTrue(e.get("ClientRequestToken") instanceof String t && !t.isBlank(), p.toString());
            seen.add(step);
        }
        Set<String> expected = new TreeSet<>(STEPS);
        for (String step : STEPS) {
            expected.add(step.replaceAll("([A-Z])", "_$1").toLowerCase()); // createSecret -> create_secret
        }
        assertEquals(expected, seen);
        assertTrue(files("test-resources/events").stream().anyMatch(p -> {
            try {
                return json(p).containsKey("RotationToken");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }), "at least one event carries a RotationToken");
    }

    @Test
    void slotSecretsForEveryEngineInBothModes() throws IOException {
        Set<String> selfService = new TreeSet<>();
        Set<String> admin = new TreeSet<>();
        for (Path p : files("test-resources/secrets")) {
            String name = p.getFileName().toString();
            Map<String, Object> s = json(p);
            for (String key : List.of("engine", "host", "port", "username", "password")) {
                assertTrue(s.containsKey(key), name + " lacks " + key);
            }
            assertTrue(ENGINES.contains(s.get("engine")), name);
            assertTrue(s.get("port") instanceof Number, name + ": port is a number");
            assertTrue(((String) s.get("password")).startsWith("placeholder-"), name + ": obvious placeholder passwords only");
            if (name.startsWith("master-")) {
                assertFalse(s.containsKey("masterarn"), name);
            } else if (name.endsWith("-admin.json")) {
                assertTrue(((String) s.get("masterarn")).startsWith("arn:aws:secretsmanager:"), name);
                admin.add((String) s.get("engine"));
            } else {
                assertFalse(s.containsKey("masterarn"), name);
                selfService.add((String) s.get("engine"));
            }
        }
        assertEquals(new TreeSet<>(ENGINES), selfService);
        assertEquals(new TreeSet<>(ENGINES), admin);
    }

    @Test
    void rotatorEnvFileSetsOnlyVariablesTheFunctionReadsAndTheTemplateSets() throws IOException {
        Map<String, String> env = envFile("test-resources/env/rotator.env");
        Map<String, Object> vars = CfnYaml.map(CfnYaml.get(CfnYaml.loadTemplate(),
                "Resources", "RotationFunction", "Properties", "Environment", "Variables"));
        assertTrue(vars.keySet().containsAll(env.keySet()), env.keySet() + " vs " + vars.keySet());
        assertTrue(env.keySet().containsAll(Set.of("POINTER_PARAMETER", "ECS_CLUSTER", "ECS_SERVICES")));
    }

    @Test
    void entrypointEnvFileUsesOnlyVariablesTheScriptDocuments() throws IOException {
        String script = Repo.read("container/entrypoint.sh");
        for (String key : envFile("test-resources/env/entrypoint.env").keySet()) {
            assertTrue(key.startsWith("AWS_") || script.contains(key), key + " is not read by the entrypoint");
        }
    }

    private static Map<String, String> envFile(String path) {
        return Repo.read(path).lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }
}
