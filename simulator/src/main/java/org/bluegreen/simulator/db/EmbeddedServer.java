package org.bluegreen.simulator.db;

import org.bluegreen.testkit.db.PasswordCheckingPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/** The testkit's private PostgreSQL, started for this run: SCRAM passwords enforced over TCP, nothing to install. */
public final class EmbeddedServer implements DatabaseServer {

    private final PasswordCheckingPostgres postgres;
    private final boolean tls;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedServer(PasswordCheckingPostgres postgres, boolean tls) {
        this.postgres = postgres;
        this.tls = tls;
    }

    /** @param tls whether the app and the rotation connect with TLS (costs about twice the CPU per login) */
    public static EmbeddedServer start(boolean tls) {
        PasswordCheckingPostgres pg = PasswordCheckingPostgres.start();
        if (tls && !pg.sslEnabled()) {
            pg.close();
            throw new IllegalStateException("TLS was asked for, but the embedded PostgreSQL has none: " + pg.sslProblem());
        }
        return new EmbeddedServer(pg, tls);
    }

    @Override
    public String host() {
        return postgres.host();
    }

    @Override
    public int port() {
        return postgres.port();
    }

    @Override
    public String database() {
        return "postgres";
    }

    @Override
    public boolean tls() {
        return tls;
    }

    @Override
    public Connection adminConnection() throws SQLException {
        return postgres.adminConnection(database());
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL 14 on " + host() + ":" + port() + " (scram-sha-256 enforced over TCP"
                + (tls ? ", TLS" : ", no TLS on loopback") + ")";
    }

    /** Stops the server and deletes its files; safe to call twice (e.g. from a shutdown hook after Ctrl-C). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            postgres.close();
        }
    }
}
