package org.bluegreen.rotator.config;

import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.secret.InvalidSecretException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * The function's environment: defaults for every pair it serves. Secret tags override the pair-specific ones
 * (see {@link PairConfig}).
 *
 * @param dbEndpoints {@code DB_ENDPOINTS}: the only database endpoints the function sends passwords to; empty when
 *                    not set (then only an admin secret that names its own host can be used)
 * @param dbEngine    {@code DB_ENGINE}: the stack's database engine (the template's DbEngine); null when not set
 * @param masterSecretArn {@code MASTER_SECRET_ARN}: the stack's admin secret (the template's MasterSecretArn); null in
 *                    self-service mode or when not set
 */
public record FunctionSettings(String pointerParameter, String cluster, List<String> services,
                               int passwordLength, String excludeCharacters, boolean liveSessionsFail,
                               String activeSecret, Path caBundle, List<DbEndpoint> dbEndpoints,
                               String dbEngine, String masterSecretArn) {

    /**
     * Characters generated passwords avoid by default: those that break JDBC URLs and connection strings
     * ({@code : / @ ? # & = % + ;}), quoting in SQL and shells ({@code " ' \ `}), and shell metacharacters
     * an operator may paste a password next to ({@code $ ! * | < > ( ) [ ] { }}). What remains (letters,
     * digits and {@code , - . ^ _ ~}) still gives about 195 bits in 32 characters.
     */
    public static final String DEFAULT_EXCLUDE_CHARACTERS = ":/@\"'\\`?#&=%+;$!*|<>()[]{}";

    public static final int DEFAULT_PASSWORD_LENGTH = 32;

    public static FunctionSettings fromEnvironment(Map<String, String> env) {
        int length = DEFAULT_PASSWORD_LENGTH;
        String lengthText = blankToNull(env.get("PASSWORD_LENGTH"));
        if (lengthText != null) {
            try {
                length = Integer.parseInt(lengthText.trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException("PASSWORD_LENGTH must be a whole number, got " + quote(lengthText));
            }
        }
        if (length < 16 || length > 4096) {
            throw new ConfigurationException("PASSWORD_LENGTH must be from 16 to 4096, got " + length);
        }
        String exclude = env.get("EXCLUDE_CHARACTERS");
        String liveSessions = env.getOrDefault("LIVE_SESSION_CHECK", "fail").trim().toLowerCase();
        if (!liveSessions.equals("fail") && !liveSessions.equals("warn")) {
            throw new ConfigurationException("LIVE_SESSION_CHECK must be 'fail' or 'warn', got " + quote(liveSessions));
        }
        Path caBundle = null;
        String ca = blankToNull(env.get("DB_CA_BUNDLE"));
        if (ca != null) {
            caBundle = Path.of(ca);
            if (!Files.isReadable(caBundle)) {
                throw new ConfigurationException("DB_CA_BUNDLE names " + quote(ca) + ", which is not a readable file");
            }
        }
        List<DbEndpoint> endpoints = split(env.get("DB_ENDPOINTS"), "[,\\s]+").stream().map(DbEndpoint::parse).toList();
        String engine = blankToNull(env.get("DB_ENGINE"));
        if (engine != null) {
            try {
                Engines.family(engine);
            } catch (InvalidSecretException e) {
                throw new ConfigurationException("DB_ENGINE: " + e.getMessage());
            }
        }
        String masterSecretArn = blankToNull(env.get("MASTER_SECRET_ARN"));
        if (masterSecretArn != null && !masterSecretArn.startsWith("arn:")) {
            throw new ConfigurationException("MASTER_SECRET_ARN must be the admin secret's ARN, got " + quote(masterSecretArn));
        }
        return new FunctionSettings(
                blankToNull(env.get("POINTER_PARAMETER")),
                blankToNull(env.get("ECS_CLUSTER")),
                split(env.get("ECS_SERVICES"), ","),
                length,
                exclude == null ? DEFAULT_EXCLUDE_CHARACTERS : exclude,
                liveSessions.equals("fail"),
                blankToNull(env.get("ACTIVE_SECRET")),
                caBundle,
                endpoints,
                engine,
                masterSecretArn);
    }

    static List<String> split(String text, String separator) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
