package org.bluegreen.simulator.strategy;

import org.bluegreen.rotator.aws.EcsServices;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.secret.DbSecret;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.bluegreen.rotator.aws.SecretMetadata.CURRENT;
import static org.bluegreen.rotator.aws.SecretMetadata.PENDING;

/**
 * The four steps of a plain single-user rotation (the user changes its own password), written for the baseline
 * only, on the rotator's own secret, engine and ECS seams. Its finishSecret also forces the redeploy that ours
 * does, so both strategies replace tasks at the same moments.
 */
final class SingleUserRotation implements Consumer<Map<String, String>> {

    private final SecretStore secrets;
    private final EcsServices ecs;
    private final String cluster;
    private final String service;
    private final ConnectOptions connect = ConnectOptions.defaults();

    SingleUserRotation(SecretsManagerClient secretsManager, EcsClient ecsClient, String cluster, String service) {
        this.secrets = new SecretStore(secretsManager);
        this.ecs = new EcsServices(ecsClient);
        this.cluster = cluster;
        this.service = service;
    }

    @Override
    public void accept(Map<String, String> event) {
        String id = event.get("SecretId");
        String token = event.get("ClientRequestToken");
        try {
            switch (event.get("Step")) {
                case "createSecret" -> createSecret(id, token, event.get("RotationToken"));
                case "setSecret" -> setSecret(id, token);
                case "testSecret" -> testSecret(id, token);
                case "finishSecret" -> finishSecret(id, token);
                default -> throw new IllegalArgumentException("unknown step " + event.get("Step"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(event.get("Step") + " failed: " + e.getMessage() + " (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    private void createSecret(String id, String token, String rotationToken) {
        if (secrets.value(id, token, PENDING).isPresent()) {
            return;
        }
        DbSecret current = value(id, null, CURRENT);
        String password = secrets.randomPassword(FunctionSettings.DEFAULT_PASSWORD_LENGTH,
                FunctionSettings.DEFAULT_EXCLUDE_CHARACTERS);
        secrets.put(id, token, current.withPassword(password).toJson(), List.of(PENDING), rotationToken);
    }

    private void setSecret(String id, String token) throws SQLException {
        DbSecret pending = value(id, token, PENDING);
        DatabaseEngine engine = Engines.forName(pending.engine());
        if (logsIn(engine, pending)) {
            return;
        }
        // This is the moment every running task's password stops working.
        DbSecret current = value(id, null, CURRENT);
        try (Connection c = engine.connect(current, connect)) {
            engine.changeOwnPassword(c, current, pending.password());
        }
    }

    private void testSecret(String id, String token) throws SQLException {
        DbSecret pending = value(id, token, PENDING);
        DatabaseEngine engine = Engines.forName(pending.engine());
        try (Connection c = engine.connect(pending, connect)) {
            engine.verifyLogin(c, pending.username());
        }
    }

    private void finishSecret(String id, String token) {
        SecretMetadata meta = secrets.describe(id);
        String current = meta.versionWith(CURRENT).orElse(null);
        if (token.equals(current)) {
            return;
        }
        secrets.moveStage(id, CURRENT, token, current);
        ecs.forceNewDeployment(cluster, service);
    }

    private boolean logsIn(DatabaseEngine engine, DbSecret secret) throws SQLException {
        try (Connection c = engine.connect(secret, connect)) {
            return true;
        } catch (SQLException e) {
            if (engine.isWrongPassword(e)) {
                return false;
            }
            throw e;
        }
    }

    private DbSecret value(String id, String token, String stage) {
        return DbSecret.parse(secrets.value(id, token, stage).orElseThrow(() -> new IllegalStateException(
                "secret " + id + " has no " + stage + " value")).secretString(), stage + " of " + id);
    }
}
