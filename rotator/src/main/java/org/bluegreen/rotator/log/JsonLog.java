package org.bluegreen.rotator.log;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line: what CloudWatch Logs Insights queries best. Every value passes the
 * {@link Redactor}; there is no other way to write a line.
 */
public final class JsonLog {

    private final PrintStream out;
    private final Clock clock;
    private final Redactor redactor;

    public JsonLog(PrintStream out, Clock clock, Redactor redactor) {
        this.out = out;
        this.clock = clock;
        this.redactor = redactor;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** The same output and clock, masking what {@code other} knows: one invocation's log. */
    public JsonLog redactedBy(Redactor other) {
        return new JsonLog(out, clock, other);
    }

    /** A log that writes nowhere, for a caller that reports the outcome itself (the operator CLI). */
    public static JsonLog discarding() {
        return new JsonLog(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC(), new Redactor());
    }

    public Line info(String event) {
        return new Line("INFO", event);
    }

    public Line warn(String event) {
        return new Line("WARN", event);
    }

    public Line error(String event) {
        return new Line("ERROR", event);
    }

    /** A line being built; {@link #write()} prints it. */
    public final class Line {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Line(String level, String event) {
            fields.put("time", clock.instant().toString());
            fields.put("level", level);
            fields.put("event", event);
        }

        public Line with(String key, Object value) {
            if (value != null) {
                fields.put(key, value instanceof Number || value instanceof Boolean ? value : value.toString());
            }
            return this;
        }

        /** The exception's class and message, and for database errors the SQLState and vendor code. */
        public Line error(Throwable e) {
            with("errorClass", e.getClass().getName());
            with("error", e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    with("sqlState", sql.getSQLState());
                    with("vendorCode", sql.getErrorCode());
                    break;
                }
            }
            return this;
        }

        public void write() {
            Map<String, Object> safe = new LinkedHashMap<>();
            fields.forEach((k, v) -> safe.put(k, v instanceof String s ? redactor.redact(s) : v));
            String json;
            try {
                json = JSON.std.asString(safe);
            } catch (IOException e) {
                json = "{\"level\":\"ERROR\",\"event\":\"log-failure\"}";
            }
            synchronized (out) {
                out.println(json);
            }
        }
    }
}
