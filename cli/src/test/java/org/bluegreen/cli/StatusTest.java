package org.bluegreen.cli;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.util.List;
import java.util.Map;

import static org.bluegreen.rotator.scenario.BlueGreenPair.BLUE_SECRET;
import static org.bluegreen.rotator.scenario.BlueGreenPair.CLUSTER;
import static org.bluegreen.rotator.scenario.BlueGreenPair.FUNCTION;
import static org.bluegreen.rotator.scenario.BlueGreenPair.GREEN_SECRET;
import static org.bluegreen.rotator.scenario.BlueGreenPair.POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code status}: the live slot, rotation and versions of each secret, the deployments; clear errors. */
class StatusTest extends AbstractPairCliTest {

    @Test
    void showsTheLiveSlotRotationVersionsAndDeployments() {
        pair.ecs.updateService(b -> b.cluster(CLUSTER).service("web").forceNewDeployment(true));
        PairCli.Run run = cli.pairCommand("status");
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.contains("Pointer   " + POINTER + " = green  (version 1, changed 2026-03-16 08:00Z, 1d 0h ago)"), out);
        assertTrue(out.contains("Live      slot 'green': secret app-green (--green)"), out);
        assertTrue(out.matches("(?s).*app-green\\s+green\\s+green\\s+yes\\s+enabled\\s+bluegreen-rotator\\s+rate\\(30 days\\)\\s+-\\s+2026-04-15 08:00Z.*"), out);
        assertTrue(out.matches("(?s).*app-blue\\s+\\S+\\s+AWSCURRENT\\s+2026-03-01 08:00Z.*"), out);
        assertTrue(out.matches("(?s).*web\\s+\\S+\\s+PRIMARY\\s+IN_PROGRESS\\s+0/2\\s+0s.*"), out);
        assertTrue(out.matches("(?s).*web\\s+\\S+\\s+ACTIVE\\s+COMPLETED\\s+2/2\\s+1d 0h.*"), out);
        // one DescribeSecret per secret gives tags, labels and the rotation function; the function gives the configuration
        assertEquals(List.of("DescribeSecret", "DescribeSecret", "ListSecretVersionIds", "ListSecretVersionIds", "GetParameter",
                "DescribeServices", "GetFunctionConfiguration"), run.calls(), "status only reads, and no secret value");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonForScripts() {
        PairCli.Run run = cli.pairCommand("status", "--json");
        assertEquals(0, run.exit(), run.err());
        Map<String, Object> json = run.json();
        Map<String, Object> pointer = (Map<String, Object>) json.get("pointer");
        assertEquals("green", pointer.get("value"));
        assertEquals("app-green", pointer.get("liveSecret"));
        List<Map<String, Object>> secrets = (List<Map<String, Object>>) json.get("secrets");
        assertEquals(List.of("app-blue", "app-green"), secrets.stream().map(s -> s.get("name")).toList());
        Map<String, Object> rotation = (Map<String, Object>) secrets.get(1).get("rotation");
        assertEquals(FUNCTION, rotation.get("lambdaArn"));
        assertEquals("2026-04-15T08:00:00Z", rotation.get("nextRotation"));
        List<Map<String, Object>> versions = (List<Map<String, Object>>) secrets.get(0).get("versions");
        assertEquals(List.of("AWSCURRENT"), versions.get(0).get("stages"));
        List<Map<String, Object>> services = (List<Map<String, Object>>) json.get("services");
        assertEquals(List.of("web", "worker"), services.stream().map(s -> s.get("name")).toList());
        assertEquals(Boolean.TRUE, services.get(0).get("steady"));
    }

    @Test
    void aMissingSecretIsNamed() {
        PairCli.Run run = cli.run("status", "--blue", "app-blue", "--green", "app-grene");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("error: secret 'app-grene' does not exist"), run.err());
    }

    @Test
    void aMissingPermissionNamesTheActionAndTheSecret() {
        pair.secrets.failNextCall("DescribeSecret", SecretsManagerException.builder().statusCode(400)
                .message("User: arn:aws:sts::123456789012:assumed-role/oncall/me is not authorized to perform: secretsmanager:DescribeSecret")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("User: arn:aws:sts::123456789012:assumed-role/oncall/me is not authorized to perform: secretsmanager:DescribeSecret")
                        .build())
                .build());
        PairCli.Run run = cli.pairCommand("status");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("error: access denied: secretsmanager:DescribeSecret on secret 'app-blue'"), run.err());
    }

    @Test
    void aMissingPointerIsShownAndTheRestStillPrinted() {
        pair.env.put("POINTER_PARAMETER", "/app/db/no-such-pointer");
        PairCli.Run run = cli.pairCommand("status");
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("pointer parameter '/app/db/no-such-pointer' does not exist"), run.out());
        assertTrue(run.out().contains("app-green"), run.out());
    }

    @Test
    void tagsOverrideFlagsAndFlagsOverrideTheEnvironment() {
        pair.ssm.putParameter(b -> b.name("/other/pointer").value("blue").type(ParameterType.STRING));
        pair.env.remove("POINTER_PARAMETER");
        PairCli.Run flag = cli.pairCommand("status", "--pointer", "/other/pointer");
        assertTrue(flag.out().contains("Pointer   /other/pointer = blue"), flag.out());

        pair.secrets.tagResource(b -> b.secretId(BLUE_SECRET).tags(t -> t.key("bluegreen:pointer-parameter").value(POINTER)));
        pair.secrets.tagResource(b -> b.secretId(GREEN_SECRET).tags(t -> t.key("bluegreen:pointer-parameter").value(POINTER)));
        PairCli.Run tagged = cli.pairCommand("status", "--pointer", "/other/pointer");
        assertTrue(tagged.out().contains("Pointer   " + POINTER + " = green"), tagged.out());
    }

    @Test
    void secretsThatDisagreeAreNotAPair() {
        pair.secrets.tagResource(b -> b.secretId(GREEN_SECRET).tags(t -> t.key("bluegreen:cluster").value("staging")));
        PairCli.Run run = cli.pairCommand("status");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("not a pair (NOT_A_SLOT): secret 'app-blue' uses ECS cluster 'prod' but its peer secret"
                + " 'app-green' uses 'staging'"), run.err());
    }

    @Test
    void anEmptyTokenOnTheLastPageEndsEveryListing() {
        pair.secrets.endPagesWithEmptyToken(); // as moto answers ListSecretVersionIds
        PairCli.Run status = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> cli.pairCommand("status"));
        assertEquals(0, status.exit(), status.err());
        assertEquals(2, java.util.Collections.frequency(status.calls(), "ListSecretVersionIds"), status.calls().toString());
        PairCli.Run list = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> cli.run("list"));
        assertEquals(0, list.exit(), list.out() + list.err());
        assertEquals(1, java.util.Collections.frequency(list.calls(), "ListSecrets"), list.calls().toString());
    }

    @Test
    void usageErrorsExitWithTwo() {
        PairCli.Run run = cli.run("status", "--blue", "app-blue");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("Missing required option: '--green=SECRET'"), run.err());
    }
}
