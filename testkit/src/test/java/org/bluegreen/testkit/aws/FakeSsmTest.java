package org.bluegreen.testkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;

class FakeSsmTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final FakeSsm ssm = new FakeSsm(clock);

    private long put(String value, Boolean overwrite) {
        return ssm.putParameter(r -> r.name("/app/db/active").value(value).type(ParameterType.STRING).overwrite(overwrite)).version();
    }

    private Parameter get(String name) {
        return ssm.getParameter(r -> r.name(name)).parameter();
    }

    @Test
    void firstWriteIsVersionOneWithClockTimestampAndArn() {
        assertEquals(1L, put("blue", null));
        Parameter p = get("/app/db/active");
        assertEquals("/app/db/active", p.name());
        assertEquals(ParameterType.STRING, p.type());
        assertEquals("blue", p.value());
        assertEquals(1L, p.version());
        assertEquals(T0, p.lastModifiedDate());
        assertEquals("arn:aws:ssm:us-east-1:123456789012:parameter/app/db/active", p.arn());
        assertEquals("arn:aws:ssm:us-east-1:123456789012:parameter/plain", FakeSsm.arn("plain"));
    }

    @Test
    void writingAnExistingNameWithoutOverwriteFailsAndChangesNothing() {
        put("blue", null);
        var e = assertThrows(ParameterAlreadyExistsException.class, () -> put("green", false));
        assertEquals("ParameterAlreadyExists", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertThrows(ParameterAlreadyExistsException.class, () -> put("green", null));
        assertEquals("blue", get("/app/db/active").value());
        assertEquals(1L, get("/app/db/active").version());
    }

    @Test
    void everyOverwriteBumpsTheVersionEvenWithTheSameValue() {
        put("blue", null);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(2L, put("green", true));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(3L, put("green", true));
        Parameter p = get("/app/db/active");
        assertEquals("green", p.value());
        assertEquals(3L, p.version());
        assertEquals(T0.plus(Duration.ofMinutes(10)), p.lastModifiedDate());
    }

    @Test
    void versionSelectorAndHistory() {
        put("blue", null);
        clock.advance(Duration.ofSeconds(1));
        put("green", true);
        Parameter first = get("/app/db/active:1");
        assertEquals("blue", first.value());
        assertEquals(":1", first.selector());
        assertEquals(T0, first.lastModifiedDate());
        assertThrows(ParameterVersionNotFoundException.class, () -> get("/app/db/active:7"));

        List<ParameterHistory> history = ssm.getParameterHistory(r -> r.name("/app/db/active")).parameters();
        assertEquals(List.of("blue", "green"), history.stream().map(ParameterHistory::value).toList());
        assertEquals(List.of(1L, 2L), history.stream().map(ParameterHistory::version).toList());
    }

    @Test
    void missingParameterIsParameterNotFound() {
        var e = assertThrows(ParameterNotFoundException.class, () -> get("/nope"));
        assertEquals("ParameterNotFound", e.awsErrorDetails().errorCode());
        assertThrows(ParameterNotFoundException.class, () -> ssm.getParameterHistory(r -> r.name("/nope")));
    }

    @Test
    void failNextCallLeavesStateUnchanged() {
        put("blue", null);
        RuntimeException boom = new RuntimeException("connection reset");
        ssm.failNextCall("PutParameter", boom);
        assertSame(boom, assertThrows(RuntimeException.class, () -> put("green", true)));
        assertEquals("blue", get("/app/db/active").value());
        assertEquals(1L, get("/app/db/active").version());
        assertEquals(2L, put("green", true), "the injected failure is used up by one call");
    }

    @Test
    void failAfterNextCallAppliesTheWriteThenThrows() {
        put("blue", null);
        RuntimeException timeout = new RuntimeException("read timed out");
        ssm.failAfterNextCall("PutParameter", timeout);
        assertSame(timeout, assertThrows(RuntimeException.class, () -> put("green", true)));
        assertEquals("green", get("/app/db/active").value());
        assertEquals(2L, get("/app/db/active").version());
    }

    @Test
    void callsAreRecordedInOrderIncludingFailures() {
        put("blue", null);
        assertThrows(ParameterNotFoundException.class, () -> get("/nope"));
        get("/app/db/active");
        assertEquals(List.of("PutParameter", "GetParameter", "GetParameter"), ssm.calls());
        ssm.clearCalls();
        assertEquals(List.of(), ssm.calls());
        assertEquals("ssm", ssm.serviceName());
    }

    @Test
    void typeIsKeptOnOverwriteWhenNotGiven() {
        ssm.putParameter(r -> r.name("p").value("a").type(ParameterType.SECURE_STRING));
        ssm.putParameter(r -> r.name("p").value("b").overwrite(true));
        assertEquals(ParameterType.SECURE_STRING, get("p").type());
        assertNull(get("p").selector());
    }

    /** The pattern stays with the parameter: a later write without one is still checked (as the template's pointer). */
    @Test
    void allowedPatternIsKeptAndChecksEveryLaterWrite() {
        ssm.putParameter(r -> r.name("/p").value("green").type(ParameterType.STRING).allowedPattern("^(blue|green)$"));
        var e = assertThrows(software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException.class,
                () -> ssm.putParameter(r -> r.name("/p").value("purple").overwrite(true)));
        assertEquals("ParameterPatternMismatchException", e.awsErrorDetails().errorCode());
        assertEquals("green", get("/p").value());
        ssm.putParameter(r -> r.name("/p").value("blue").overwrite(true));
        assertEquals(2L, get("/p").version());
        assertEquals("^(blue|green)$", ssm.allowedPattern("/p"));
    }

    @Test
    void deleteParameterRemovesItAndAnUnknownNameIsNotFound() {
        put("blue", null);
        ssm.deleteParameter(r -> r.name("/app/db/active"));
        assertThrows(ParameterNotFoundException.class, () -> get("/app/db/active"));
        assertThrows(ParameterNotFoundException.class, () -> ssm.deleteParameter(r -> r.name("/app/db/active")));
        assertEquals(false, ssm.exists("/app/db/active"));
    }
}
