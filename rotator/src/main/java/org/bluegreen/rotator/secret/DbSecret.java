package org.bluegreen.rotator.secret;

import java.util.Locale;
import java.util.Objects;

/**
 * The JSON value of an RDS secret, as AWS's own rotation functions read and write it:
 * {@code engine, host, port, username, password, dbname, masterarn, ssl}. Parsing is strict (see {@link SecretJson}):
 * a key given twice is refused by name, {@code port} is a whole number from 1 to 65535, and fields we do not know
 * are kept exactly as written, so a rotated version carries everything the user put in the secret.
 *
 * <p>{@link #toString()} never shows the password; {@link #toJson()} is the only way out for it.
 */
public final class DbSecret {

    private final SecretJson json;
    private final String engine;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String dbname;
    private final String masterArn;
    private final boolean ssl;

    private DbSecret(SecretJson json) {
        this.json = json;
        this.engine = json.requiredText("engine").toLowerCase(Locale.ROOT);
        this.host = json.requiredText("host");
        this.username = json.requiredText("username");
        this.password = json.requiredText("password");
        this.port = json.port("port");
        this.dbname = json.text("dbname");
        this.masterArn = json.text("masterarn");
        Boolean tls = json.flag("ssl");
        this.ssl = tls == null || tls;
    }

    /**
     * Parses and validates a secret value.
     *
     * @param json the SecretString
     * @param what names the secret in error messages, e.g. {@code "AWSCURRENT of app-blue"}
     */
    public static DbSecret parse(String json, String what) {
        return new DbSecret(SecretJson.parse(json, what));
    }

    /** The fields that say where and as whom a secret logs in; a secret the template just made has none of them. */
    public static final java.util.List<String> CONNECTION_FIELDS = java.util.List.of("engine", "host", "port", "dbname", "username");

    /**
     * True when the value names no connection field at all ({@link #CONNECTION_FIELDS}): a generated password (and
     * constant fields) only, as the template creates a slot secret before {@code bootstrap} completes it.
     *
     * @throws InvalidSecretException when it is not a JSON object
     */
    public static boolean namesNoConnection(String json, String what) {
        SecretJson parsed = SecretJson.parse(json, what);
        return CONNECTION_FIELDS.stream().noneMatch(parsed::has);
    }

    /**
     * The value with the endpoint ({@code host}, {@code port}, {@code dbname}) replaced, and {@code engine},
     * {@code username} and {@code masterarn} set where the value has none: a value that names its own keeps it, so
     * that the rules judge it. The password and every other field stay exactly as written.
     *
     * @param masterArn null to leave {@code masterarn} as it is
     */
    public static DbSecret withEndpoint(String json, String what, String engine, String host, int port, String dbname,
                                        String username, String masterArn) {
        SecretJson s = SecretJson.parse(json, what)
                .withText("host", host)
                .withRaw("port", Integer.toString(port));
        s = dbname == null ? s.withRaw("dbname", null) : s.withText("dbname", dbname);
        if (s.text("engine") == null) {
            s = s.withText("engine", engine);
        }
        if (s.text("username") == null) {
            s = s.withText("username", username);
        }
        if (masterArn != null && s.text("masterarn") == null) {
            s = s.withText("masterarn", masterArn);
        }
        return new DbSecret(s);
    }

    /**
     * The connection fields a value names ({@link #CONNECTION_FIELDS} and {@code masterarn}), each as text; absent
     * ones are missing from the map. Never the password.
     */
    public static java.util.Map<String, String> connectionFieldsOf(String json, String what) {
        SecretJson parsed = SecretJson.parse(json, what);
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String f : java.util.List.of("engine", "host", "port", "dbname", "username", "masterarn")) {
            if (parsed.has(f)) {
                fields.put(f, f.equals("port") ? Integer.toString(parsed.port(f)) : parsed.text(f));
            }
        }
        return fields;
    }

    /** The same secret with another password: the value createSecret stores as AWSPENDING. */
    public DbSecret withPassword(String newPassword) {
        return new DbSecret(json.withText("password", Objects.requireNonNull(newPassword)).describedAs("new version"));
    }

    /**
     * Another user's credentials on an endpoint the caller has checked (the admin logging in): this secret's engine
     * and unknown fields, with {@code masterarn} dropped.
     *
     * @param port 0 for the engine's default
     * @param what names the login in error messages
     */
    public DbSecret loginAs(String host, int port, String dbname, boolean ssl, String username, String password, String what) {
        SecretJson login = json.describedAs(what)
                .withText("host", host)
                .withRaw("port", port == 0 ? null : Integer.toString(port))
                .withRaw("dbname", null)
                .withText("username", username)
                .withText("password", password)
                .withRaw("masterarn", null)
                .withRaw("ssl", Boolean.toString(ssl));
        return new DbSecret(dbname == null ? login : login.withText("dbname", dbname));
    }

    /** True when both name the same login target: engine, endpoint, database, user, admin and TLS; passwords aside. */
    public boolean sameLoginTargetAs(DbSecret other) {
        return engine.equals(other.engine) && host.equalsIgnoreCase(other.host) && port == other.port
                && username.equals(other.username) && Objects.equals(dbname, other.dbname)
                && Objects.equals(masterArn, other.masterArn) && ssl == other.ssl;
    }

    public String toJson() {
        return json.toJson();
    }

    public String engine() { return engine; }
    public String host() { return host; }
    /** The port, or 0 when the secret gives none (the engine supplies its default). */
    public int port() { return port; }
    public String username() { return username; }
    public String password() { return password; }
    /** The database name, or null when the secret gives none. */
    public String dbname() { return dbname; }
    /** ARN of the admin secret, or null for self-service rotation. */
    public String masterArn() { return masterArn; }
    /** TLS is on unless the secret says {@code "ssl": false}. */
    public boolean ssl() { return ssl; }

    @Override
    public String toString() {
        return "DbSecret[engine=" + engine + ", host=" + host + ", port=" + port + ", username=" + username
                + ", dbname=" + dbname + ", ssl=" + ssl + ", password=***]";
    }
}
