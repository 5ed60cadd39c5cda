package org.bluegreen.rotator.log;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line: what CloudWatch Logs Insights queries best. Every value passes the
 * {@link Redactor}; there is no other way to write a line.
 */
public final class JsonLog {

    private final PrintStream out;
    private final Clock clock;
    private final Redactor redactor;
    /** Fields every line of this log carries, after time, level and event. */
    private final Map<String, Object> stamp;

    public JsonLog(PrintStream out, Clock clock, Redactor redactor) {
        this(out, clock, redactor, Map.of());
    }

    private JsonLog(PrintStream out, Clock clock, Redactor redactor, Map<String, Object> stamp) {
        this.out = out;
        this.clock = clock;
        this.redactor = redactor;
        this.stamp = stamp;
    }

    /** The same log, with these fields (alternating keys and values; null values left out) on every line. */
    public JsonLog stamped(String... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>(stamp);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                fields.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return new JsonLog(out, clock, redactor, Map.copyOf(fields));
    }

    /** The same output and clock, masking what {@code other} knows: one invocation's log. */
    public JsonLog redactedBy(Redactor other) {
        return new JsonLog(out, clock, other, stamp);
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
            stamp.forEach(this::with);
        }

        public Line with(String key, Object value) {
            if (value != null) {
                fields.put(key, value instanceof Number || value instanceof Boolean ? value : value.toString());
            }
            return this;
        }

        /**
         * Makes the line a CloudWatch Embedded Metric Format document: {@code _aws} with the line's time and the
         * given metric directive. The directive holds only names (namespace, metric and dimension keys), never a
         * value read from outside: the values are the line's own fields, and those pass the redactor.
         */
        public Line embedMetrics(Map<String, Object> directive) {
            fields.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(directive)));
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
