package org.bluegreen.rotator.secret;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON value of an RDS secret, as AWS's own rotation functions read and write it:
 * {@code engine, host, port, username, password, dbname, masterarn, ssl}. Fields we do not know are
 * kept, so a rotated version carries everything the user put in the secret.
 *
 * <p>{@link #toString()} never shows the password; {@link #toJson()} is the only way out for it.
 */
public final class DbSecret {

    private final Map<String, Object> fields;
    private final String engine;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String dbname;
    private final String masterArn;
    private final boolean ssl;

    private DbSecret(Map<String, Object> fields, String what) {
        this.fields = fields;
        this.engine = requiredText(fields, "engine", what).toLowerCase(Locale.ROOT);
        this.host = requiredText(fields, "host", what);
        this.username = requiredText(fields, "username", what);
        this.password = requiredText(fields, "password", what);
        this.port = port(fields.get("port"), what);
        this.dbname = optionalText(fields, "dbname", what);
        this.masterArn = optionalText(fields, "masterarn", what);
        this.ssl = ssl(fields.get("ssl"), what);
    }

    /**
     * Parses and validates a secret value.
     *
     * @param json the SecretString
     * @param what names the secret in error messages, e.g. {@code "AWSCURRENT of app-blue"}
     */
    public static DbSecret parse(String json, String what) {
        return new DbSecret(object(json, what), what);
    }

    private static Map<String, Object> object(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new InvalidSecretException(what + ": the secret value is empty (expected a JSON object)");
        }
        Object parsed;
        try {
            parsed = JSON.std.anyFrom(json);
        } catch (IOException | RuntimeException e) {
            // The parser's message may quote the text it choked on, which can be the password.
            throw new InvalidSecretException(what + ": the secret value is not valid JSON");
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new InvalidSecretException(what + ": the secret value is not a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((k, v) -> fields.put(String.valueOf(k), v));
        return fields;
    }

    /** The same secret with another password: the value createSecret stores as AWSPENDING. */
    public DbSecret withPassword(String newPassword) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put("password", Objects.requireNonNull(newPassword));
        return new DbSecret(copy, "new version");
    }

    /**
     * The admin from {@code masterarn} logging in to this secret's endpoint (host, port, dbname, TLS). The admin
     * secret needs only {@code username} and {@code password}, as RDS-managed master secrets have; a {@code host},
     * when it has one, must be this secret's (an admin of another server must not be used here).
     *
     * @param adminJson the admin secret's value
     * @param what      names the admin secret in error messages
     */
    public DbSecret adminLogin(String adminJson, String what) {
        Map<String, Object> admin = object(adminJson, what);
        String adminHost = optionalText(admin, "host", what);
        if (adminHost != null && !adminHost.equalsIgnoreCase(host)) {
            throw new InvalidSecretException(what + ": refused: it is for host '" + adminHost + "', not '" + host + "'");
        }
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put("username", requiredText(admin, "username", what));
        copy.put("password", requiredText(admin, "password", what));
        copy.remove("masterarn");
        return new DbSecret(copy, what);
    }

    public String toJson() {
        try {
            return JSON.std.asString(fields);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise secret fields", e);
        }
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

    private static String requiredText(Map<String, Object> fields, String name, String what) {
        String text = optionalText(fields, name, what);
        if (text == null) {
            throw new InvalidSecretException(what + ": field '" + name + "' is missing or empty");
        }
        return text;
    }

    private static String optionalText(Map<String, Object> fields, String name, String what) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidSecretException(what + ": field '" + name + "' must be a string");
        }
        return s.isBlank() ? null : s;
    }

    private static int port(Object v, String what) {
        if (v == null || (v instanceof String s && s.isBlank())) {
            return 0;
        }
        try {
            int port = v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidSecretException(what + ": field 'port' must be a number from 1 to 65535");
    }

    private static boolean ssl(Object v, String what) {
        if (v == null) {
            return true;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        // AWS's rotators accept the string forms too.
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        throw new InvalidSecretException(what + ": field 'ssl' must be true or false");
    }
}
