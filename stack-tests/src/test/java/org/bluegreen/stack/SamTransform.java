package org.bluegreen.stack;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml through the real SAM translator ({@code aws-sam-translator} in a Python 3), as CloudFormation's
 * {@code AWS::Serverless-2016-10-31} transform runs it on a deploy. The function's local {@code CodeUri} is first
 * replaced by an S3 location, as {@code sam deploy} (package) does. Where no Python has the translator (a fresh
 * Debian 12), {@link #translate} aborts the test with one notice (a JUnit assumption).
 */
final class SamTransform {

    private static final String SCRIPT = """
            import json, sys
            from samtranslator.translator.transform import transform
            from samtranslator.yaml_helper import yaml_parse
            class NoManagedPolicies:
                def load(self):
                    return {}
            template = yaml_parse(open(sys.argv[1]).read())
            for resource in template['Resources'].values():
                if resource.get('Type') == 'AWS::Serverless::Function':
                    resource['Properties']['CodeUri'] = 's3://' + sys.argv[3] + '/' + sys.argv[4]
            print(json.dumps(transform(template, json.loads(sys.argv[2]), NoManagedPolicies()), default=str))
            """;

    private SamTransform() {
    }

    /** The CloudFormation template SAM makes of {@code template} for {@code parameters}; intrinsics left as they are. */
    static Map<String, Object> translate(Path template, Map<String, Object> parameters, String codeBucket, String codeKey) {
        Path python = python();
        try {
            Path script = Files.createTempFile("sam-transform", ".py");
            Files.writeString(script, SCRIPT);
            Map<String, String> env = new HashMap<>();
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("HOME", System.getProperty("user.home"));
            env.put("PYENV_ROOT", System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv"));
            // The translator asks boto for the region (pseudo parameters); without one it probes instance metadata.
            env.put("AWS_DEFAULT_REGION", StackTemplate.REGION);
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            Shell.Result r = Shell.run(List.of(python.toString(), script.toString(), template.toString(),
                    JSON.std.asString(parameters), codeBucket, codeKey), env, Repo.root(), null);
            Files.deleteIfExists(script);
            if (r.exit() != 0) {
                throw new AssertionError("the SAM translator rejected the template:\n" + r.stderr());
            }
            return JSON.std.mapFrom(r.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A python3 that imports samtranslator (pyenv's first), or the test is skipped with one notice. */
    private static Path python() {
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv", "shims", "python3");
        for (Path candidate : new Path[] {Files.isExecutable(pyenv) ? pyenv : null, Shell.which("python3")}) {
            if (candidate == null) {
                continue;
            }
            Shell.Result probe = Shell.run(List.of(candidate.toString(), "-c", "import samtranslator"),
                    Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                            "HOME", System.getProperty("user.home")), Repo.root(), null);
            if (probe.exit() == 0) {
                return candidate;
            }
        }
        Assumptions.abort("SKIPPED: no python3 with aws-sam-translator (pip install aws-sam-translator); the stack test"
                + " needs the real SAM transform");
        throw new IllegalStateException("unreachable");
    }
}
