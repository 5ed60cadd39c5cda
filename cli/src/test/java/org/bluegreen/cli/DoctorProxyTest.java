package org.bluegreen.cli;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.rds.model.RdsException;

import java.util.List;

import static org.bluegreen.cli.DoctorTest.levels;
import static org.bluegreen.cli.DoctorTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The doctor's RDS Proxy check, against the fake RDS's DescribeDBProxies, -Targets and -Endpoints. */
class DoctorProxyTest extends AbstractPairCliTest {

    private static final String PROXY_ENDPOINT = "app-proxy.proxy-c1a2b3.us-east-1.rds.amazonaws.com";

    private PairCli.Run doctor() {
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertTrue(cli.rds.calls().contains("DescribeDBProxies"), cli.rds.calls().toString());
        return run;
    }

    @Test
    void withoutAProxyInFrontOfTheDatabaseItPasses() {
        cli.rds.addProxy("other-proxy", "other.proxy-x.us-east-1.rds.amazonaws.com", List.of("other-db.example"), List.of());
        PairCli.Run run = doctor();
        assertEquals(List.of("PASS"), levels(run, "proxy"));
        assertEquals("no RDS proxy in front of '" + pair.db.host() + "'", message(run, "proxy"));
    }

    @Test
    void aProxyThatListsOnlyOneSlotsSecretIsAWarningNamingTheOther() {
        cli.rds.addProxy("app-proxy", PROXY_ENDPOINT, List.of(pair.db.host()), List.of(pair.blueArn));
        PairCli.Run run = doctor();
        assertEquals(0, run.exit(), "a warning, not a failure: the doctor cannot see whether the app uses the proxy");
        assertEquals(List.of("WARN"), levels(run, "proxy"));
        assertTrue(message(run, "proxy").contains("RDS proxy 'app-proxy' in front of '" + pair.db.host()
                + "' does not list app-green in its Auth"), message(run, "proxy"));
    }

    @Test
    void aProxyThatListsBothSecretsPasses() {
        cli.rds.addProxy("app-proxy", PROXY_ENDPOINT, List.of(pair.db.host().toUpperCase()), List.of(pair.greenArn, pair.blueArn));
        PairCli.Run run = doctor();
        assertEquals(List.of("PASS"), levels(run, "proxy"));
        assertTrue(message(run, "proxy").contains("authenticates with both secrets"), message(run, "proxy"));
    }

    @Test
    void secretsThatNameAProxyEndpointAreAWarning() {
        cli.rds.addProxy("app-proxy", PROXY_ENDPOINT, List.of("db.internal"), List.of(pair.greenArn, pair.blueArn));
        cli.rds.addProxyEndpoint("app-proxy", "app-reader", pair.db.host());
        PairCli.Run run = doctor();
        assertEquals(List.of("WARN"), levels(run, "proxy"));
        assertTrue(message(run, "proxy").contains("is an endpoint of RDS proxy 'app-proxy'"), message(run, "proxy"));
    }

    @Test
    void withoutPermissionToDescribeProxiesItSaysWhichToAllow() {
        cli.rds.failNextCall("DescribeDBProxyEndpoints", RdsException.builder().statusCode(403).message("not authorized")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("not authorized").build()).build());
        PairCli.Run run = cli.pairCommand("doctor", "--json");
        assertEquals(0, run.exit());
        assertEquals(List.of("WARN"), levels(run, "proxy"));
        assertTrue(message(run, "proxy").startsWith("not checked: access denied: rds:DescribeDBProxies"), message(run, "proxy"));
    }
}
