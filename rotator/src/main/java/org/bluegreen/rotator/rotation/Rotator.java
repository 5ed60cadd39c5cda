package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.EcsServices;
import org.bluegreen.rotator.aws.PointerParameter;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.aws.SecretVersion;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.config.PairConfig;
import org.bluegreen.rotator.engine.ConnectOptions;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.engine.LiveSession;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.bluegreen.rotator.aws.SecretMetadata.CURRENT;
import static org.bluegreen.rotator.aws.SecretMetadata.PENDING;
import static org.bluegreen.rotator.aws.SecretMetadata.PREVIOUS;

/**
 * The four rotation steps for one secret of a blue/green pair. Every step is idempotent: Secrets Manager
 * may invoke any of them again with the same token, and a whole rotation again after a failure.
 */
public final class Rotator {

    private final SecretStore secrets;
    private final PointerParameter pointer;
    private final EcsServices ecs;
    private final FunctionSettings settings;
    private final DatabaseAccess database;
    private final JsonLog log;

    public Rotator(SecretStore secrets, PointerParameter pointer, EcsServices ecs, FunctionSettings settings, JsonLog log) {
        this.secrets = secrets;
        this.pointer = pointer;
        this.ecs = ecs;
        this.settings = settings;
        this.database = new DatabaseAccess(ConnectOptions.defaults().withCaBundle(settings.caBundle()));
        this.log = log;
    }

    /** What a step did, for the handler's log line. */
    public record Outcome(String secretName, String slot, String result) {
    }

    /** Runs one step. */
    public Outcome rotate(RotationEvent event) {
        log.redactor().add(event.rotationToken());
        SecretMetadata meta = secrets.describe(event.secretId());
        if (!meta.rotationEnabled()) {
            throw new RotationException("secret '" + meta.name() + "' does not have rotation enabled");
        }
        List<String> stages = meta.stagesOf(event.token()).orElseThrow(() -> new RotationException(
                "version " + event.token() + " is not a version of secret '" + meta.name() + "'"));
        boolean alreadyCurrent = stages.contains(CURRENT);
        if (!alreadyCurrent && !stages.contains(PENDING)) {
            throw new RotationException("version " + event.token() + " of secret '" + meta.name()
                    + "' is not staged as AWSPENDING (it has " + stages + ")");
        }
        PairConfig pair = PairConfig.resolve(settings, meta.name(), meta.tags());
        Rotation rotation = new Rotation(event, meta, pair);
        String result;
        if (alreadyCurrent && event.step() != Step.FINISH_SECRET) {
            result = "version is already AWSCURRENT: nothing to do";
        } else {
            result = switch (event.step()) {
                case CREATE_SECRET -> rotation.createSecret();
                case SET_SECRET -> rotation.setSecret();
                case TEST_SECRET -> rotation.testSecret();
                case FINISH_SECRET -> rotation.finishSecret(alreadyCurrent);
            };
        }
        return new Outcome(meta.name(), pair.slot(), result);
    }

    /** One step of one rotation: the event with what DescribeSecret said and the pair's configuration. */
    private final class Rotation {
        private final RotationEvent event;
        private final SecretMetadata meta;
        private final PairConfig pair;
        private final String id;

        Rotation(RotationEvent event, SecretMetadata meta, PairConfig pair) {
            this.event = event;
            this.meta = meta;
            this.pair = pair;
            this.id = meta.arn();
        }

        String createSecret() {
            DbSecret current = current();
            DatabaseEngine engine = Engines.forName(current.engine());

            PointerState p = pointer.read(pair.pointerParameter());
            ActiveSlotGuard.check(p, pair.slot(), meta.name());
            List<String> problems = DrainCheck.servicesProblems(ecs.describe(pair.cluster(), pair.services()), p);
            if (!problems.isEmpty()) {
                throw new RotationException("refused: slot '" + pair.slot() + "' may still be in use: " + String.join("; ", problems));
            }
            checkLiveSessions(engine, current);

            Optional<SecretVersion> existing = secrets.value(id, event.token(), PENDING);
            if (existing.isPresent()) {
                parse(existing.get(), "AWSPENDING");
                return "pending version already exists: skipped";
            }
            int length = Math.min(settings.passwordLength(), engine.maxPasswordLength());
            String password = secrets.randomPassword(length, settings.excludeCharacters() + engine.passwordExcludedCharacters());
            log.redactor().add(password);
            secrets.put(id, event.token(), current.withPassword(password).toJson(), List.of(PENDING), event.rotationToken());
            return "created pending version";
        }

        String setSecret() {
            DbSecret pending = pending().orElseThrow(() -> new RotationException("version " + event.token()
                    + " of secret '" + meta.name() + "' has no value: createSecret has not run for this rotation"));
            DbSecret current = current();
            if (!pending.username().equals(current.username()) || !pending.host().equals(current.host())) {
                throw new RotationException("refused: the pending version of secret '" + meta.name()
                        + "' names another user or host than AWSCURRENT; a rotation never changes those");
            }
            DatabaseEngine engine = Engines.forName(pending.engine());
            ActiveSlotGuard.check(pointer.read(pair.pointerParameter()), pair.slot(), meta.name());

            if (database.logsIn(engine, pending)) {
                return "pending password already set: skipped";
            }
            try {
                if (pending.masterArn() != null) {
                    try (Connection c = database.open(engine, adminLogin(pending))) {
                        engine.changePassword(c, pending.username(), pending.password());
                    }
                } else {
                    List<DbSecret> candidates = new ArrayList<>(List.of(current));
                    List<String> labels = new ArrayList<>(List.of(CURRENT));
                    previous().ifPresent(prev -> {
                        candidates.add(prev);
                        labels.add(PREVIOUS);
                    });
                    try (DatabaseAccess.Session s = database.openFirstThatLogsIn(engine, candidates, labels)) {
                        engine.changeOwnPassword(s.connection(), s.login(), pending.password());
                    }
                }
            } catch (SQLException e) {
                throw DatabaseAccess.failure("cannot change the password of '" + pending.username() + "'", e);
            }
            if (!database.logsIn(engine, pending)) {
                throw new RotationException("the password of '" + pending.username()
                        + "' was changed, but the pending password does not log in");
            }
            return (pending.masterArn() != null ? "password set by admin" : "password set by the user itself");
        }

        String testSecret() {
            Optional<DbSecret> pending = pending();
            if (pending.isEmpty()) {
                // RotateImmediately=false: Secrets Manager stages an empty AWSPENDING and runs only this step,
                // to test the configuration. There is no new password to try, so check what a rotation will need.
                DbSecret current = current();
                DatabaseEngine engine = Engines.forName(current.engine());
                pointer.read(pair.pointerParameter());
                ecs.describe(pair.cluster(), pair.services());
                checkLogin(engine, current.masterArn() != null ? adminLogin(current) : current,
                        current.masterArn() != null ? "the admin secret (masterarn)" : "AWSCURRENT");
                return "configuration test passed (no pending value: nothing rotated)";
            }
            DatabaseEngine engine = Engines.forName(pending.get().engine());
            checkLogin(engine, pending.get(), "AWSPENDING (setSecret has not completed)");
            return "pending password logs in";
        }

        String finishSecret(boolean alreadyCurrent) {
            SecretVersion rotated = secrets.value(id, event.token(), null).orElseThrow(() -> new RotationException(
                    "version " + event.token() + " of secret '" + meta.name() + "' has no value: createSecret has not run"));
            parse(rotated, "version " + event.token());
            if (alreadyCurrent) {
                log.info("finishSecret").with("secret", meta.name()).with("action", "AWSCURRENT").with("outcome", "already current: skipped").write();
            } else {
                String from = meta.versionWith(CURRENT).orElse(null);
                secrets.moveStage(id, CURRENT, event.token(), from);
                log.info("finishSecret").with("secret", meta.name()).with("action", "AWSCURRENT").with("outcome", "moved").write();
            }
            PointerState p = pointer.read(pair.pointerParameter());
            boolean pointerElsewhere = !p.slot().equals(pair.slot());
            if (pointerElsewhere && alreadyCurrent && rotated.createdDate() != null
                    && p.lastModified().isAfter(rotated.createdDate())) {
                // A late retry: the other slot has rotated since, and the app must stay on it.
                return "superseded: pointer names '" + p.slot() + "' since " + p.lastModified()
                        + ", after this version was created; active secret, pointer and services left alone";
            }
            if (pair.activeSecret() != null) {
                // Same version id on the active secret: a retry is a no-op for Secrets Manager.
                secrets.put(pair.activeSecret(), event.token(), rotated.secretString(), List.of(CURRENT), null);
                log.info("finishSecret").with("secret", meta.name()).with("action", "active secret")
                        .with("outcome", "holds this version").write();
            }
            if (pointerElsewhere) {
                pointer.write(pair.pointerParameter(), pair.slot());
                p = pointer.read(pair.pointerParameter());
                log.info("finishSecret").with("secret", meta.name()).with("action", "pointer").with("slot", pair.slot())
                        .with("outcome", "set").write();
            }
            int redeployed = 0;
            for (ServiceState s : ecs.describe(pair.cluster(), pair.services())) {
                Instant newest = s.newestDeploymentAt().orElse(Instant.EPOCH);
                // One deployment per rotation: one that started after the pointer changed already serves it.
                if (!newest.isBefore(p.lastModified())) {
                    log.info("finishSecret").with("secret", meta.name()).with("action", "redeploy").with("service", s.name())
                            .with("outcome", "already redeployed since the pointer changed: skipped").write();
                    continue;
                }
                ecs.forceNewDeployment(pair.cluster(), s.name());
                redeployed++;
                log.info("finishSecret").with("secret", meta.name()).with("action", "redeploy").with("service", s.name())
                        .with("outcome", "new deployment forced").write();
            }
            return "slot '" + pair.slot() + "' is active; " + redeployed + " service(s) redeployed";
        }

        private void checkLiveSessions(DatabaseEngine engine, DbSecret current) {
            List<LiveSession> sessions;
            DbSecret login = current.masterArn() != null ? adminLogin(current) : current;
            List<DbSecret> candidates = new ArrayList<>(List.of(login));
            List<String> labels = new ArrayList<>(List.of(current.masterArn() != null ? "masterarn" : CURRENT));
            if (current.masterArn() == null) {
                previous().ifPresent(prev -> {
                    candidates.add(prev);
                    labels.add(PREVIOUS);
                });
            }
            try (DatabaseAccess.Session s = database.openFirstThatLogsIn(engine, candidates, labels)) {
                sessions = engine.liveSessions(s.connection(), current.username());
            } catch (SQLException e) {
                throw DatabaseAccess.failure("cannot count the live sessions of '" + current.username() + "'", e);
            }
            if (sessions.isEmpty()) {
                return;
            }
            String problem = DrainCheck.sessionsProblem(current.username(), sessions);
            if (settings.liveSessionsFail()) {
                throw new RotationException("refused: " + problem + "; stop what still uses slot '" + pair.slot()
                        + "' or set LIVE_SESSION_CHECK=warn");
            }
            log.warn("createSecret").with("secret", meta.name()).with("slot", pair.slot()).with("outcome", problem).write();
        }

        private void checkLogin(DatabaseEngine engine, DbSecret login, String label) {
            if (!database.logsIn(engine, login)) {
                throw new RotationException("the password of '" + login.username() + "' from " + label
                        + " of secret '" + meta.name() + "' does not log in");
            }
        }

        private DbSecret current() {
            SecretVersion v = secrets.value(id, null, CURRENT).orElseThrow(() -> new RotationException(
                    "secret '" + meta.name() + "' has no AWSCURRENT value"));
            return parse(v, "AWSCURRENT");
        }

        private Optional<DbSecret> pending() {
            return secrets.value(id, event.token(), PENDING).map(v -> parse(v, "AWSPENDING"));
        }

        private Optional<DbSecret> previous() {
            return secrets.value(id, null, PREVIOUS).map(v -> parse(v, "AWSPREVIOUS"));
        }

        /** The admin from the user's {@code masterarn}, logging in to the user's database. */
        private DbSecret adminLogin(DbSecret user) {
            String what = "admin secret " + user.masterArn() + " (masterarn of '" + meta.name() + "')";
            SecretVersion v = secrets.value(user.masterArn(), null, CURRENT).orElseThrow(() -> new RotationException(
                    what + " has no AWSCURRENT value"));
            DbSecret login = user.adminLogin(v.secretString(), what);
            log.redactor().add(login.password());
            return login;
        }

        private DbSecret parse(SecretVersion v, String label) {
            DbSecret s = DbSecret.parse(v.secretString(), label + " of secret '" + meta.name() + "'");
            log.redactor().add(s.password());
            return s;
        }
    }
}
