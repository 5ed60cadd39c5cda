package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.config.FunctionSettings;
import org.bluegreen.rotator.engine.Engines;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.Optional;

/**
 * The rules that guard every write of a slot's password or secret, in one place for the rotation's steps and the
 * operator CLI's {@code bootstrap} and {@code recover} alike (docs/security.md lists them): the engine the stack
 * names ({@link StackEngine}), a pinned endpoint ({@link PinnedEndpoint}), an admin secret of its own
 * ({@link TrustedAdmin}) that logs in only where it may, with TLS never weaker than either secret asks
 * ({@link AdminLogin}), and exactly the slot's own user ({@link RotatableUser}). The pair's identity
 * ({@link SlotPair}) is the caller's first check: these rules take the pair it found. Each rule throws a
 * {@link Refusal} with its reason and changes nothing. The rules are pure: the caller reads the admin secret's value
 * (once, and only for the ARN {@link #adminToRead} let through) and hands it in.
 */
public final class WriteRules {

    private final SecretMetadata slot;
    private final SlotPair pair;
    private final FunctionSettings settings;

    /**
     * @param slot the slot's secret, as DescribeSecret gave it
     * @param pair the pair {@link SlotPair#of} found for it
     */
    public WriteRules(SecretMetadata slot, SlotPair pair, FunctionSettings settings) {
        this.slot = slot;
        this.pair = pair;
        this.settings = settings;
    }

    /**
     * The rules that need no admin secret (engine, pinned endpoint, trusted admin), in the order {@link #check} runs them.
     * A caller runs this before it reads the admin secret, so that a secret naming an untrusted one is refused before
     * anything is read.
     *
     * @param what names the version in messages, e.g. {@code "AWSCURRENT of secret 'app-blue'"}
     * @return the {@code masterarn} whose AWSCURRENT value {@link #check} needs next; empty in self-service mode
     */
    public Optional<String> adminToRead(DbSecret version, String what) {
        StackEngine.check(version, settings.dbEngine(), what);
        PinnedEndpoint.check(version, settings.dbEndpoints(), Engines.forName(version.engine()), what);
        TrustedAdmin.check(version.masterArn(), slot.arn(), slot.name(), pair, settings.masterSecretArn());
        return Optional.ofNullable(version.masterArn());
    }

    /**
     * Every rule that needs no database, on a version about to be acted on.
     *
     * @param what      names the version in messages, e.g. {@code "AWSCURRENT of secret 'app-blue'"}
     * @param adminJson the AWSCURRENT value of the secret {@link #adminToRead} named, as the caller read it; empty when
     *                  it has none (or in self-service mode, where it is not used)
     * @return the admin login from its {@code masterarn}; empty in self-service mode
     */
    public Optional<Login> check(DbSecret version, String what, Optional<String> adminJson) {
        adminToRead(version, what);
        Optional<Login> admin = Login.admin(version, slot.name(), settings.dbEndpoints(), adminJson);
        RotatableUser.checkName(version, pair, admin.map(a -> a.secret().username()).orElse(null),
                Engines.forName(version.engine()), what);
        return admin;
    }

    public SlotPair pair() {
        return pair;
    }
}
