package org.bluegreen.cli.aws;

import org.bluegreen.cli.CliException;
import org.bluegreen.rotator.aws.AwsStateException;
import org.bluegreen.rotator.config.ConfigurationException;
import org.bluegreen.rotator.rotation.RotationException;
import org.bluegreen.rotator.secret.InvalidSecretException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one call through a rotator seam and turns what can go wrong into a {@link CliException} that names the
 * IAM action and the resource: the operator's first question is "which permission, on what?".
 */
public final class AwsCall {

    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied", "UnauthorizedOperation",
            "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredTokenException", "InvalidSignatureException");

    private AwsCall() {
    }

    /**
     * @param action   the IAM action, e.g. {@code secretsmanager:DescribeSecret}
     * @param resource what it acts on, e.g. {@code secret 'app-blue'}
     */
    public static <T> T run(String action, String resource, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsStateException | ConfigurationException | InvalidSecretException | RotationException e) {
            throw new CliException(e.getMessage(), e); // the rotator's messages already name what is wrong
        } catch (AwsServiceException e) {
            throw new CliException(describe(action, resource, e), e);
        } catch (SdkClientException e) {
            if (unreachable(e)) {
                throw new AwsUnreachable("cannot reach AWS for " + action + " on " + resource + ": " + e.getMessage()
                        + " (" + AwsUnreachable.ADVICE + ")", e);
            }
            throw new CliException("the AWS client failed for " + action + " on " + resource + ": " + e.getMessage()
                    + " (check credentials: --profile, AWS_PROFILE or AWS_ACCESS_KEY_ID)", e);
        }
    }

    /** A connection that failed or timed out, as opposed to, say, missing credentials. */
    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof SocketTimeoutException
                    || t instanceof NoRouteToHostException || t instanceof ApiCallTimeoutException
                    || t instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
        }
        return false;
    }

    public static void run(String action, String resource, Runnable call) {
        run(action, resource, () -> {
            call.run();
            return null;
        });
    }

    static String describe(String action, String resource, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? e.getMessage() : e.awsErrorDetails().errorMessage();
        if (e.statusCode() == 403 || (code != null && DENIED.contains(code))) {
            return "access denied: " + action + " on " + resource + " (" + code + ": " + message
                    + "); allow " + action + " for the role you run as";
        }
        if ("ResourceNotFoundException".equals(code)) {
            return resource + " does not exist (" + action + ": " + message + ")";
        }
        return action + " on " + resource + " failed: " + code + ": " + message;
    }
}
