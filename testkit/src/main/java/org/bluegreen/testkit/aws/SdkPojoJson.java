package org.bluegreen.testkit.aws;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Converts SDK v2 model objects to and from the JSON trees (maps, lists, strings, numbers, booleans) of the AWS
 * JSON 1.1 protocol, driven by each model's {@code sdkFields()}: member names are the fields' wire names
 * ({@code SecretId}, {@code VersionIdsToStages}, ...), so no shape is written by hand.
 *
 * <p>As the SDK does: null members and lists or maps the caller never set are left out; timestamps are epoch
 * seconds with milliseconds unless the member says otherwise; blobs are base64; enums travel as their strings.
 * Members the model does not know are ignored when reading. Document members are not supported.
 */
final class SdkPojoJson {

    private SdkPojoJson() {}

    /** The JSON object of a model object (a request, a response or a nested structure). */
    static Map<String, Object> toJson(SdkPojo pojo) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.location() != MarshallLocation.PAYLOAD) {
                continue; // JSON 1.1 operations carry everything in the body; nothing else to write
            }
            Object value = toJsonValue(field, field.getValueOrDefault(pojo));
            if (value != null) {
                json.put(field.locationName(), value);
            }
        }
        return json;
    }

    /**
     * Fills {@code builder} (e.g. {@code GetSecretValueRequest.builder()}) from a JSON object and builds it.
     *
     * @throws IllegalArgumentException when a member has the wrong JSON type
     */
    @SuppressWarnings("unchecked")
    static <T> T fromJson(Map<?, ?> json, SdkBuilder<?, T> builder) {
        SdkPojo pojo = (SdkPojo) builder;
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        pojo.sdkFields().forEach(f -> fields.put(f.locationName(), f));
        json.forEach((name, value) -> {
            SdkField<?> field = fields.get(String.valueOf(name));
            if (field != null && value != null) {
                field.set(builder, fromJsonValue(field, value));
            }
        });
        return builder.build();
    }

    private static Object toJsonValue(SdkField<?> field, Object value) {
        if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return toJson((SdkPojo) value);
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            ((List<?>) value).forEach(v -> out.add(toJsonValue(member, v)));
            return out;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> out.put(String.valueOf(k), toJsonValue(member, v)));
            return out;
        }
        if (type == MarshallingType.INSTANT) {
            Instant instant = (Instant) value;
            return isIso(field) ? instant.toString() : BigDecimal.valueOf(instant.toEpochMilli(), 3);
        }
        if (type == MarshallingType.SDK_BYTES) {
            return Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe());
        }
        if (type == MarshallingType.DOCUMENT) {
            throw new IllegalArgumentException("document member " + field.memberName() + " is not supported");
        }
        return value; // String (enums included), Boolean and the number types
    }

    private static Object fromJsonValue(SdkField<?> field, Object json) {
        if (json == null) {
            return null;
        }
        MarshallingType<?> type = field.marshallingType();
        String member = field.memberName();
        if (type == MarshallingType.STRING) {
            return as(String.class, json, member);
        }
        if (type == MarshallingType.BOOLEAN) {
            return as(Boolean.class, json, member);
        }
        if (type == MarshallingType.INTEGER) {
            return as(Number.class, json, member).intValue();
        }
        if (type == MarshallingType.LONG) {
            return as(Number.class, json, member).longValue();
        }
        if (type == MarshallingType.SHORT) {
            return as(Number.class, json, member).shortValue();
        }
        if (type == MarshallingType.BYTE) {
            return as(Number.class, json, member).byteValue();
        }
        if (type == MarshallingType.FLOAT) {
            return as(Number.class, json, member).floatValue();
        }
        if (type == MarshallingType.DOUBLE) {
            return as(Number.class, json, member).doubleValue();
        }
        if (type == MarshallingType.BIG_DECIMAL) {
            return new BigDecimal(as(Number.class, json, member).toString());
        }
        if (type == MarshallingType.INSTANT) {
            if (json instanceof String s) {
                return Instant.parse(s);
            }
            BigDecimal seconds = new BigDecimal(as(Number.class, json, member).toString());
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        if (type == MarshallingType.SDK_BYTES) {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(as(String.class, json, member)));
        }
        if (type == MarshallingType.SDK_POJO) {
            return fromJson(as(Map.class, json, member), (SdkBuilder<?, ?>) field.constructor().get());
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> memberField = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>();
            as(List.class, json, member).forEach(v -> out.add(fromJsonValue(memberField, v)));
            return out;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> valueField = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            as(Map.class, json, member).forEach((k, v) -> out.put(String.valueOf(k), fromJsonValue(valueField, v)));
            return out;
        }
        throw new IllegalArgumentException("member " + member + " has a type this converter does not support: " + type);
    }

    private static boolean isIso(SdkField<?> field) {
        return field.getOptionalTrait(TimestampFormatTrait.class)
                .map(t -> t.format() == TimestampFormatTrait.Format.ISO_8601)
                .orElse(false);
    }

    private static <T> T as(Class<T> type, Object json, String member) {
        if (!type.isInstance(json)) {
            throw new IllegalArgumentException("member " + member + " must be a JSON "
                    + type.getSimpleName().replace("Map", "object").replace("List", "array").toLowerCase()
                    + ", got " + json.getClass().getSimpleName());
        }
        return type.cast(json);
    }
}
