package org.bluegreen.rotator.log;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JsonLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Redactor redactor = new Redactor();
    private final JsonLog log = new JsonLog(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC), redactor);

    @Test
    void oneJsonObjectPerLineWithTheFieldsGiven() throws Exception {
        log.info("createSecret").with("secret", "app-blue").with("durationMs", 12L).write();
        Map<String, Object> line = JSON.std.mapFrom(bytes.toString(StandardCharsets.UTF_8).trim());
        assertEquals(Map.of("time", "2026-11-01T00:00:00Z", "level", "INFO", "event", "createSecret",
                "secret", "app-blue", "durationMs", 12), line);
    }

    @Test
    void registeredValuesAreMaskedInEveryField() {
        redactor.add("hunter2-password");
        log.error("setSecret").with("detail", "ALTER USER x PASSWORD 'hunter2-password'")
                .with("error", "syntax error near hunter2-password").write();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("hunter2-password"), out);
        assertEquals(2, out.split("\\*\\*\\*", -1).length - 1, out);
    }
}
