package org.bluegreen.cli.aws;

import org.bluegreen.rotator.aws.AwsClients;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The SDK clients of one CLI run: the rotator's three, RDS for the doctor's read-only RDS Proxy check, and Lambda to
 * read the configuration of the function that rotates a pair (lambda:GetFunctionConfiguration).
 */
public record Clients(AwsClients aws, RdsClient rds, LambdaClient lambda) {

    /** Builds the clients for a target: production from the SDK's chains ({@link CliAws}), tests from fakes. */
    @FunctionalInterface
    public interface Connector {
        Clients connect(AwsTarget target);
    }
}
