package org.bluegreen.testkit.db;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for a database server an attacker runs: it listens on a free port of 127.0.0.1, speaks just enough of
 * the PostgreSQL or MySQL protocol to make a client send its credentials, records every byte each client sends, and
 * then refuses the login. Tests point a forged secret at it and prove no password reached it.
 *
 * <ul>
 *   <li>PostgreSQL ({@link #postgres()}): declines TLS ({@code N} to an SSLRequest, as a server without TLS does),
 *       answers the startup message with AuthenticationCleartextPassword, so a client that goes on sends its
 *       password in plain text (PasswordMessage), then fails the login with SQLState 28P01.</li>
 *   <li>MySQL ({@link #mysql()}): a HandshakeV10 without the SSL capability that asks for
 *       {@code mysql_native_password} (Connector/J refuses a first request for {@code mysql_clear_password} without
 *       TLS outright); the client's HandshakeResponse (user name and a scramble of the password) is recorded, then an
 *       AuthSwitchRequest to {@code mysql_clear_password}, then the login fails with error 1045.</li>
 * </ul>
 * One connection at a time is plenty for the tests; each is read until the client stops or the exchange ends.
 */
public final class RecordingDatabaseServer implements AutoCloseable {

    /** What one client connection sent. */
    public record Connection(byte[] bytes, String user) {
        /** True when {@code secret} appears in what the client sent, as UTF-8. */
        public boolean contains(String secret) {
            return new String(bytes, StandardCharsets.ISO_8859_1).contains(
                    new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
    }

    private interface Protocol {
        /** Talks to one client; returns the user name it sent, or null when it sent none. */
        String converse(InputStream in, OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final Protocol protocol;
    private final List<Connection> connections = new ArrayList<>();
    private final Thread acceptor;
    private int inProgress;

    private RecordingDatabaseServer(Protocol protocol, String name) throws IOException {
        this.protocol = protocol;
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::serve, "recording-" + name + "-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A fake PostgreSQL server that asks for the password in clear text. */
    public static RecordingDatabaseServer postgres() throws IOException {
        return new RecordingDatabaseServer(RecordingDatabaseServer::postgresConversation, "postgres");
    }

    /** A fake MySQL server that asks for {@code mysql_clear_password}. */
    public static RecordingDatabaseServer mysql() throws IOException {
        return new RecordingDatabaseServer(RecordingDatabaseServer::mysqlConversation, "mysql");
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Every connection so far, in order (waiting for one still in progress: its client may have given up already). */
    public synchronized List<Connection> connections() {
        long deadline = System.currentTimeMillis() + 5_000;
        while (inProgress > 0 && System.currentTimeMillis() < deadline) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.copyOf(connections);
    }

    /** True when any client sent {@code secret} (as UTF-8) to this server. */
    public boolean received(String secret) {
        return connections().stream().anyMatch(c -> c.contains(secret));
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                synchronized (this) {
                    inProgress++;
                }
                client.setSoTimeout(5_000);
                RecordingInput in = new RecordingInput(client.getInputStream());
                String user = null;
                try {
                    user = protocol.converse(in, client.getOutputStream());
                } catch (IOException clientWentAway) {
                    // what it sent so far is recorded all the same
                }
                synchronized (this) {
                    connections.add(new Connection(in.recorded(), user));
                    inProgress--;
                    notifyAll();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------- PostgreSQL

    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int PROTOCOL_3 = 196608;

    private static String postgresConversation(InputStream input, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(input);
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            byte[] rest = new byte[Math.max(0, length - 8)];
            in.readFully(rest);
            if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                out.write('N'); // no TLS here: a client that requires it must stop now
                out.flush();
                continue;
            }
            if (code != PROTOCOL_3) {
                return null;
            }
            String user = startupParameter(rest, "user");
            // AuthenticationCleartextPassword
            out.write(new byte[]{'R', 0, 0, 0, 8, 0, 0, 0, 3});
            out.flush();
            int type = in.read();
            if (type == 'p') {
                byte[] password = new byte[in.readInt() - 4];
                in.readFully(password);
            }
            writePostgresError(out);
            return user;
        }
    }

    private static String startupParameter(byte[] body, String name) {
        String[] parts = new String(body, StandardCharsets.UTF_8).split("\0");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            if (parts[i].equals(name)) {
                return parts[i + 1];
            }
        }
        return null;
    }

    private static void writePostgresError(OutputStream out) throws IOException {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (String f : List.of("SFATAL", "VFATAL", "C28P01", "Mpassword authentication failed")) {
            fields.write(f.getBytes(StandardCharsets.UTF_8));
            fields.write(0);
        }
        fields.write(0);
        out.write('E');
        out.write(ByteBuffer.allocate(4).putInt(fields.size() + 4).array());
        fields.writeTo(out);
        out.flush();
    }

    // ------------------------------------------------------------------------------------------- MySQL

    private static final int CLIENT_LONG_PASSWORD = 0x1;
    private static final int CLIENT_LONG_FLAG = 0x4;
    private static final int CLIENT_CONNECT_WITH_DB = 0x8;
    private static final int CLIENT_PROTOCOL_41 = 0x200;
    private static final int CLIENT_TRANSACTIONS = 0x2000;
    private static final int CLIENT_SECURE_CONNECTION = 0x8000;
    private static final int CLIENT_MULTI_RESULTS = 0x20000;
    private static final int CLIENT_PLUGIN_AUTH = 0x80000;
    private static final int CLIENT_CONNECT_ATTRS = 0x100000;
    private static final int CLIENT_PLUGIN_AUTH_LENENC_DATA = 0x200000;

    private static String mysqlConversation(InputStream input, OutputStream out) throws IOException {
        int capabilities = CLIENT_LONG_PASSWORD | CLIENT_LONG_FLAG | CLIENT_CONNECT_WITH_DB | CLIENT_PROTOCOL_41
                | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION | CLIENT_MULTI_RESULTS | CLIENT_PLUGIN_AUTH
                | CLIENT_CONNECT_ATTRS | CLIENT_PLUGIN_AUTH_LENENC_DATA; // no CLIENT_SSL (0x800)
        ByteBuffer hello = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        hello.put((byte) 10).put("8.0.36-recording\0".getBytes(StandardCharsets.US_ASCII)).putInt(1);
        hello.put("abcdefgh".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        hello.putShort((short) (capabilities & 0xffff)).put((byte) 45).putShort((short) 2);
        hello.putShort((short) (capabilities >>> 16)).put((byte) 21).put(new byte[10]);
        hello.put("ijklmnopqrst\0".getBytes(StandardCharsets.US_ASCII));
        // Connector/J will not even answer a first request for mysql_clear_password without TLS; it does answer
        // mysql_native_password, with the user name and a scramble of the password (enough to guess it offline).
        hello.put("mysql_native_password\0".getBytes(StandardCharsets.US_ASCII));
        writeMysqlPacket(out, 0, hello.array(), hello.position());

        byte[] response = readMysqlPacket(input);
        // HandshakeResponse41: capabilities(4), max packet(4), charset(1), filler(23), user NUL-terminated
        String user = null;
        if (response.length > 32) {
            int end = 32;
            while (end < response.length && response[end] != 0) {
                end++;
            }
            user = new String(response, 32, end - 32, StandardCharsets.UTF_8);
        }
        // Then ask for the password in clear text (AuthSwitchRequest), as an attacker's server would.
        byte[] authSwitch = "\u00femysql_clear_password\0".getBytes(StandardCharsets.ISO_8859_1);
        writeMysqlPacket(out, 2, authSwitch, authSwitch.length);
        int sequence = 4;
        try {
            readMysqlPacket(input);
        } catch (EOFException refusedToSwitch) {
            return user;
        }
        ByteBuffer err = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        err.put((byte) 0xff).putShort((short) 1045).put("#28000Access denied".getBytes(StandardCharsets.US_ASCII));
        writeMysqlPacket(out, sequence, err.array(), err.position());
        return user;
    }

    private static byte[] readMysqlPacket(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new EOFException("client closed before its handshake response");
        }
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException("client closed in the middle of a packet");
        }
        return payload;
    }

    private static void writeMysqlPacket(OutputStream out, int sequence, byte[] payload, int length) throws IOException {
        out.write(new byte[]{(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) sequence});
        out.write(payload, 0, length);
        out.flush();
    }

    /** Keeps a copy of everything read through it. */
    private static final class RecordingInput extends InputStream {
        private final InputStream in;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        RecordingInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
            }
            return n;
        }

        byte[] recorded() {
            return copy.toByteArray();
        }
    }
}
