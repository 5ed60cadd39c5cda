package org.bluegreen.rotator.rotation;

import org.bluegreen.contract.Stage;
import org.bluegreen.rotator.aws.EcsServices;
import org.bluegreen.rotator.aws.PointerParameter;
import org.bluegreen.rotator.aws.PointerState;
import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.aws.SecretStore;
import org.bluegreen.rotator.aws.SecretValue;
import org.bluegreen.rotator.aws.ServiceState;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.config.PairConfig;
import org.bluegreen.rotator.config.StackSecretFields;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.engine.LiveSession;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.rotation.StepOutcome.Result;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.bluegreen.rotator.log.Untrusted.quote;

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
    private final ConfigurationCheck configurationCheck;

    /** @param database the database seam; the handler passes the real one, a fast test an in-memory one */
    public Rotator(SecretStore secrets, PointerParameter pointer, EcsServices ecs, FunctionSettings settings,
                   DatabaseAccess database, JsonLog log) {
        this.secrets = secrets;
        this.pointer = pointer;
        this.ecs = ecs;
        this.settings = settings;
        this.database = database;
        this.log = log;
        this.configurationCheck = new ConfigurationCheck(pointer, ecs, database);
    }

    /** Runs the step Secrets Manager's event names; a malformed event is a failed outcome too. */
    public StepOutcome runStep(Map<String, ?> eventJson) {
        Invocation invocation = new Invocation(log, String.valueOf(eventJson.get("SecretId")));
        return invocation.run(() -> step(RotationEvent.fromMap(eventJson), invocation));
    }

    /** Runs one step. */
    public StepOutcome runStep(RotationEvent event) {
        Invocation invocation = new Invocation(log, event.secretId());
        return invocation.run(() -> step(event, invocation));
    }

    private StepOutcome.Succeeded step(RotationEvent event, Invocation invocation) {
        invocation.sensitive(event.rotationToken());
        SecretMetadata meta = secrets.describe(event.secretId());
        invocation.named(meta);
        if (!meta.rotationEnabled()) {
            throw new RotationException("secret " + quote(meta.name()) + " does not have rotation enabled");
        }
        List<String> stages = meta.stagesOf(event.token()).orElseThrow(() -> new RotationException(
                "version " + quote(event.token()) + " is not a version of secret " + quote(meta.name())));
        boolean alreadyCurrent = stages.contains(Stage.CURRENT.label());
        if (!alreadyCurrent && !stages.contains(Stage.PENDING.label())) {
            throw new RotationException("version " + quote(event.token()) + " of secret " + quote(meta.name())
                    + " is not staged as AWSPENDING (it has " + stages + ")");
        }
        SlotPair slots = SlotPair.of(meta, secrets, settings);
        PairConfig pair = PairConfig.resolve(settings, meta.name(), meta.tags());
        invocation.configured(pair);
        StepRun run = new StepRun(event, meta, pair, slots, invocation);
        Done done;
        if (alreadyCurrent && event.step() != Step.FINISH_SECRET) {
            done = new Done(Result.ALREADY_CURRENT, "version is already AWSCURRENT: nothing to do");
        } else {
            done = switch (event.step()) {
                case CREATE_SECRET -> run.createSecret();
                case SET_SECRET -> run.setSecret();
                case TEST_SECRET -> run.testSecret();
                case FINISH_SECRET -> run.finishSecret(alreadyCurrent);
            };
        }
        return new StepOutcome.Succeeded(invocation.subject(), done.result(), done.message());
    }

    /** What a step returns: its result, and the sentence that says it. */
    record Done(Result result, String message) {
    }

    /** One run of one step: the event with what DescribeSecret said, the pair's configuration and the invocation. */
    private final class StepRun {
        private final RotationEvent event;
        private final SecretMetadata meta;
        private final PairConfig pair;
        private final SlotPair slots;
        private final Invocation invocation;
        private final JsonLog log;
        private final String id;
        /** The admin secret's value per ARN: read at most once per step, however many versions name it. */
        private final Map<String, Optional<String>> adminValues = new HashMap<>();
        private final WriteRules rules;

        StepRun(RotationEvent event, SecretMetadata meta, PairConfig pair, SlotPair slots, Invocation invocation) {
            this.event = event;
            this.meta = meta;
            this.pair = pair;
            this.slots = slots;
            this.invocation = invocation;
            this.log = invocation.log();
            this.id = meta.arn();
            this.rules = new WriteRules(meta, slots, settings);
        }

        Done createSecret() {
            DbSecret current = current();
            DatabaseEngine engine = Engines.forName(current.engine());
            // Read first: a retry after setSecret changed the password must log in with it (Login#privileged).
            Optional<SecretValue> existing = secrets.pending(id, event.token());
            Optional<DbSecret> existingPending = existing.map(v -> parse(v, "AWSPENDING"));

            PointerState p = pointer.read(pair.pointerParameter());
            ActiveSlotGuard.check(p, pair.slot(), meta.name());
            List<String> problems = DrainCheck.servicesProblems(ecs.describe(pair.cluster(), pair.services()), p);
            if (!problems.isEmpty()) {
                throw new Refusal(Refusal.Reason.NOT_DRAINED,
                        "slot " + quote(pair.slot()) + " may still be in use: " + String.join("; ", problems));
            }
            checkLiveSessions(current, existingPending);

            if (existingPending.isPresent()) {
                return new Done(Result.PENDING_EXISTED, "pending version already exists: skipped");
            }
            int length = Math.min(settings.passwordLength(), engine.maxPasswordLength());
            String password = invocation.sensitive(
                    secrets.randomPassword(length, settings.excludeCharacters() + engine.passwordExcludedCharacters()));
            secrets.put(id, event.token(), current.withPassword(password).toJson(), Stage.PENDING, event.rotationToken());
            return new Done(Result.PENDING_CREATED, "created pending version");
        }

        Done setSecret() {
            DbSecret pending = pending().orElseThrow(() -> new RotationException("version " + quote(event.token())
                    + " of secret " + quote(meta.name()) + " has no value: createSecret has not run for this rotation"));
            DbSecret current = current();
            if (!pending.sameLoginTargetAs(current)) {
                throw new Refusal(Refusal.Reason.IDENTITY_CHANGED, "the pending version of secret " + quote(meta.name())
                        + " names another user or host than AWSCURRENT (or another port, database, masterarn or TLS"
                        + " setting); a rotation never changes those");
            }
            ActiveSlotGuard.check(pointer.read(pair.pointerParameter()), pair.slot(), meta.name());

            if (database.logsIn(pending)) {
                return new Done(Result.ALREADY_SET, "pending password already set: skipped");
            }
            // The pending password does not log in, so it is not a candidate: the database holds another.
            try (DatabaseAccess.Session s = database.sessionOfFirstThatLogsIn(privilegedLogins(current, Optional.empty()))) {
                RotatableUser.checkRole(s.session(), pending.username(), "AWSPENDING of secret " + quote(meta.name()));
                if (current.masterArn() != null) {
                    s.session().changePassword(pending.username(), pending.password());
                } else {
                    s.session().changeOwnPassword(s.login().secret(), pending.password());
                }
            } catch (SQLException e) {
                throw DatabaseAccess.failure("cannot change the password of " + quote(pending.username()), e);
            }
            if (!database.logsIn(pending)) {
                throw new RotationException("the password of " + quote(pending.username())
                        + " was changed, but the pending password does not log in");
            }
            return current.masterArn() != null ? new Done(Result.PASSWORD_SET_BY_ADMIN, "password set by admin")
                    : new Done(Result.PASSWORD_SET_BY_USER, "password set by the user itself");
        }

        Done testSecret() {
            Optional<SecretValue> pendingValue = secrets.pending(id, event.token());
            SecretValue currentValue = currentValue();
            if (ConfigurationCheck.isOne(pendingValue.map(SecretValue::secretString), currentValue.secretString())) {
                DbSecret current = checked(currentOrStackFields(currentValue), "AWSCURRENT");
                return new Done(Result.CONFIGURATION_TESTED, configurationCheck.run(log, meta.name(), pair, slots, current,
                        pendingValue.isEmpty(), () -> admin(current).orElseThrow()));
            }
            DbSecret pending = parse(pendingValue.get(), "AWSPENDING");
            checkLogin(checked(pending, "AWSPENDING"), "AWSPENDING (setSecret has not completed)");
            return new Done(Result.PENDING_LOGS_IN, "pending password logs in");
        }

        Done finishSecret(boolean alreadyCurrent) {
            SecretValue rotated = secrets.version(id, event.token()).orElseThrow(() -> new RotationException(
                    "version " + quote(event.token()) + " of secret " + quote(meta.name()) + " has no value: createSecret has not run"));
            DbSecret version = checked(parse(rotated, "version " + quote(event.token())), "version " + quote(event.token()));
            if (alreadyCurrent) {
                log.info("finishSecret").with("action", "AWSCURRENT").with("detail", "already current: skipped").write();
            } else {
                String from = meta.versionWith(Stage.CURRENT).orElse(null);
                secrets.moveStage(id, Stage.CURRENT, event.token(), from);
                log.info("finishSecret").with("action", "AWSCURRENT").with("detail", "moved").write();
            }
            PointerState p = pointer.read(pair.pointerParameter());
            boolean pointerElsewhere = !p.slot().equals(pair.slot());
            if (pointerElsewhere && alreadyCurrent && rotated.createdDate() != null
                    && p.lastModified().isAfter(rotated.createdDate())) {
                // A late retry: the other slot has rotated since, and the app must stay on it.
                return new Done(Result.SUPERSEDED, "superseded: pointer names " + quote(p.slot()) + " since " + p.lastModified()
                        + ", after this version was created; active secret, pointer and services left alone");
            }
            if (pointerElsewhere && alreadyCurrent) {
                CurrentVersionLogin.check(database, version, meta.name(), event.token());
            }
            if (pair.activeSecret() != null) {
                // Same version id on the active secret: a retry is a no-op for Secrets Manager.
                secrets.put(pair.activeSecret(), event.token(), rotated.secretString(), Stage.CURRENT, null);
                log.info("finishSecret").with("action", "active secret")
                        .with("detail", "holds this version").write();
            }
            if (pointerElsewhere) {
                pointer.write(pair.pointerParameter(), slots.slot());
                p = pointer.read(pair.pointerParameter());
                log.info("finishSecret").with("action", "pointer").with("slot", pair.slot())
                        .with("detail", "set").write();
            }
            int redeployed = 0;
            for (ServiceState s : ecs.describe(pair.cluster(), pair.services())) {
                // One deployment per rotation: one that started after the pointer changed already serves it.
                if (s.redeployedSince(p)) {
                    log.info("finishSecret").with("action", "redeploy").with("service", s.name())
                            .with("detail", "already redeployed since the pointer changed: skipped").write();
                    continue;
                }
                ecs.forceNewDeployment(pair.cluster(), s.name());
                redeployed++;
                log.info("finishSecret").with("action", "redeploy").with("service", s.name())
                        .with("detail", "new deployment forced").write();
            }
            return new Done(alreadyCurrent && !pointerElsewhere && redeployed == 0 ? Result.ALREADY_CURRENT : Result.ACTIVATED,
                    "slot " + quote(pair.slot()) + " is active; " + redeployed + " service(s) redeployed");
        }

        private void checkLiveSessions(DbSecret current, Optional<DbSecret> pending) {
            List<LiveSession> sessions;
            try (DatabaseAccess.Session s = database.sessionOfFirstThatLogsIn(privilegedLogins(current, pending))) {
                RotatableUser.checkRole(s.session(), current.username(), "AWSCURRENT of secret " + quote(meta.name()));
                sessions = s.session().liveSessions(current.username());
            } catch (SQLException e) {
                throw DatabaseAccess.failure("cannot count the live sessions of " + quote(current.username()), e);
            }
            if (sessions.isEmpty()) {
                return;
            }
            String problem = DrainCheck.sessionsProblem(current.username(), sessions);
            if (settings.liveSessionsFail()) {
                throw new Refusal(Refusal.Reason.LIVE_SESSIONS, problem + "; stop what still uses slot " + quote(pair.slot())
                        + " or set LIVE_SESSION_CHECK=warn");
            }
            log.warn("createSecret").with("slot", pair.slot()).with("detail", problem).write();
        }

        private void checkLogin(DbSecret login, String label) {
            if (!database.logsIn(login)) {
                throw new RotationException("the password of " + quote(login.username()) + " from " + label
                        + " of secret " + quote(meta.name()) + " does not log in");
            }
        }

        /** @param pending this rotation's AWSPENDING version, where the database may hold its password already */
        private List<Login> privilegedLogins(DbSecret current, Optional<DbSecret> pending) {
            return Login.privileged(current, () -> admin(current).orElseThrow(), () -> pending, this::previous);
        }

        /**
         * The admin from the user's {@code masterarn}, by the write rules ({@link WriteRules#check}), logging in to the
         * endpoint {@code user} names. The admin secret is read once per step: every later call works on that value.
         */
        private Optional<Login> admin(DbSecret user) {
            return checkedAdmin(user, "AWSCURRENT of secret " + quote(meta.name()));
        }

        /**
         * The write rules every version a step acts on must pass before anything is written ({@link WriteRules}): first
         * those that need no admin secret, then this step's one reading of the admin secret they let through
         * ({@link #adminValues}), which the rules then judge as a value.
         */
        private DbSecret checked(DbSecret version, String label) {
            checkedAdmin(version, label + " of secret " + quote(meta.name()));
            return version;
        }

        private Optional<Login> checkedAdmin(DbSecret version, String what) {
            Optional<String> adminJson = rules.adminToRead(version, what).flatMap(this::adminValue);
            Optional<Login> admin = rules.check(version, what, adminJson);
            admin.ifPresent(a -> invocation.sensitive(a.secret()));
            return admin;
        }

        /** The admin secret's AWSCURRENT value: read at most once per step, however many versions name it. */
        private Optional<String> adminValue(String arn) {
            return adminValues.computeIfAbsent(arn, a -> secrets.current(a).map(SecretValue::secretString));
        }

        private DbSecret current() {
            return current(currentValue());
        }

        private DbSecret current(SecretValue currentValue) {
            return checked(parse(currentValue, "AWSCURRENT"), "AWSCURRENT");
        }

        private SecretValue currentValue() {
            return secrets.current(id).orElseThrow(() -> new RotationException(
                    "secret " + quote(meta.name()) + " has no AWSCURRENT value"));
        }

        private Optional<DbSecret> pending() {
            return secrets.pending(id, event.token()).map(v -> checked(parse(v, "AWSPENDING"), "AWSPENDING"));
        }

        /**
         * AWSPREVIOUS as a fallback login. Right after bootstrap it is the value the stack made with a password only:
         * that names no login, so it is no fallback (refusing it as not bootstrapped would block every rotation).
         */
        private Optional<DbSecret> previous() {
            String what = "AWSPREVIOUS of secret " + quote(meta.name());
            return secrets.previous(id)
                    .filter(v -> !DbSecret.namesNoConnection(v.secretString(), what))
                    .map(v -> parse(v, "AWSPREVIOUS"));
        }

        private DbSecret parse(SecretValue v, String label) {
            String what = label + " of secret " + quote(meta.name());
            if (DbSecret.namesNoConnection(v.secretString(), what)) {
                throw new Refusal(Refusal.Reason.NOT_BOOTSTRAPPED, what + " holds no connection fields yet (the stack"
                        + " creates a slot secret with a password only): run `bluegreen bootstrap` for this pair"
                        + bootstrapArguments() + " (docs/deployment.md, step 5); it writes the stack's fields");
            }
            return invocation.sensitive(DbSecret.parse(v.secretString(), what));
        }

        private String bootstrapArguments() {
            String own = meta.name();
            String peer = slots.peerName();
            return slots.slot().equals("blue") ? " (--blue " + own + " --green " + peer + ")"
                    : slots.slot().equals("green") ? " (--blue " + peer + " --green " + own + ")" : "";
        }

        /**
         * AWSCURRENT for the configuration test: a secret the stack made with a password only is judged with the
         * stack's connection fields ({@link StackSecretFields}), and a warning says that bootstrap has not run.
         */
        private DbSecret currentOrStackFields(SecretValue v) {
            String what = "AWSCURRENT of secret " + quote(meta.name());
            if (!DbSecret.namesNoConnection(v.secretString(), what)) {
                return parse(v, "AWSCURRENT");
            }
            log.warn("testSecret").with("slot", pair.slot()).with("detail", what + " holds no connection fields yet:"
                    + " `bluegreen bootstrap` has not run for this pair" + bootstrapArguments() + "; checked with the"
                    + " stack's fields (DB_ENGINE, DB_ENDPOINTS, MASTER_SECRET_ARN, tag bluegreen:username)").write();
            return invocation.sensitive(StackSecretFields.of(settings, meta.name(), meta.tags()).applyTo(v.secretString(), what));
        }
    }
}
