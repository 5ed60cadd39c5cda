package org.bluegreen.cli.output;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pretty-printed JSON for {@code --json}; reports build ordered maps, so field names are chosen, not derived. */
public final class Json {

    /** Nulls are written, so a script finds every key whether or not it has a value. */
    private static final JSON PRETTY = JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES);

    private Json() {
    }

    public static String write(Object value) {
        try {
            return PRETTY.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ordered map from alternating keys and values; null values are kept as JSON null. */
    public static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object v = keysAndValues[i + 1];
            map.put((String) keysAndValues[i], v instanceof Instant t ? t.toString() : v);
        }
        return map;
    }
}
