package org.bluegreen.rotator.log;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a log line as CloudWatch Logs reads an Embedded Metric Format document, following the specification
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * the whole line one JSON object; {@code _aws} with a numeric {@code Timestamp} (epoch milliseconds) and a
 * {@code CloudWatchMetrics} array of directives; each directive a {@code Namespace} (1 to 255 characters), a
 * {@code Dimensions} array of dimension sets (at most 30 keys each, every key a root member holding a string) and
 * a {@code Metrics} array (at most 100, each {@code Name} a root member holding a number or an array of numbers,
 * {@code Unit} one of CloudWatch's units, {@code StorageResolution} 1 or 60). Objects the specification defines
 * take no other members. Anything else is an error, as CloudWatch would reject the document; a valid one yields one
 * datum per directive, dimension set and metric.
 */
final class EmbeddedMetricExtractor {

    /** One metric value CloudWatch would record. */
    record Datum(String namespace, String name, Map<String, String> dimensions, double value, String unit, long timestamp) {
    }

    static final class InvalidDocument extends RuntimeException {
        InvalidDocument(String message) {
            super(message);
        }
    }

    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

    private EmbeddedMetricExtractor() {
    }

    static List<Datum> extract(String line) {
        Map<String, Object> root;
        try {
            root = JSON.std.mapFrom(line.strip());
        } catch (IOException e) {
            throw new InvalidDocument("not one JSON object: " + e.getMessage());
        }
        Map<String, Object> aws = object(root.get("_aws"), "_aws");
        only(aws, "_aws", Set.of("Timestamp", "CloudWatchMetrics"));
        if (!(aws.get("Timestamp") instanceof Number timestamp)) {
            throw new InvalidDocument("_aws.Timestamp must be a number");
        }
        List<Datum> data = new ArrayList<>();
        for (Object d : array(aws.get("CloudWatchMetrics"), "_aws.CloudWatchMetrics")) {
            Map<String, Object> directive = object(d, "MetricDirective");
            only(directive, "MetricDirective", Set.of("Namespace", "Dimensions", "Metrics"));
            if (!(directive.get("Namespace") instanceof String namespace) || namespace.isEmpty() || namespace.length() > 255) {
                throw new InvalidDocument("Namespace must be a string of 1 to 255 characters");
            }
            List<Object> metrics = array(directive.get("Metrics"), "Metrics");
            if (metrics.size() > 100) {
                throw new InvalidDocument("more than 100 metrics in one directive");
            }
            for (Object set : array(directive.get("Dimensions"), "Dimensions")) {
                List<Object> keys = array(set, "DimensionSet");
                if (keys.size() > 30) {
                    throw new InvalidDocument("more than 30 dimensions in one set");
                }
                Map<String, String> dimensions = new LinkedHashMap<>();
                for (Object key : keys) {
                    if (!(key instanceof String k) || !(root.get(k) instanceof String value)) {
                        throw new InvalidDocument("dimension " + key + " is not a root member holding a string");
                    }
                    if (value.isEmpty() || value.length() > 1024) {
                        throw new InvalidDocument("dimension " + k + " must have 1 to 1024 characters");
                    }
                    dimensions.put(k, value);
                }
                for (Object m : metrics) {
                    Map<String, Object> definition = object(m, "MetricDefinition");
                    only(definition, "MetricDefinition", Set.of("Name", "Unit", "StorageResolution"));
                    if (!(definition.get("Name") instanceof String name) || name.isEmpty() || name.length() > 1024) {
                        throw new InvalidDocument("a metric's Name must be a string of 1 to 1024 characters");
                    }
                    Object unit = definition.get("Unit");
                    if (unit != null && !UNITS.contains(unit)) {
                        throw new InvalidDocument("unknown unit " + unit);
                    }
                    Object resolution = definition.get("StorageResolution");
                    if (resolution != null && !(resolution.equals(1) || resolution.equals(60))) {
                        throw new InvalidDocument("StorageResolution must be 1 or 60");
                    }
                    for (double value : values(root.get(name), name)) {
                        data.add(new Datum(namespace, name, dimensions, value, unit == null ? "None" : (String) unit,
                                timestamp.longValue()));
                    }
                }
            }
        }
        return data;
    }

    private static List<Double> values(Object member, String name) {
        if (member instanceof Number n) {
            return List.of(n.doubleValue());
        }
        if (member instanceof List<?> list && !list.isEmpty() && list.size() <= 100 && list.stream().allMatch(Number.class::isInstance)) {
            return list.stream().map(v -> ((Number) v).doubleValue()).toList();
        }
        throw new InvalidDocument("metric " + name + " is not a root member holding a number or an array of numbers");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object x, String what) {
        if (!(x instanceof Map<?, ?> m)) {
            throw new InvalidDocument(what + " must be an object");
        }
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Object x, String what) {
        if (!(x instanceof List<?> l)) {
            throw new InvalidDocument(what + " must be an array");
        }
        return (List<Object>) l;
    }

    private static void only(Map<String, Object> object, String what, Set<String> members) {
        for (String key : object.keySet()) {
            if (!members.contains(key)) {
                throw new InvalidDocument(what + " has a member the specification does not define: " + key);
            }
        }
        for (String required : members) {
            if (!required.equals("Unit") && !required.equals("StorageResolution") && !object.containsKey(required)) {
                throw new InvalidDocument(what + " lacks " + required);
            }
        }
    }
}
