package org.bluegreen.rotator.aws;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.time.Duration;

/**
 * How every SDK client of the product talks to AWS, the rotation function's and the operator CLI's alike: one
 * URL-connection HTTP client (the lightest start-up of the SDK's HTTP clients) with short connect and read
 * timeouts, and the SDK's standard retry mode (back-off; ECS throttles per account, and a throttled call is worth a
 * retry).
 */
public final class SdkClientConfiguration {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(20);

    private SdkClientConfiguration() {
    }

    /** A new HTTP client; share it between the clients of one process. */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    public static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build();
    }
}
