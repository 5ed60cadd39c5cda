package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.secret.DbSecret;

import static org.bluegreen.rotator.log.Untrusted.quote;

/**
 * Rule: finishSecret moves the pointer to a version that is already AWSCURRENT (a retry, or a value an operator wrote
 * by hand since the last rotation) only once its password logs in, as testSecret proves for a rotated one. Otherwise
 * the app and a redeploy would follow credentials nobody tested.
 */
final class CurrentVersionLogin {

    private CurrentVersionLogin() {
    }

    static void check(DatabaseAccess database, DbSecret version, String secretName, String versionId) {
        if (!database.logsIn(version)) {
            throw new Refusal(Refusal.Reason.UNTESTED_CREDENTIALS, "version " + versionId + " of secret " + quote(secretName)
                    + " is already AWSCURRENT, but its password does not log in as " + quote(version.username())
                    + "; pointer and services left as they are: correct the value or rotate the secret again");
        }
    }
}
