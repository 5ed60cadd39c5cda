package org.bluegreen.cli.pair;

import org.bluegreen.cli.CliException;
import org.bluegreen.cli.aws.SecretListing;
import org.bluegreen.rotator.config.ConfigurationException;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.config.PairConfig;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * A pair's settings as the stack gives them: the environment of the one function that rotates both secrets (each
 * secret's RotationLambdaARN), read by the Lambda's own {@link FunctionSettings#fromEnvironment}, with the
 * operator's flags laid over it. The template writes the pair's pointer, cluster, services, pinned endpoints, engine
 * and admin secret there, so a stack needs no flags.
 *
 * @param settings the resolved settings
 * @param function the function read, or null when neither secret names one (then only flags give settings)
 */
public record StackSettings(FunctionSettings settings, String function) {

    /**
     * A path inside the function (a layer's CA bundle) means nothing on the operator's machine: the CLI verifies the
     * database with its own, {@code --ca-bundle} or {@code $DB_CA_BUNDLE}.
     */
    static final String CA_BUNDLE = "DB_CA_BUNDLE";

    /**
     * @param overrides           environment variables the operator's flags set; they win over the function's
     * @param functionEnvironment the environment of a function, by ARN (lambda:GetFunctionConfiguration)
     */
    static StackSettings of(SecretListing blue, SecretListing green, Map<String, String> overrides,
                            Function<String, Map<String, String>> functionEnvironment) {
        Set<String> functions = new LinkedHashSet<>();
        for (SecretListing s : List.of(blue, green)) {
            if (s.rotation().lambdaArn() != null) {
                functions.add(s.rotation().lambdaArn());
            }
        }
        if (functions.size() > 1) {
            throw new CliException("secret " + quote(blue.meta().name()) + " rotates with function " + blue.rotation().lambdaArn()
                    + " but its peer " + quote(green.meta().name()) + " with " + green.rotation().lambdaArn()
                    + ": a pair rotates with one function, whose environment is the pair's configuration (the template's two"
                    + " rotation schedules both name its RotationFunction); point both secrets at one function");
        }
        String function = functions.isEmpty() ? null : functions.iterator().next();
        Map<String, String> env = new HashMap<>(function == null ? Map.of() : functionEnvironment.apply(function));
        env.remove(CA_BUNDLE);
        env.putAll(overrides);
        try {
            return new StackSettings(FunctionSettings.fromEnvironment(env), function);
        } catch (ConfigurationException e) {
            throw new CliException((function == null ? "the flags: " : "the environment of function " + function
                    + " (flags laid over it): ") + e.getMessage(), e);
        }
    }

    /** The secret's configuration by the rotation's own resolution: its tags, then these settings. */
    PairConfig config(String secretName, Map<String, String> tags) {
        try {
            return PairConfig.resolve(settings, secretName, tags);
        } catch (ConfigurationException e) {
            throw new CliException(e.missing().map(m -> missing(m, secretName)).orElse(e.getMessage()), e);
        }
    }

    /** What is missing, where the stack keeps it, and the two ways to give it by hand. */
    String missing(PairConfig.Setting setting, String secretName) {
        String byHand = "pass " + flag(setting) + " or tag the secret " + setting.tag();
        String where = "secret " + quote(secretName) + ": no " + setting.what() + ": ";
        if (function == null) {
            return where + "the secret names no rotation function (DescribeSecret shows no RotationLambdaARN; the template's"
                    + " rotation schedule names its RotationFunction, whose environment holds " + setting.variable()
                    + "), so nothing gives it; turn rotation on with the stack's function, or " + byHand;
        }
        return where + "the environment of its rotation function " + function + " has no " + setting.variable()
                + " (the template writes it there); " + byHand;
    }

    /** The CLI flag that stands for a setting. */
    static String flag(PairConfig.Setting setting) {
        return switch (Objects.requireNonNull(setting)) {
            case POINTER -> "--pointer";
            case CLUSTER -> "--cluster";
            case SERVICES -> "--services";
        };
    }
}
