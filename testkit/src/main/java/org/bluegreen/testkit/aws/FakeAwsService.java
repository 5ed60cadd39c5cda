package org.bluegreen.testkit.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What the three fakes share: the injected clock, the log of calls, injected failures, and errors
 * shaped like the SDK's.
 *
 * <p>Every API operation of a fake runs while holding the fake's monitor, so a fake is safe to share
 * between threads and each operation is atomic.
 *
 * <p>Operation names are the API names, e.g. {@code "PutSecretValue"}, {@code "UpdateService"},
 * {@code "GetParameter"}.
 */
public abstract class FakeAwsService {
    /** Region used in every ARN the fakes make. */
    public static final String REGION = "us-east-1";
    /** Account id used in every ARN the fakes make. */
    public static final String ACCOUNT_ID = "123456789012";

    private record Fault(RuntimeException error, boolean afterWrite) {}

    /** A fault for a later call: {@code skip} more calls of its operation pass first. */
    private static final class LaterFault {
        final Fault fault;
        int skip;

        LaterFault(Fault fault, int skip) {
            this.fault = fault;
            this.skip = skip;
        }
    }

    protected final Clock clock;
    private final String errorServiceName;
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Deque<Fault>> faults = new HashMap<>();
    private final Map<String, LaterFault> laterFaults = new HashMap<>();

    protected FakeAwsService(Clock clock, String errorServiceName) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.errorServiceName = errorServiceName;
    }

    /**
     * The next call of {@code operation} throws {@code error} before doing anything, so the state is
     * unchanged (a request that never reached AWS). Several injections for one operation apply to
     * successive calls in the order given.
     */
    public synchronized void failNextCall(String operation, RuntimeException error) {
        faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(new Fault(error, false));
    }

    /**
     * The next call of {@code operation} makes its change and then throws {@code error}: the write
     * reached AWS but the caller saw a crash or timeout.
     */
    public synchronized void failAfterNextCall(String operation, RuntimeException error) {
        faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(new Fault(error, true));
    }

    /**
     * The call of {@code operation} after the next {@code skip} ones fails: before its write, or after it when
     * {@code afterWrite} (the write reached AWS, the caller saw a crash). One such fault per operation at a time;
     * {@link #failNextCall} and {@link #failAfterNextCall} take precedence.
     */
    public synchronized void failCall(String operation, int skip, boolean afterWrite, RuntimeException error) {
        laterFaults.put(operation, new LaterFault(new Fault(error, afterWrite), skip));
    }

    /** Disarms every injected failure that has not happened yet. */
    public synchronized void clearFaults() {
        faults.clear();
        laterFaults.clear();
    }

    /** Whether a fault armed by {@link #failCall} is still waiting for its call. */
    public synchronized boolean faultPending(String operation) {
        return laterFaults.containsKey(operation);
    }

    /** Names of the operations called so far, in order, including calls that failed. */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** Forgets the recorded calls (e.g. after test setup); injected failures stay armed. */
    public synchronized void clearCalls() {
        calls.clear();
    }

    /** Runs one operation atomically: records it, applies any injected failure around {@code action}. */
    protected final synchronized <T> T call(String operation, Supplier<T> action) {
        RuntimeException afterWrite = begin(operation);
        T result;
        try {
            result = action.get();
        } catch (RuntimeException serviceError) {
            // The request reached AWS and failed there, but its response was lost: the caller sees the crash.
            throw afterWrite != null ? afterWrite : serviceError;
        }
        end(afterWrite);
        return result;
    }

    /**
     * First half of {@link #call} for operations that must release the lock midway: records the call,
     * throws a "before" fault, and returns the "after" fault (or null) to pass to {@link #end}.
     */
    protected final synchronized RuntimeException begin(String operation) {
        calls.add(operation);
        Deque<Fault> queue = faults.get(operation);
        Fault fault = queue == null ? null : queue.poll();
        if (fault == null) {
            fault = laterFault(operation);
        }
        if (fault == null) {
            return null;
        }
        if (!fault.afterWrite()) {
            throw fault.error();
        }
        return fault.error();
    }

    private Fault laterFault(String operation) {
        LaterFault later = laterFaults.get(operation);
        if (later == null) {
            return null;
        }
        if (later.skip-- > 0) {
            return null;
        }
        laterFaults.remove(operation);
        return later.fault;
    }

    protected static void end(RuntimeException afterWrite) {
        if (afterWrite != null) {
            throw afterWrite;
        }
    }

    protected final Instant now() {
        return clock.instant();
    }

    /**
     * Builds a service error the way the SDK does after a 400 response, so both {@code getMessage()}
     * and {@code awsErrorDetails().errorCode()} look real.
     */
    protected final AwsServiceException error(AwsServiceException.Builder builder, String errorCode, String message) {
        return builder.message(message)
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(errorCode)
                        .errorMessage(message)
                        .serviceName(errorServiceName)
                        .build())
                .build();
    }
}
