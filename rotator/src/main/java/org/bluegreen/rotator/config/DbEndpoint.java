package org.bluegreen.rotator.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * A database endpoint the function may send passwords to, from {@code DB_ENDPOINTS} in its configuration (which the
 * template writes and {@code secretsmanager:PutSecretValue} cannot change): {@code host:port/dbname}, or
 * {@code host:port} for any database on that server.
 *
 * @param dbname null when the entry allows any database
 */
public record DbEndpoint(String host, int port, String dbname) {

    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9][A-Za-z0-9.-]*|\\[[0-9A-Fa-f:.]+\\]):([0-9]{1,5})(?:/([^\\s,]+))?");

    static DbEndpoint parse(String entry) {
        Matcher m = FORM.matcher(entry);
        int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
        if (port < 1 || port > 65535) {
            throw new ConfigurationException("DB_ENDPOINTS: " + quote(entry) + " is not host:port or host:port/dbname");
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        return new DbEndpoint(host.toLowerCase(Locale.ROOT), port, m.group(3));
    }

    /** True when a secret naming this host, port and database (engine defaults filled in) is this endpoint. */
    public boolean matches(String host, int port, String dbname) {
        return this.host.equalsIgnoreCase(host) && this.port == port && (this.dbname == null || this.dbname.equals(dbname));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port + (dbname == null ? "" : "/" + dbname);
    }
}
