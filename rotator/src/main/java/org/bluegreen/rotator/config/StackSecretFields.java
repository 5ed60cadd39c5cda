package org.bluegreen.rotator.config;

import org.bluegreen.rotator.secret.DbSecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * The connection fields the stack says a slot's secret must hold. The template creates each slot secret with a
 * generated password only (its {@code GenerateSecretString} is constant, so no stack update regenerates a password);
 * the engine and endpoint come from the function's environment ({@code DB_ENGINE}, {@code DB_ENDPOINTS}), the admin
 * secret from {@code MASTER_SECRET_ARN} (admin mode only) and the user from the slot's {@code bluegreen:username} tag:
 * all outside the secret's value, so {@code secretsmanager:PutSecretValue} cannot change them. {@code ssl} is not a
 * stack field: a secret keeps its own (TLS unless it says {@code false}).
 *
 * @param dbname    null when {@code DB_ENDPOINTS} pins a server without a database
 * @param masterArn null in self-service mode
 */
public record StackSecretFields(String engine, String host, int port, String dbname, String username, String masterArn) {

    /**
     * @throws ConfigurationException naming what the stack's configuration does not say (a function deployed by an
     *                                older template, or one serving several databases)
     */
    public static StackSecretFields of(FunctionSettings settings, String secretName, Map<String, String> tags) {
        String where = "secret " + quote(secretName) + ": the stack's connection fields are unknown: ";
        if (settings.dbEngine() == null) {
            throw new ConfigurationException(where + "the function's DB_ENGINE is not set (the template sets it from DbEngine)");
        }
        if (settings.dbEndpoints().size() != 1) {
            throw new ConfigurationException(where + "the function's DB_ENDPOINTS must pin exactly one database"
                    + " (the template sets it from DbHost, DbPort and DbName), it pins " + settings.dbEndpoints());
        }
        String username = SlotTags.of(tags).username();
        if (username == null) {
            throw new ConfigurationException(where + "it has no tag " + SlotTags.TAG_USERNAME + " (the template writes it)");
        }
        DbEndpoint endpoint = settings.dbEndpoints().get(0);
        return new StackSecretFields(settings.dbEngine(), endpoint.host(), endpoint.port(), endpoint.dbname(), username,
                settings.masterSecretArn());
    }

    /**
     * The secret's value as the stack says it must be: the stack's endpoint; {@code engine}, {@code username} and
     * {@code masterarn} filled in where the value has none (a value that names its own keeps it, for the rules to
     * judge: a forged user is refused, never silently replaced); the password and every other field unchanged.
     */
    public DbSecret applyTo(String json, String what) {
        return DbSecret.withEndpoint(json, what, engine, host, port, dbname, username, masterArn);
    }

    /** The connection fields {@link #applyTo} changes in this value (names only: empty when it holds the stack's already). */
    public List<String> fieldsToWrite(String json, String what) {
        Map<String, String> stored = DbSecret.connectionFieldsOf(json, what);
        Map<String, String> wanted = DbSecret.connectionFieldsOf(applyTo(json, what).toJson(), what);
        List<String> changed = new ArrayList<>();
        wanted.forEach((field, value) -> {
            String old = stored.get(field);
            boolean same = field.equals("host") ? value.equalsIgnoreCase(Objects.toString(old, "")) : value.equals(old);
            if (!same) {
                changed.add(field);
            }
        });
        stored.keySet().stream().filter(f -> !wanted.containsKey(f)).forEach(changed::add);
        return changed;
    }
}
