package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.config.DbEndpoint;
import org.bluegreen.rotator.engine.DatabaseEngine;
import org.bluegreen.rotator.secret.DbSecret;

import java.util.List;

/**
 * Rule: where the function's configuration pins database endpoints ({@code DB_ENDPOINTS}), a slot's secret must
 * name one of them (host, port, database). A forged host or port would otherwise receive the slot's (or the admin's)
 * password, and the app would follow the pointer to it.
 */
final class PinnedEndpoint {

    private PinnedEndpoint() {
    }

    static void check(DbSecret secret, List<DbEndpoint> pins, DatabaseEngine engine, String what) {
        if (pins.isEmpty()) {
            return;
        }
        int port = secret.port() == 0 ? engine.defaultPort() : secret.port();
        if (pins.stream().noneMatch(p -> p.matches(secret.host(), port, secret.dbname()))) {
            throw new Refusal(Refusal.Reason.UNTRUSTED_ENDPOINT, what + " names database " + secret.host() + ":" + port + "/"
                    + (secret.dbname() == null ? "" : secret.dbname()) + ", which is not one of DB_ENDPOINTS " + pins);
        }
    }
}
