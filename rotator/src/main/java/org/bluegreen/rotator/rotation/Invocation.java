package org.bluegreen.rotator.rotation;

import org.bluegreen.rotator.aws.SecretMetadata;
import org.bluegreen.rotator.config.PairConfig;
import org.bluegreen.rotator.log.JsonLog;
import org.bluegreen.rotator.log.Redactor;
import org.bluegreen.rotator.secret.DbSecret;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * One invocation of a step. It owns the {@link Redactor} for everything the step sees (passwords, the rotation
 * token), writes its log lines through it, and turns whatever the step throws into a {@link StepOutcome} whose texts
 * are already masked. The redactor lives as long as the invocation: a warm container keeps no old password.
 */
final class Invocation {

    private final Redactor redactor = new Redactor();
    private final JsonLog log;
    private StepSubject subject;

    /** @param secretId names the secret in the outcome until the step has read its name */
    Invocation(JsonLog log, String secretId) {
        this.log = log.redactedBy(redactor);
        this.subject = StepSubject.of(secretId);
    }

    /** The step's log: every line names the secret by ARN and by name, as far as they are known. */
    JsonLog log() {
        return log.stamped("secretArn", subject.secretArn(), "secretName", subject.secretName());
    }

    StepSubject subject() {
        return subject;
    }

    /** What DescribeSecret said: outcomes and lines name the secret by ARN and name from now on. */
    void named(SecretMetadata meta) {
        subject = subject.named(meta);
    }

    /** The step's configuration: its app (pointer parameter) and slot. */
    void configured(PairConfig pair) {
        subject = subject.configured(pair);
    }

    /** Remembers a value to mask. */
    String sensitive(String value) {
        redactor.add(value);
        return value;
    }

    /** Remembers the secret's password, and returns the secret. */
    DbSecret sensitive(DbSecret s) {
        redactor.add(s.password());
        return s;
    }

    /** Runs the step; nothing it throws leaves this method, and no outcome holds an unmasked value. */
    StepOutcome run(Supplier<StepOutcome.Succeeded> step) {
        try {
            StepOutcome.Succeeded done = step.get();
            return new StepOutcome.Succeeded(subject, done.result(), redactor.redact(done.message()));
        } catch (Refusal r) {
            return new StepOutcome.Refused(subject, r.reason(), redactor.redact(r.getMessage()));
        } catch (RuntimeException e) {
            SQLException sql = sqlCause(e);
            return new StepOutcome.Failed(subject, e.getClass().getName(), redactor.redact(String.valueOf(e.getMessage())),
                    sql == null ? null : sql.getSQLState(), sql == null ? null : sql.getErrorCode());
        }
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
