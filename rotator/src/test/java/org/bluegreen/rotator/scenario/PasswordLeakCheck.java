package org.bluegreen.rotator.scenario;

import com.fasterxml.jackson.jr.ob.JSON;
import org.bluegreen.testkit.aws.FakeSecretsManager;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every password a test has known, those that only ever lived in a secret's newest versions included, and the check
 * that none of them appears in a text (a log, an exception message, a command's output).
 */
public final class PasswordLeakCheck {

    private final FakeSecretsManager secrets;
    private final Supplier<List<String>> secretIds;
    private final List<String> known = new ArrayList<>();

    /** @param secretIds the secrets whose every version's password counts as known, read at each check */
    public PasswordLeakCheck(FakeSecretsManager secrets, Supplier<List<String>> secretIds) {
        this.secrets = secrets;
        this.secretIds = secretIds;
    }

    /** A password no secret holds (set by hand, an admin's): known from now on. */
    public void remember(String password) {
        if (!known.contains(password)) {
            known.add(password);
        }
    }

    /** Fails when {@code text} contains any known password, those of the secrets' versions included. */
    public void assertNoneIn(String text, String what) {
        for (String password : known()) {
            if (text.contains(password)) {
                throw new AssertionError("a password appeared in " + what);
            }
        }
    }

    /** The known passwords, in the order first seen (so an index names one password across a test). */
    public List<String> known() {
        for (String id : secretIds.get()) {
            for (String version : secrets.versionStages(id).keySet()) {
                try {
                    String value = secrets.getSecretValue(b -> b.secretId(id).versionId(version)).secretString();
                    Object password = JSON.std.mapFrom(value).get("password");
                    if (password != null) {
                        remember(password.toString());
                    }
                } catch (RuntimeException | IOException notThere) {
                    // a version without a value, or a value that is not JSON (a bad-input test): nothing to remember
                }
            }
        }
        return List.copyOf(known);
    }
}
