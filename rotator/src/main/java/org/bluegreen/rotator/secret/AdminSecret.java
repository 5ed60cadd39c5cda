package org.bluegreen.rotator.secret;

/**
 * The value of the admin secret a slot's {@code masterarn} names. Only {@code username} and {@code password} are
 * required: the RDS-managed master secret ({@code rds!...}) holds nothing else. Where it has them, {@code host},
 * {@code port}, {@code dbname} and {@code ssl} are the admin's own endpoint and TLS wish, which the rotation uses
 * instead of anything the slot's secret says.
 *
 * @param host null when the secret names none
 * @param port 0 when the secret names none
 * @param ssl  null when the secret does not say
 */
public record AdminSecret(String username, String password, String host, int port, String dbname, Boolean ssl) {

    public static AdminSecret parse(String json, String what) {
        SecretJson s = SecretJson.parse(json, what);
        return new AdminSecret(s.requiredText("username"), s.requiredText("password"), s.text("host"), s.port("port"),
                s.text("dbname"), s.flag("ssl"));
    }

    @Override
    public String toString() {
        return "AdminSecret[username=" + username + ", host=" + host + ", port=" + port + ", password=***]";
    }
}
