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
 * The function's settings for anything the secrets' tags do not say. Flags override the environment variables the
 * Lambda reads ({@code POINTER_PARAMETER}, {@code ECS_CLUSTER}, {@code ECS_SERVICES}, {@code DB_CA_BUNDLE}); tags
 * override both, exactly as in the Lambda.
 */
public final class SettingsOptions {

    @Option(names = "--pointer", paramLabel = "PARAMETER",
            description = "SSM parameter naming the active slot, unless the secrets' bluegreen:pointer-parameter tag says (default: $POINTER_PARAMETER).")
    String pointer;

    @Option(names = "--cluster", paramLabel = "CLUSTER",
            description = "ECS cluster, unless the bluegreen:cluster tag says (default: $ECS_CLUSTER).")
    String cluster;

    @Option(names = "--services", paramLabel = "A,B", description = "ECS services, comma-separated, unless the bluegreen:services tag says (default: $ECS_SERVICES).")
    String services;

    @Option(names = "--ca-bundle", paramLabel = "PEM", description = "CA bundle to verify the database's certificate (default: $DB_CA_BUNDLE).")
    String caBundle;

    @Option(names = "--json", description = "Print JSON for scripts instead of tables.")
    boolean json;

    public boolean json() {
        return json;
    }

    /** The Lambda's settings from the environment, with the flags laid over it. */
    public FunctionSettings settings(CliContext context) {
        Map<String, String> env = new HashMap<>(context.env());
        put(env, "POINTER_PARAMETER", pointer);
        put(env, "ECS_CLUSTER", cluster);
        put(env, "ECS_SERVICES", services);
        put(env, "DB_CA_BUNDLE", caBundle);
        try {
            return FunctionSettings.fromEnvironment(env);
        } catch (ConfigurationException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    public PairReader reader(BluegreenCli root) {
        return new PairReader(root.aws(), root.clients().rds(), settings(root.context()));
    }

    public DatabaseAccess databaseAccess(CliContext context) {
        return new DatabaseAccess(ConnectOptions.defaults().withCaBundle(settings(context).caBundle()));
    }

    private static void put(Map<String, String> env, String key, String value) {
        if (value != null) {
            env.put(key, value);
        }
    }
}
