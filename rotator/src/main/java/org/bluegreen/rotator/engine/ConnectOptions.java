package org.bluegreen.rotator.engine;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the rotation connects to databases.
 *
 * @param caBundle       PEM file of trusted CAs; when set, TLS verifies the server's certificate and host name
 * @param connectTimeout short, so a wrong host fails within the Lambda's time budget
 */
public record ConnectOptions(Path caBundle, Duration connectTimeout) {

    public static ConnectOptions defaults() {
        return new ConnectOptions(null, Duration.ofSeconds(5));
    }

    public ConnectOptions withCaBundle(Path bundle) {
        return new ConnectOptions(bundle, connectTimeout);
    }
}
