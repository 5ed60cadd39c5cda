package org.bluegreen.rotator.aws;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Duration;

/**
 * The three SDK clients, built once per Lambda container. Region, credentials and endpoints come from the SDK's
 * default chains, so {@code AWS_ENDPOINT_URL} (or {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, ...) points them at a
 * local endpoint. One URL-connection HTTP client for all three: the lightest start-up of the SDK's HTTP clients.
 */
public record AwsClients(SecretsManagerClient secretsManager, SsmClient ssm, EcsClient ecs) {

    public static AwsClients fromDefaults() {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
        // Standard retries with back-off: ECS throttles per account, and a throttled call is worth a retry.
        ClientOverrideConfiguration retries = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .build();
        return new AwsClients(
                SecretsManagerClient.builder().httpClient(http).overrideConfiguration(retries).build(),
                SsmClient.builder().httpClient(http).overrideConfiguration(retries).build(),
                EcsClient.builder().httpClient(http).overrideConfiguration(retries).build());
    }
}
