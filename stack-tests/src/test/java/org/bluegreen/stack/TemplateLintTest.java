package org.bluegreen.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs .ci/lint-template (the npm cfn-lint with the current CloudFormation spec, see docs/deployment.md "About
 * the template linter") so that `mvn verify`, and with it CI, fails on a template the linter rejects. The
 * first run installs the linter from the npm registry into ~/.cache/bluegreen-lint.
 */
class TemplateLintTest {

    @Test
    void templatePassesTheLinterWithEveryOptionalFeatureOffAndOn() {
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
    }
}
