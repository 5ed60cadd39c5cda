package org.bluegreen.stack;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The SAM transform CloudFormation runs on {@code Transform: AWS::Serverless-2016-10-31}, run locally: Python's
 * {@code aws-sam-translator} (the same library the service and cfn-lint use). Tests read what a deployed stack
 * really contains (the Lambda function, its permission, the schedules' targets) from its output, not from the
 * SAM source.
 *
 * <p>Where no Python with {@code samtranslator} is found the calling test is skipped (a JUnit assumption) with
 * one notice naming what to install.
 */
final class SamTranslator {

    /**
     * Where {@code sam package} would upload the jar: the translator accepts only an S3 location for a function's
     * code, so a local CodeUri is replaced by this, as {@code sam package} and cfn-lint do.
     */
    static final String PACKAGED_CODE_URI = "s3://bluegreen-deploy/bluegreen-rotator-lambda.jar";

    /** The pseudo parameters (region, account) the translator resolves where it must, e.g. in ARNs it builds. */
    static final String REGION = "us-east-1";

    // Reads {"template": ..., "parameters": ...} on stdin, writes the translated template as JSON on stdout.
    // An invalid template exits 1 with the translator's own messages on stderr.
    private static final String SCRIPT = """
            import json, sys
            from samtranslator.translator.transform import transform
            from samtranslator.model.exceptions import InvalidDocumentException

            class NoManagedPolicies:
                # SAM's Policies shorthand needs the account's managed-policy names; our template gives the role.
                def load(self):
                    return {}

            request = json.load(sys.stdin)
            template = request["template"]
            for resource in template.get("Resources", {}).values():
                props = resource.get("Properties") or {}
                if resource.get("Type") == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str) \\
                        and not props["CodeUri"].startswith("s3://"):
                    props["CodeUri"] = request["codeUri"]
            try:
                out = transform(template, request["parameters"], NoManagedPolicies())
            except InvalidDocumentException as e:
                for cause in e.causes:
                    print("SAM translator: " + cause.message, file=sys.stderr)
                sys.exit(1)
            json.dump(out, sys.stdout)
            """;

    private static Path python;
    private static String absentNotice;

    private SamTranslator() {
    }

    /** The repository's template.yaml, translated with these parameter values. */
    static Map<String, Object> translate(Map<String, ?> parameters) {
        return translate(Repo.file("template.yaml"), parameters);
    }

    /**
     * The translated template as parsed JSON (maps, lists, strings, numbers, booleans). Parameter values are as
     * CloudFormation passes them: strings, a CommaDelimitedList as one comma-separated string or a list.
     * Skips the calling test when the translator is absent; fails it when the translator rejects the template.
     */
    static Map<String, Object> translate(Path template, Map<String, ?> parameters) {
        Path py = pythonWithTranslator();
        Map<String, Object> request = new LinkedHashMap<>();
        try {
            request.put("template", CfnYaml.load(Files.readString(template)));
            request.put("parameters", new LinkedHashMap<>(parameters));
            request.put("codeUri", PACKAGED_CODE_URI);
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("AWS_DEFAULT_REGION", REGION);
            Shell.Result r = Shell.run(List.of(py.toString(), "-c", SCRIPT), env, template.toAbsolutePath().getParent(),
                    JSON.std.asString(request));
            if (r.exit() != 0) {
                throw new AssertionError("the SAM translator rejects " + template + " with " + parameters + ":\n"
                        + r.stderr());
            }
            return JSON.std.mapFrom(r.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A python3 that imports samtranslator: the one on PATH, else pyenv's; otherwise the test is skipped. */
    static synchronized Path pythonWithTranslator() {
        if (python == null && absentNotice == null) {
            List<Path> candidates = Shell.pythonToolCandidates("python3");
            for (Path candidate : candidates) {
                if (Files.isExecutable(candidate) && Shell.run(List.of(candidate.toString(), "-c",
                        "import samtranslator.translator.transform"), System.getenv(), Path.of("."), null)
                        .exit() == 0) {
                    python = candidate;
                    break;
                }
            }
            if (python == null) {
                absentNotice = "no python3 with aws-sam-translator (tried " + candidates
                        + "; pip install aws-sam-translator): skipping the tests of the translated template";
                System.err.println("NOTICE: " + absentNotice);
            }
        }
        Assumptions.assumeTrue(python != null, absentNotice);
        return python;
    }
}
