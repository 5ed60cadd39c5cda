package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.log.Redactor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One invocation masks what it saw in its outcome and its log lines; the next invocation starts knowing nothing. */
class InvocationTest {

    private static final String SECRET = "s3cret-Password-42";
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-green-AbCdEf";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.systemUTC(), new Redactor());

    @Test
    void aFailureIsMaskedAndKeepsTheDatabaseCodes() {
        Invocation invocation = new Invocation(log, "app-blue");
        StepOutcome outcome = invocation.run(() -> {
            invocation.sensitive(SECRET);
            invocation.log().info("setSecret").with("note", "trying " + SECRET).write();
            throw new RotationException("driver said: bad statement near '" + SECRET + "'",
                    new SQLException("syntax error", "42601", 1064));
        });
        StepOutcome.Failed failed = assertInstanceOf(StepOutcome.Failed.class, outcome);
        assertEquals("driver said: bad statement near '***'", failed.message());
        assertEquals(RotationException.class.getName(), failed.errorClass());
        assertEquals("42601", failed.sqlState());
        assertEquals(1064, failed.vendorCode());
        assertEquals("app-blue", failed.secret());
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains(SECRET), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("trying ***"));
    }

    @Test
    void aRefusalKeepsItsReasonAndTheSecretsName() {
        Invocation invocation = new Invocation(log, ARN);
        StepOutcome outcome = invocation.run(() -> {
            invocation.named(new SecretMetadata(ARN, "app-green", true, Map.of(), Map.of()));
            throw new Refusal(Refusal.Reason.ACTIVE_SLOT, "secret 'app-green' is the active slot");
        });
        StepOutcome.Refused refused = assertInstanceOf(StepOutcome.Refused.class, outcome);
        assertEquals(Refusal.Reason.ACTIVE_SLOT, refused.reason());
        assertEquals("app-green", refused.secret());
        assertEquals("refused: secret 'app-green' is the active slot", refused.message());
    }

    @Test
    void theNextInvocationDoesNotKnowTheLastOnesValues() {
        Invocation first = new Invocation(log, "app-blue");
        first.run(() -> new StepOutcome.Succeeded(first.subject(), StepOutcome.Result.PENDING_CREATED, "saw " + first.sensitive(SECRET)));
        Invocation next = new Invocation(log, "app-blue");
        StepOutcome second = next.run(() -> new StepOutcome.Succeeded(next.subject(), StepOutcome.Result.PENDING_CREATED, SECRET));
        assertEquals(SECRET, second.message(), "a warm container keeps no value from an earlier invocation");
    }
}
