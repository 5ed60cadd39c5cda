package org.bluegreen.testkit.db;

/**
 * A MySQL-family server at a known address with a known admin account (a container's root, the external server's
 * admin); {@link #close()} runs {@code stop}.
 */
record AdministeredMySqlServer(String host, int port, String adminUser, String adminPassword, String description,
                               Runnable stop) implements MySqlFamilyServer {

    @Override
    public MariaDbServer newScope() {
        return MariaDbServer.at(host, port, adminUser, adminPassword);
    }

    @Override
    public String describe() {
        return description + " on " + host + ":" + port;
    }

    @Override
    public void close() {
        stop.run();
    }

    /** Without the password. */
    @Override
    public String toString() {
        return describe();
    }
}
