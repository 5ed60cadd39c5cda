package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.InvalidSecretException;

import java.util.regex.Pattern;

/** The host goes into a JDBC URL: only host names and IP addresses, so it cannot smuggle in URL options. */
final class Hosts {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private Hosts() {
    }

    static String checked(String host) {
        if (NAME.matcher(host).matches()) {
            return host;
        }
        if (host.contains(":") && IPV6.matcher(host).matches()) {
            return "[" + host + "]";
        }
        throw new InvalidSecretException("field 'host' is not a host name or IP address");
    }
}
