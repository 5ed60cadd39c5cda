package org.bluegreen.rotator.engine;

import org.bluegreen.rotator.secret.InvalidSecretException;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.bluegreen.rotator.log.Untrusted.quote;

/** Chooses the engine for a secret's {@code engine} field. */
public final class Engines {

    private static final Map<String, DatabaseEngine> BY_NAME = new TreeMap<>();

    static {
        DatabaseEngine postgres = new PostgresEngine();
        BY_NAME.put("postgres", postgres);
        BY_NAME.put("aurora-postgresql", postgres);
        DatabaseEngine mysql = new MySqlEngine();
        BY_NAME.put("mysql", mysql);
        BY_NAME.put("mariadb", mysql);
        BY_NAME.put("aurora-mysql", mysql);
    }

    /** The families of servers we tell apart: they differ in SQL and catalogs. */
    public enum Family { POSTGRESQL, MYSQL }

    private Engines() {
    }

    /** The family of a secret's {@code engine} field; an unsupported engine is refused as by {@link #forName}. */
    public static Family family(String engine) {
        return forName(engine) instanceof PostgresEngine ? Family.POSTGRESQL : Family.MYSQL;
    }

    public static DatabaseEngine forName(String engine) {
        DatabaseEngine found = engine == null ? null : BY_NAME.get(engine.toLowerCase(Locale.ROOT));
        if (found == null) {
            throw new InvalidSecretException("engine " + quote(engine) + " is not supported (supported: "
                    + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return found;
    }
}
