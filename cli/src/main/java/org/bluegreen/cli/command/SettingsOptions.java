package org.bluegreen.cli.command;

import org.bluegreen.cli.BluegreenCli;
import org.bluegreen.cli.CliContext;
import org.bluegreen.cli.CliException;
import org.bluegreen.cli.pair.PairReader;
import org.bluegreen.rotator.config.ConfigurationException;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/**
 * What the operator may say instead of the stack. A pair's settings are the environment of the function that rotates
 * it (the template writes them there; the CLI reads them with lambda:GetFunctionConfiguration); each flag replaces the
 * environment variable of the same meaning ({@code POINTER_PARAMETER}, {@code ECS_CLUSTER}, {@code ECS_SERVICES},
 * {@code DB_ENDPOINTS}), and the secrets' tags override both, exactly as in the Lambda. The CA bundle is the
 * operator's own file ({@code --ca-bundle}, else {@code $DB_CA_BUNDLE}): the function's is a path inside Lambda.
 */
public final class SettingsOptions {

    @Option(names = "--pointer", paramLabel = "PARAMETER",
            description = "SSM parameter naming the active slot, instead of the rotation function's POINTER_PARAMETER (a bluegreen:pointer-parameter tag still wins).")
    String pointer;

    @Option(names = "--cluster", paramLabel = "CLUSTER",
            description = "ECS cluster, instead of the rotation function's ECS_CLUSTER (a bluegreen:cluster tag still wins).")
    String cluster;

    @Option(names = "--services", paramLabel = "A,B",
            description = "ECS services, comma-separated, instead of the rotation function's ECS_SERVICES (a bluegreen:services tag still wins).")
    String services;

    @Option(names = "--ca-bundle", paramLabel = "PEM", description = "CA bundle to verify the database's certificate (default: $DB_CA_BUNDLE).")
    String caBundle;

    @Option(names = "--db-endpoints", paramLabel = "HOST:PORT/DB,...",
            description = "The only databases passwords may go to, instead of the rotation function's DB_ENDPOINTS.")
    String dbEndpoints;

    @Option(names = "--json", description = "Print JSON for scripts instead of tables.")
    boolean json;

    public boolean json() {
        return json;
    }

    /** The function environment variables the flags set, and the operator's CA bundle. */
    Map<String, String> overrides(CliContext context) {
        Map<String, String> env = new HashMap<>();
        put(env, "POINTER_PARAMETER", pointer);
        put(env, "ECS_CLUSTER", cluster);
        put(env, "ECS_SERVICES", services);
        put(env, "DB_ENDPOINTS", dbEndpoints);
        put(env, "DB_CA_BUNDLE", caBundle != null ? caBundle : context.env().get("DB_CA_BUNDLE"));
        return env;
    }

    public PairReader reader(BluegreenCli root) {
        return new PairReader(root.clients(), overrides(root.context()));
    }

    /** Database logins verified with the operator's CA bundle, checked as the Lambda checks its own. */
    public DatabaseAccess databaseAccess(CliContext context) {
        Map<String, String> ca = new HashMap<>();
        put(ca, "DB_CA_BUNDLE", overrides(context).get("DB_CA_BUNDLE"));
        try {
            return new DatabaseAccess(ConnectOptions.defaults().withCaBundle(FunctionSettings.fromEnvironment(ca).caBundle()));
        } catch (ConfigurationException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    private static void put(Map<String, String> env, String key, String value) {
        if (value != null) {
            env.put(key, value);
        }
    }
}
