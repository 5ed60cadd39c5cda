package org.bluegreen.rotator.aws;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.function.Supplier;

/**
 * The three SDK clients, each built once per Lambda container and only when a step first calls its service:
 * building a client loads its service's classes and registers its errors, which costs a cold step as much as the call
 * itself, so a step that fails before it reaches SSM or ECS never builds their clients. Region, credentials and endpoints come from the SDK's default
 * chains, so {@code AWS_ENDPOINT_URL} (or {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, ...) points them at a local
 * endpoint, and credentials are read at the first call, never at build time. One HTTP client for all three, set up
 * as {@link SdkClientConfiguration} says (the operator CLI's clients too).
 */
public final class AwsClients {

    private final Supplier<SecretsManagerClient> secretsManager;
    private final Supplier<SsmClient> ssm;
    private final Supplier<EcsClient> ecs;

    /** Clients made already (fakes in tests). */
    public AwsClients(SecretsManagerClient secretsManager, SsmClient ssm, EcsClient ecs) {
        this.secretsManager = () -> secretsManager;
        this.ssm = () -> ssm;
        this.ecs = () -> ecs;
    }

    private AwsClients(Supplier<SecretsManagerClient> secretsManager, Supplier<SsmClient> ssm, Supplier<EcsClient> ecs) {
        this.secretsManager = once(secretsManager);
        this.ssm = once(ssm);
        this.ecs = once(ecs);
    }

    public static AwsClients fromDefaults() {
        Supplier<SdkHttpClient> http = once(SdkClientConfiguration::httpClient);
        Supplier<ClientOverrideConfiguration> retries = once(SdkClientConfiguration::overrides);
        return new AwsClients(
                () -> SecretsManagerClient.builder().httpClient(http.get()).overrideConfiguration(retries.get()).build(),
                () -> SsmClient.builder().httpClient(http.get()).overrideConfiguration(retries.get()).build(),
                () -> EcsClient.builder().httpClient(http.get()).overrideConfiguration(retries.get()).build());
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager.get();
    }

    public SsmClient ssm() {
        return ssm.get();
    }

    public EcsClient ecs() {
        return ecs.get();
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
