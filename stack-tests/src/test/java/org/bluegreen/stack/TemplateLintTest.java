package org.bluegreen.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Lints template.yaml so that `mvn verify`, and with it CI, fails on a template AWS's linter rejects.
 *
 * <p>The linter is AWS's own: Python cfn-lint, which runs the real SAM translator and walks every side of the
 * Conditions. Where it is not installed (a fresh Debian 12), one notice says so and the template goes through
 * .ci/lint-template instead (the npm cfn-lint fed a current resource specification; docs/deployment.md, "About
 * the template linter"), which installs itself from the npm registry into ~/.cache/bluegreen-lint.
 */
class TemplateLintTest {

    /** {@code --format parseable}: file:line:column:endLine:endColumn:RULE:message, one finding a line. */
    private static final Pattern FINDING = Pattern.compile("^.*?:(\\d+):\\d+:\\d+:\\d+:([EWI]\\d+):(.*)$");

    @Test
    void templateHasNoLinterErrors() {
        Path cfnLint = pythonCfnLint();
        if (cfnLint == null) {
            System.err.println("NOTICE: Python cfn-lint not found (PATH, ~/.pyenv/shims; pip install cfn-lint): "
                    + "linting template.yaml with the npm linter of .ci/lint-template instead");
            lintWithNpmLinter();
            return;
        }
        Shell.Result r = Shell.run(List.of(cfnLint.toString(), "--format", "parseable", "template.yaml"),
                System.getenv(), Repo.root(), null);
        List<String> errors = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = FINDING.matcher(line);
            if (m.matches()) {
                String finding = "template.yaml line " + m.group(1) + ": " + m.group(2) + " " + m.group(3);
                (m.group(2).startsWith("E") ? errors : others).add(finding);
            }
        }
        // Warnings are shown, not failed on: each is either fixed in the template or explained where it arises.
        others.forEach(f -> System.out.println("cfn-lint: " + f));
        System.out.println("cfn-lint (" + cfnLint + ") on template.yaml: " + errors.size() + " errors, "
                + others.size() + " warnings/infos");
        assertEquals(List.of(), errors, "AWS's linter reports errors:\n" + String.join("\n", errors));
        // Exit codes are a bit mask (2 errors, 4 warnings, 8 infos); anything else, e.g. 1, is a crash whose
        // output would parse as no finding at all.
        assertTrue((r.exit() & ~(4 | 8)) == 0, "cfn-lint failed (exit " + r.exit() + "):\n" + r.all());
    }

    /** Python cfn-lint on PATH, else pyenv's shim, provided it runs (a shim whose Python lacks it fails). */
    private static Path pythonCfnLint() {
        for (Path candidate : Shell.pythonToolCandidates("cfn-lint")) {
            if (Files.isExecutable(candidate)) {
                Shell.Result version = Shell.run(List.of(candidate.toString(), "--version"), System.getenv(),
                        Repo.root(), null);
                // The npm package is also called cfn-lint; only Python's prints "cfn-lint 1.x".
                if (version.exit() == 0 && version.all().startsWith("cfn-lint ")) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static void lintWithNpmLinter() {
        Map<String, String> env = new HashMap<>(System.getenv());
        Shell.Result r = Shell.run(List.of("bash", Repo.file(".ci/lint-template").toString()), env, Repo.root(), null);
        assertEquals(0, r.exit(), switch (r.exit()) {
            case 1 -> "the linter reports errors:\n";
            case 2 -> "node/npm missing (Debian: apt-get install nodejs npm):\n";
            case 3 -> "could not install the linter from the npm registry:\n";
            default -> "lint-template failed:\n";
        } + r.all());
        assertTrue(r.stdout().contains("cfn-lint optional features off: 0 errors")
                && r.stdout().contains("cfn-lint optional features on: 0 errors"), r.all());
        System.out.println(r.stdout());
    }
}
