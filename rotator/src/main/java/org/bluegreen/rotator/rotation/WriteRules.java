package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.Optional;
import java.util.function.Function;

/**
 * The rules that guard every write of a slot's password or secret, in one place for the rotation's steps and the
 * operator CLI's {@code bootstrap} and {@code recover} alike (docs/security.md lists them): the engine the stack
 * names ({@link StackEngine}), a pinned endpoint ({@link PinnedEndpoint}), an admin secret of its own
 * ({@link TrustedAdmin}) that logs in only where it may, with TLS never weaker than either secret asks
 * ({@link AdminLogin}), and exactly the slot's own user ({@link RotatableUser}). The pair's identity
 * ({@link SlotPair}) is the caller's first check: these rules take the pair it found. Each rule throws a
 * {@link Refusal} with its reason and changes nothing; reading the admin secret's value is the only call out.
 */
public final class WriteRules {

    private final SecretMetadata slot;
    private final SlotPair pair;
    private final FunctionSettings settings;
    private final Function<String, Optional<String>> currentValue;

    /**
     * @param slot         the slot's secret, as DescribeSecret gave it
     * @param pair         the pair {@link SlotPair#of} found for it
     * @param currentValue reads the AWSCURRENT value of a secret by ARN (the admin secret); empty when it has none
     */
    public WriteRules(SecretMetadata slot, SlotPair pair, FunctionSettings settings,
                      Function<String, Optional<String>> currentValue) {
        this.slot = slot;
        this.pair = pair;
        this.settings = settings;
        this.currentValue = currentValue;
    }

    /**
     * Every rule that needs no database, on a version about to be acted on.
     *
     * @param what names the version in messages, e.g. {@code "AWSCURRENT of secret 'app-blue'"}
     * @return the admin login from its {@code masterarn}; empty in self-service mode
     */
    public Optional<Login> check(DbSecret version, String what) {
        StackEngine.check(version, settings.dbEngine(), what);
        DatabaseEngine engine = Engines.forName(version.engine());
        PinnedEndpoint.check(version, settings.dbEndpoints(), engine, what);
        Optional<Login> admin = admin(version);
        RotatableUser.checkName(version, pair, admin.map(a -> a.secret().username()).orElse(null), engine, what);
        return admin;
    }

    /** The admin from the version's {@code masterarn}, once it passes {@link TrustedAdmin}; empty without masterarn. */
    public Optional<Login> admin(DbSecret version) {
        TrustedAdmin.check(version.masterArn(), slot.arn(), slot.name(), pair, settings.masterSecretArn());
        return Login.admin(version, slot.name(), settings.dbEndpoints(), currentValue);
    }

    public SlotPair pair() {
        return pair;
    }
}
