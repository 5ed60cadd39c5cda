package org.bluegreen.cli.aws;

import org.bluegreen.cli.CliException;
import org.bluegreen.rotator.aws.AwsClients;
import org.bluegreen.rotator.aws.SdkClientConfiguration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's AWS clients. The region comes from {@code --region}, {@code AWS_REGION},
 * {@code AWS_DEFAULT_REGION} or the profile's {@code region}, in that order, and never from the EC2 instance
 * metadata service (a laptop has none, and trying it costs seconds before the SDK's error); without one the CLI
 * says so in one line. {@code --profile} (or {@code AWS_PROFILE}) picks the profile's credentials; otherwise the
 * SDK's default credential chain. {@code AWS_ENDPOINT_URL} and the per-service variables point the clients at a
 * local endpoint, as with every AWS SDK.
 */
public final class CliAws {

    public static final String NO_REGION = "no AWS region: set AWS_REGION or --region";

    private CliAws() {
    }

    public static Clients connect(AwsTarget target, Map<String, String> env) {
        String profile = target.profile() != null ? target.profile() : env.get("AWS_PROFILE");
        Region region = Region.of(region(target.region(), profile, env).orElseThrow(() -> new CliException(NO_REGION)));
        AwsCredentialsProvider credentials = credentials(profile, env);
        // the rotation function's own timeouts and retry mode
        SdkHttpClient http = SdkClientConfiguration.httpClient();
        ClientOverrideConfiguration retries = SdkClientConfiguration.overrides();
        return new Clients(new AwsClients(
                configure(SecretsManagerClient.builder().httpClient(http), region, credentials, retries,
                        endpoint(env, "AWS_ENDPOINT_URL_SECRETS_MANAGER")).build(),
                configure(SsmClient.builder().httpClient(http), region, credentials, retries, endpoint(env, "AWS_ENDPOINT_URL_SSM")).build(),
                configure(EcsClient.builder().httpClient(http), region, credentials, retries, endpoint(env, "AWS_ENDPOINT_URL_ECS")).build()),
                configure(RdsClient.builder().httpClient(http), region, credentials, retries, endpoint(env, "AWS_ENDPOINT_URL_RDS")).build(),
                configure(LambdaClient.builder().httpClient(http), region, credentials, retries,
                        endpoint(env, "AWS_ENDPOINT_URL_LAMBDA")).build());
    }

    static Optional<String> region(String flag, String profile, Map<String, String> env) {
        for (String candidate : new String[]{flag, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Optional.of(candidate.trim());
            }
        }
        try {
            return profiles(env).profile(profile != null ? profile : "default").flatMap(p -> p.property("region"));
        } catch (RuntimeException unreadableConfigFile) {
            return Optional.empty();
        }
    }

    private static AwsCredentialsProvider credentials(String profile, Map<String, String> env) {
        if (profile != null) {
            return ProfileCredentialsProvider.builder().profileFile(profiles(env)).profileName(profile).build();
        }
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && secret != null) {
            String session = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(session != null
                    ? AwsSessionCredentials.create(key, secret, session) : AwsBasicCredentials.create(key, secret));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The config and credentials files, where {@code AWS_CONFIG_FILE} and {@code AWS_SHARED_CREDENTIALS_FILE} say. */
    private static ProfileFile profiles(Map<String, String> env) {
        ProfileFile.Aggregator files = ProfileFile.aggregator();
        Path home = Path.of(System.getProperty("user.home"), ".aws");
        Path config = env.containsKey("AWS_CONFIG_FILE") ? Path.of(env.get("AWS_CONFIG_FILE")) : home.resolve("config");
        Path credentials = env.containsKey("AWS_SHARED_CREDENTIALS_FILE")
                ? Path.of(env.get("AWS_SHARED_CREDENTIALS_FILE")) : home.resolve("credentials");
        if (Files.isRegularFile(config)) {
            files.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
        }
        if (Files.isRegularFile(credentials)) {
            files.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
        }
        return files.build();
    }

    private static URI endpoint(Map<String, String> env, String serviceVariable) {
        String url = env.getOrDefault(serviceVariable, env.get("AWS_ENDPOINT_URL"));
        return url == null || url.isBlank() ? null : URI.create(url.trim());
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region, AwsCredentialsProvider credentials,
                                                                   ClientOverrideConfiguration retries, URI endpoint) {
        builder.region(region).credentialsProvider(credentials).overrideConfiguration(retries);
        return endpoint == null ? builder : builder.endpointOverride(endpoint);
    }
}
