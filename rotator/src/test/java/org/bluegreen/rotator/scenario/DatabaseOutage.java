package org.bluegreen.rotator.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 in front of the test database, so a test can take the database away from the function
 * and give it back: while it is down, every new connection is accepted and closed at once (the server went away
 * mid-handshake), and the connections it relays are cut. The pair's secrets and {@code DB_ENDPOINTS} name the relay;
 * the test's own checks go to the database directly.
 */
final class DatabaseOutage implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> relayed = ConcurrentHashMap.newKeySet();
    private int accepted;
    /** Connections accepted since the last {@link #mark()} from which on the database is down; 0: up. */
    private int downFrom;

    DatabaseOutage(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "database-outage-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String host() {
        return "127.0.0.1";
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Starts counting connections anew and brings the database back. */
    synchronized void mark() {
        accepted = 0;
        downFrom = 0;
    }

    /** The database goes away at the {@code n}-th connection from the last {@link #mark()} on (1: at once). */
    synchronized void downFromConnection(int n) {
        downFrom = n;
    }

    /** The database is back. */
    synchronized void up() {
        downFrom = 0;
    }

    /** Connections accepted since the last {@link #mark()}, refused ones included. */
    synchronized int connections() {
        return accepted;
    }

    private synchronized boolean admit() {
        accepted++;
        boolean down = downFrom > 0 && accepted >= downFrom;
        if (down) {
            relayed.forEach(DatabaseOutage::closeQuietly);
        }
        return !down;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (!admit()) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket(targetHost, targetPort);
                relayed.add(client);
                relayed.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                relayed.remove(from);
                relayed.remove(to);
            }
        }, "database-outage-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        relayed.forEach(DatabaseOutage::closeQuietly);
    }
}
