package org.bluegreen.cli;

import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.bluegreen.rotator.scenario.BlueGreenPair.BLUE_SECRET;
import static org.bluegreen.rotator.scenario.BlueGreenPair.FUNCTION;
import static org.bluegreen.rotator.scenario.BlueGreenPair.GREEN_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pair as the template makes it needs only {@code --blue}/{@code --green}: the configuration comes from the
 * rotation function the secrets name, and the pair rule is the rotation's own. Each way a pair fails is said with
 * the reason the function would give, or with the flag, tag and template setting that would fix it.
 */
class StackConfigurationTest extends AbstractPairCliTest {

    private void tag(String secret, String key, String value) {
        pair.secrets.tagResource(b -> b.secretId(secret).tags(t -> t.key(key).value(value)));
    }

    private String refused() {
        PairCli.Run run = cli.pairCommand("status");
        assertEquals(1, run.exit(), run.out());
        return run.err();
    }

    @Test
    void theFunctionsEnvironmentIsThePairsConfiguration() {
        PairCli.Run run = cli.pairCommand("status");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Pointer   /app/db/active-slot = green"), run.out());
        assertEquals(1, Collections.frequency(run.calls(), "GetFunctionConfiguration"), run.calls().toString());
        assertTrue(!cli.operatorEnv.containsKey("POINTER_PARAMETER"), "the operator gives no configuration");
    }

    @Test
    void eachDisagreementIsTheRotationsNotASlot() {
        tag(GREEN_SECRET, "bluegreen:services", "web");
        assertTrue(refused().contains("error: not a pair (NOT_A_SLOT): secret 'app-blue' uses ECS services ['web', 'worker'] but"
                + " its peer secret 'app-green' uses ['web']"), refused());
        tag(GREEN_SECRET, "bluegreen:services", "web worker");
        tag(BLUE_SECRET, "bluegreen:active-secret", "app-active");
        assertTrue(refused().contains("not a pair (NOT_A_SLOT): secret 'app-blue' uses active secret 'app-active' but its peer"
                + " secret 'app-green' uses none"), refused());
        tag(BLUE_SECRET, "bluegreen:active-secret", "");
        tag(GREEN_SECRET, "bluegreen:pointer-parameter", "/other");
        assertTrue(refused().contains("not a pair (NOT_A_SLOT): secret 'app-blue' uses pointer '/app/db/active-slot' but its"
                + " peer secret 'app-green' uses '/other'"), refused());
        tag(GREEN_SECRET, "bluegreen:pointer-parameter", "");
        tag(GREEN_SECRET, "bluegreen:slot", "blue");
        assertTrue(refused().contains("not a pair (NOT_A_SLOT): secret 'app-blue' and its peer secret 'app-green' are both slot"
                + " 'blue'"), refused());
        tag(GREEN_SECRET, "bluegreen:slot", "green");
        tag(GREEN_SECRET, "bluegreen:peer-secret", "app-purple");
        assertTrue(refused().contains("not a pair (NOT_A_SLOT): secret 'app-blue': its peer secret 'app-green' names"
                + " 'app-purple' as its peer, not this secret"), refused());
        tag(GREEN_SECRET, "bluegreen:peer-secret", BLUE_SECRET);
        assertEquals(0, cli.pairCommand("status").exit());
    }

    @Test
    void aMissingSettingNamesTheFlagTheTagAndTheTemplate() {
        pair.env.remove("ECS_CLUSTER");
        assertTrue(refused().contains("error: secret 'app-blue': no ECS cluster: the environment of its rotation function "
                + FUNCTION + " has no ECS_CLUSTER (the template writes it there); pass --cluster or tag the secret"
                + " bluegreen:cluster"), refused());
        PairCli.Run flag = cli.pairCommand("status", "--cluster", "prod");
        assertEquals(0, flag.exit(), flag.err());
    }

    @Test
    void secretsRotatedByDifferentFunctionsAreExplained() {
        String other = cli.lambda.putFunction("other-rotator", pair.env);
        pair.secrets.enableRotation(GREEN_SECRET, other, "rate(30 days)");
        assertTrue(refused().contains("error: secret 'app-blue' rotates with function " + FUNCTION + " but its peer 'app-green'"
                + " with " + other + ": a pair rotates with one function"), refused());
    }

    @Test
    void aFunctionThatIsGoneIsNamed() {
        String gone = FUNCTION + "-deleted";
        pair.secrets.enableRotation(BLUE_SECRET, gone, "rate(30 days)");
        pair.secrets.enableRotation(GREEN_SECRET, gone, "rate(30 days)");
        assertTrue(refused().contains("error: function " + gone + " does not exist (lambda:GetFunctionConfiguration: Function"
                + " not found: " + gone + ")"), refused());
    }

    @Test
    void aPairWithoutARotationFunctionIsExplainedAndFlagsStillWork() {
        for (String slot : java.util.List.of("blue", "green")) {
            String arn = pair.secrets.createSecret("norot-" + slot, "{}");
            String peer = "norot-" + (slot.equals("blue") ? "green" : "blue");
            pair.secrets.tagResource(b -> b.secretId(arn).tags(t -> t.key("bluegreen:slot").value(slot),
                    t -> t.key("bluegreen:username").value("norot_" + slot), t -> t.key("bluegreen:peer-secret").value(peer)));
        }
        PairCli.Run run = cli.run("status", "--blue", "norot-blue", "--green", "norot-green");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("error: secret 'norot-blue': no pointer parameter: the secret names no rotation function"
                + " (DescribeSecret shows no RotationLambdaARN; the template's rotation schedule names its RotationFunction, whose"
                + " environment holds POINTER_PARAMETER), so nothing gives it; turn rotation on with the stack's function, or pass"
                + " --pointer or tag the secret bluegreen:pointer-parameter"), run.err());
        PairCli.Run flags = cli.run("status", "--blue", "norot-blue", "--green", "norot-green", "--pointer", "/app/db/active-slot",
                "--cluster", "prod", "--services", "web,worker");
        assertTrue(flags.out().contains("Pointer   /app/db/active-slot = green"), flags.out() + flags.err());
        assertEquals(0, java.util.Collections.frequency(flags.calls(), "GetFunctionConfiguration"), flags.calls().toString());
    }
}
