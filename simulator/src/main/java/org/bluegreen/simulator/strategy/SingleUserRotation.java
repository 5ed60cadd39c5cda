package org.bluegreen.simulator.strategy;

import org.bluegreen.contract.Stage;
import org.bluegreen.rotator.aws.EcsServices;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.aws.SecretValue;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.rotation.DatabaseAccess;
import org.bluegreen.rotator.secret.DbSecret;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
    private final DatabaseAccess database = new DatabaseAccess(connect);

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
        if (secrets.pending(id, token).isPresent()) {
            return;
        }
        DbSecret current = current(id);
        String password = secrets.randomPassword(FunctionSettings.DEFAULT_PASSWORD_LENGTH,
                FunctionSettings.DEFAULT_EXCLUDE_CHARACTERS);
        secrets.put(id, token, current.withPassword(password).toJson(), Stage.PENDING, rotationToken);
    }

    private void setSecret(String id, String token) throws SQLException {
        DbSecret pending = pending(id, token);
        DatabaseEngine engine = Engines.forName(pending.engine());
        if (database.logsIn(pending)) {
            return;
        }
        // This is the moment every running task's password stops working.
        DbSecret current = current(id);
        try (Connection c = engine.connect(current, connect)) {
            engine.changeOwnPassword(c, current, pending.password());
        }
    }

    private void testSecret(String id, String token) throws SQLException {
        DbSecret pending = pending(id, token);
        DatabaseEngine engine = Engines.forName(pending.engine());
        try (Connection c = engine.connect(pending, connect)) {
            engine.verifyLogin(c, pending.username());
        }
    }

    private void finishSecret(String id, String token) {
        SecretMetadata meta = secrets.describe(id);
        String current = meta.versionWith(Stage.CURRENT).orElse(null);
        if (token.equals(current)) {
            return;
        }
        secrets.moveStage(id, Stage.CURRENT, token, current);
        ecs.forceNewDeployment(cluster, service);
    }

    private DbSecret current(String id) {
        return parse(secrets.current(id), Stage.CURRENT, id);
    }

    private DbSecret pending(String id, String token) {
        return parse(secrets.pending(id, token), Stage.PENDING, id);
    }

    private static DbSecret parse(Optional<SecretValue> value, Stage stage, String id) {
        return DbSecret.parse(value.orElseThrow(() -> new IllegalStateException(
                "secret " + id + " has no " + stage + " value")).secretString(), stage + " of " + id);
    }
}
