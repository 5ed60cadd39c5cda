package org.bluegreen.testkit.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DeleteParameterRequest;
import software.amazon.awssdk.services.ssm.model.DeleteParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterHistoryResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * In-memory SSM Parameter Store: {@code PutParameter} (with {@code AllowedPattern}, kept with the parameter and
 * checked on every later write), {@code GetParameter} (including the {@code name:version} selector),
 * {@code GetParameterHistory} and {@code DeleteParameter}.
 *
 * <p>As in Parameter Store, the first write of a name is version 1 and every later write with
 * {@code Overwrite=true} adds a version, even when the value is unchanged; each write stamps
 * {@code LastModifiedDate} from the clock. {@code WithDecryption} is ignored: values come back as
 * stored. Pagination parameters are ignored (everything fits in one page).
 *
 * <pre>{@code
 * FakeSsm ssm = new FakeSsm(clock);
 * ssm.putParameter(r -> r.name("/app/db/active").value("blue").type(ParameterType.STRING));
 * }</pre>
 */
public final class FakeSsm extends FakeAwsService implements SsmClient {
    private record Entry(String name, ParameterType type, String value, long version, Instant modified, String description,
                         String allowedPattern) {}

    /** History of each parameter, oldest version first. */
    private final Map<String, List<Entry>> parameters = new LinkedHashMap<>();

    public FakeSsm(Clock clock) {
        super(clock, "Ssm");
    }

    @Override
    public PutParameterResponse putParameter(PutParameterRequest request) {
        return call("PutParameter", () -> {
            if (request.name() == null || request.value() == null) {
                throw error(SsmException.builder(), "ValidationException", "Name and Value are required.");
            }
            List<Entry> history = parameters.get(request.name());
            if (history != null && !Boolean.TRUE.equals(request.overwrite())) {
                throw error(ParameterAlreadyExistsException.builder(), "ParameterAlreadyExists",
                        "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
            }
            Entry last = history == null ? null : history.get(history.size() - 1);
            ParameterType type = request.type() != null ? request.type() : last != null ? last.type() : ParameterType.STRING;
            String description = request.description() != null ? request.description() : last != null ? last.description() : null;
            // The pattern stays with the parameter, and SSM checks every later value against it (PutParameter reference).
            String allowedPattern = request.allowedPattern() != null ? request.allowedPattern() : last != null ? last.allowedPattern() : null;
            if (allowedPattern != null && !java.util.regex.Pattern.compile(allowedPattern).matcher(request.value()).find()) {
                throw error(ParameterPatternMismatchException.builder(), "ParameterPatternMismatchException",
                        "Parameter value, cannot be validated against allowedPattern: " + allowedPattern);
            }
            long version = last == null ? 1 : last.version() + 1;
            parameters.computeIfAbsent(request.name(), k -> new ArrayList<>())
                    .add(new Entry(request.name(), type, request.value(), version, now(), description, allowedPattern));
            return PutParameterResponse.builder().version(version).tier(ParameterTier.STANDARD).build();
        });
    }

    @Override
    public GetParameterResponse getParameter(GetParameterRequest request) {
        return call("GetParameter", () -> {
            // Parameter names cannot contain ':', so a colon introduces a version selector.
            String requested = request.name() == null ? "" : request.name();
            int colon = requested.lastIndexOf(':');
            String name = colon < 0 ? requested : requested.substring(0, colon);
            String selector = colon < 0 ? null : requested.substring(colon);
            List<Entry> history = history(name);
            Entry entry = history.get(history.size() - 1);
            if (selector != null) {
                entry = history.stream()
                        .filter(e -> selector.equals(":" + e.version()))
                        .findFirst()
                        .orElseThrow(() -> error(ParameterVersionNotFoundException.builder(), "ParameterVersionNotFound",
                                "Systems Manager could not find version " + selector.substring(1) + " of " + name + "."));
            }
            return GetParameterResponse.builder()
                    .parameter(Parameter.builder()
                            .name(entry.name())
                            .type(entry.type())
                            .value(entry.value())
                            .version(entry.version())
                            .lastModifiedDate(entry.modified())
                            .arn(arn(entry.name()))
                            .dataType("text")
                            .selector(selector)
                            .build())
                    .build();
        });
    }

    @Override
    public GetParameterHistoryResponse getParameterHistory(GetParameterHistoryRequest request) {
        return call("GetParameterHistory", () -> GetParameterHistoryResponse.builder()
                .parameters(history(request.name()).stream()
                        .map(e -> ParameterHistory.builder()
                                .name(e.name())
                                .type(e.type())
                                .value(e.value())
                                .version(e.version())
                                .lastModifiedDate(e.modified())
                                .description(e.description())
                                .tier(ParameterTier.STANDARD)
                                .dataType("text")
                                .build())
                        .toList())
                .build());
    }

    @Override
    public DeleteParameterResponse deleteParameter(DeleteParameterRequest request) {
        return call("DeleteParameter", () -> {
            history(request.name());
            parameters.remove(request.name());
            return DeleteParameterResponse.builder().build();
        });
    }

    /** The pattern PutParameter checks values against, or null. Not recorded as a call. */
    public synchronized String allowedPattern(String name) {
        List<Entry> history = history(name);
        return history.get(history.size() - 1).allowedPattern();
    }

    /** Whether the parameter exists. Not recorded as a call. */
    public synchronized boolean exists(String name) {
        return parameters.containsKey(name);
    }

    private List<Entry> history(String name) {
        List<Entry> history = parameters.get(name);
        if (history == null) {
            throw error(ParameterNotFoundException.builder(), "ParameterNotFound", "Parameter " + name + " not found.");
        }
        return history;
    }

    /** ARN of a parameter: hierarchical names keep their leading slash after "parameter". */
    public static String arn(String name) {
        return "arn:aws:ssm:" + REGION + ":" + ACCOUNT_ID + ":parameter" + (name.startsWith("/") ? "" : "/") + name;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
